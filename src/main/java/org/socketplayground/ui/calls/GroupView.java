package org.socketplayground.ui.calls;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.TextField;
import org.socketplayground.engine.Family;
import org.socketplayground.engine.SocketModule;
import org.socketplayground.engine.py.PyValue;
import org.socketplayground.i18n.Texts;
import org.socketplayground.system.Interfaces;
import org.socketplayground.ui.session.Session;
import org.socketplayground.ui.session.SocketRow;

/**
 * The Group row of the calls pane: join or leave a multicast group on the selected UDP socket, as a Python program
 * does it, with setsockopt and a request packed by struct.pack (IP_ADD_MEMBERSHIP with group and interface address,
 * IPV6_JOIN_GROUP with group and interface index). A group field that holds no group address is flagged.
 */
public final class GroupView {
    /** The interface choice that leaves it to the route, as INADDR_ANY (or index 0) asks (only its index is read). */
    static String route() {
        return Texts.get("calls.groupView.route");
    }

    private final Session session;
    @FXML private TextField groupField;
    @FXML private ChoiceBox<String> groupInterfaceChoice;
    /** The choices after the route's: this machine's interfaces with an IPv4 address, and their indexes. */
    private volatile List<Interfaces.Address> interfaces = List.of();

    public GroupView(Session session) {
        this.session = session;
    }

    @FXML
    private void initialize() {
        groupInterfaceChoice.getItems().setAll(route());
        groupInterfaceChoice.setValue(route());
        CompletableFuture.supplyAsync(Interfaces::list).thenAccept(list -> Platform.runLater(() -> {
            interfaces = list.stream().filter(a -> a.family().equals("IPv4")).toList();
            interfaces.forEach(a -> groupInterfaceChoice.getItems().add(a.interfaceName() + " (" + a.address() + ")"));
        }));
    }

    @FXML
    void join() {
        change(true);
    }

    @FXML
    void leave() {
        change(false);
    }

    private void change(boolean join) {
        SocketRow row = session.selectedSocket();
        if (row == null) {
            session.refuse(Texts.get("calls.callsView.noSocketSelected"), Texts.get("calls.groupView.noSocket.why"));
            return;
        }
        if (row.info().type().isStream() || !row.info().family().usesPorts()) {
            session.refuse(Texts.get("calls.groupView.udpOnly"), Texts.get("calls.groupView.udpOnly.why"), groupField.getId());
            return;
        }
        InetAddress group = group(row.info().family());
        if (group == null) {
            return;
        }
        int chosen = groupInterfaceChoice.getSelectionModel().getSelectedIndex();
        Interfaces.Address nif = chosen <= 0 || chosen > interfaces.size() ? null : interfaces.get(chosen - 1);
        byte[] mreq;
        String level;
        String name;
        if (group instanceof Inet6Address) {
            mreq = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN).put(group.getAddress()).putInt(nif == null ? 0 : nif.index()).array();
            level = "IPPROTO_IPV6";
            name = join ? "IPV6_JOIN_GROUP" : "IPV6_LEAVE_GROUP";
        } else {
            byte[] on = nif == null ? new byte[4] : address(nif.address());
            mreq = ByteBuffer.allocate(8).put(group.getAddress()).put(on).array();
            level = "IPPROTO_IP";
            name = join ? "IP_ADD_MEMBERSHIP" : "IP_DROP_MEMBERSHIP";
        }
        session.perform(row.id(), "setsockopt", List.of(SocketModule.constant(level), SocketModule.constant(name), PyValue.of(mreq)));
    }

    /** The group typed, or null (flagged): an IPv4 or IPv6 literal that is a multicast address of a family the socket takes. */
    private InetAddress group(Family family) {
        String text = groupField.getText().strip();
        InetAddress address = null;
        if (text.matches("[0-9.]+") || text.contains(":")) {
            try {
                address = InetAddress.getByName(text);   // a literal: nothing is looked up
            } catch (java.net.UnknownHostException e) {
                address = null;
            }
        }
        if (address == null || !address.isMulticastAddress()) {
            session.refuse(Texts.get("calls.groupView.groupNeedsFixing"), Texts.get("calls.groupView.notMulticast", text),
                    groupField.getId());
            return null;
        }
        if (address instanceof Inet6Address && family == Family.AF_INET) {
            session.refuse(Texts.get("calls.groupView.groupNeedsFixing"), Texts.get("calls.groupView.ipv6OnInet"), groupField.getId());
            return null;
        }
        return address;
    }

    private static byte[] address(String dotted) {
        try {
            return InetAddress.getByName(dotted).getAddress();
        } catch (java.net.UnknownHostException e) {
            return new byte[4];
        }
    }
}
