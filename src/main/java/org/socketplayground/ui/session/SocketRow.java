package org.socketplayground.ui.session;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.socketplayground.engine.Addresses;
import org.socketplayground.engine.SocketInfo;
import org.socketplayground.engine.py.PyValue;
import org.socketplayground.i18n.Texts;

/** One row of the socket table; the row object stays while its values follow the socket, so selection holds. */
public final class SocketRow {
    /** The mark after the type of a socket whose options differ from the defaults. */
    public static final String OPTIONS_MARK = "⚙";

    private final String id;
    private SocketInfo info;
    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper type = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper local = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper peer = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper mode = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper received = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper ready = new ReadOnlyStringWrapper("");
    private final javafx.beans.property.BooleanProperty watched = new javafx.beans.property.SimpleBooleanProperty(this, "watched");
    private final RateMeter rate = new RateMeter();

    SocketRow(SocketInfo info, String name) {
        this.id = info.id();
        this.name.set(name);
        update(info);
    }

    void rename(String shownAs) {
        name.set(shownAs);
    }

    void update(SocketInfo info) {
        this.info = info;
        boolean udp = !info.type().isStream();
        // A ⚙ marks a socket whose options differ from the defaults; the cell's tooltip lists them.
        type.set((!info.family().usesPorts() ? (udp ? "Unix DG" : "Unix ST")
                : (udp ? "UDP" : "TCP") + " " + (info.family().name().endsWith("6") ? "IPv6" : "IPv4"))
                + (info.options().isEmpty() ? "" : " " + OPTIONS_MARK));
        state.set(info.state().label());
        // The marker is part of the text, so that the cell redraws when the socket stops being reachable.
        String own = info.local() == null ? "" : Addresses.display(info.local());
        // '': no name yet; joined multicast groups follow the address they receive on
        local.set((own.isEmpty() || own.equals("''") ? "–" : own + (info.reachableFromNetwork() ? " ⚠" : ""))
                + info.groups().stream().map(g -> " + " + g).collect(java.util.stream.Collectors.joining()));
        peer.set(info.peer() == null ? "–" : Addresses.display(info.peer()));
        String shownMode = mode(info.timeout());
        mode.set(info.lab() == null ? shownMode : Texts.get("sessionRows.socketRow.modeWithLab", shownMode));   // a lab in front of what it receives
        received.set(udp ? info.datagramsReceived() + " / " + Format.bytes(info.bytesReceived())
                : Format.bytes(info.bytesReceived()));
        rate.sample(System.nanoTime(), udp ? info.datagramsReceived() : 0, info.bytesReceived());
    }

    /** The mode column's words for {@link SocketInfo#mode()}: "blocking", "non-blocking" or "timeout 2.5 s". */
    private static String mode(Double timeout) {
        if (timeout == null) {
            return Texts.get("sessionRows.socketRow.modeBlocking");
        }
        if (timeout == 0.0) {
            return Texts.get("sessionRows.socketRow.modeNonBlocking");
        }
        return Texts.get("sessionRows.socketRow.modeTimeout", new PyValue.Float(timeout).repr());
    }

    public RateMeter rate() {
        return rate;
    }

    public String id() {
        return id;
    }

    /** What the socket is shown by: the name a lesson gave it, else its id. */
    public ReadOnlyStringProperty nameProperty() {
        return name.getReadOnlyProperty();
    }

    public String name() {
        return name.get();
    }

    public SocketInfo info() {
        return info;
    }

    public ReadOnlyStringProperty typeProperty() {
        return type.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty localProperty() {
        return local.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty peerProperty() {
        return peer.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty modeProperty() {
        return mode.getReadOnlyProperty();
    }

    void showReady(String what) {
        ready.set(info.state() == org.socketplayground.engine.SocketState.CLOSED ? "" : what);
    }

    /** What select() would answer now: "r" (readable), "w" (writable), "rw", or "" ({@link ReadyProbe}). */
    public ReadOnlyStringProperty readyProperty() {
        return ready.getReadOnlyProperty();
    }

    /** Ticked in the table's Watch column: the select() row's read list names the socket. */
    public javafx.beans.property.BooleanProperty watchedProperty() {
        return watched;
    }

    public ReadOnlyStringProperty receivedProperty() {
        return received.getReadOnlyProperty();
    }
}
