package org.socketplayground.ui.calls;

import java.util.List;
import javafx.fxml.FXML;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TextField;
import org.socketplayground.engine.SocketModule;
import org.socketplayground.engine.py.PyValue;
import org.socketplayground.i18n.Texts;
import org.socketplayground.ui.session.Session;
import org.socketplayground.ui.session.SocketRow;

/**
 * The Options row of the calls pane: {@code s.setsockopt(level, name, value)} and {@code s.getsockopt(level, name)}
 * with the option written as Python names it ({@code SOL_SOCKET SO_BROADCAST}), picked or typed. A name the socket
 * module lacks or a value that is no int is flagged on its field; what the system answers is Python's own.
 */
public final class OptionsView {
    /** The options a lesson or a class reaches for, in the order they are usually met. */
    static final List<String> OPTIONS = List.of(
            "SOL_SOCKET SO_REUSEADDR", "SOL_SOCKET SO_REUSEPORT", "SOL_SOCKET SO_BROADCAST", "SOL_SOCKET SO_RCVBUF",
            "SOL_SOCKET SO_SNDBUF", "SOL_SOCKET SO_KEEPALIVE", "SOL_SOCKET SO_TYPE", "SOL_SOCKET SO_ERROR",
            "IPPROTO_TCP TCP_NODELAY", "IPPROTO_IP IP_TTL", "IPPROTO_IP IP_MULTICAST_TTL", "IPPROTO_IP IP_MULTICAST_LOOP",
            "IPPROTO_IP IP_MULTICAST_IF", "IPPROTO_IPV6 IPV6_V6ONLY", "IPPROTO_IPV6 IPV6_MULTICAST_HOPS",
            "IPPROTO_IPV6 IPV6_MULTICAST_LOOP");

    private final Session session;
    @FXML private ComboBox<String> optionChoice;
    @FXML private TextField optionValueField;

    public OptionsView(Session session) {
        this.session = session;
    }

    @FXML
    private void initialize() {
        optionChoice.getItems().setAll(OPTIONS);
        optionChoice.setValue(OPTIONS.get(0));
        optionChoice.setVisibleRowCount(OPTIONS.size());
    }

    @FXML
    void set() {
        List<PyValue> option = option();
        if (option == null) {
            return;
        }
        PyValue value = value(((PyValue.Const) option.get(1)).name());
        if (value != null) {
            perform("setsockopt", List.of(option.get(0), option.get(1), value));
        }
    }

    @FXML
    void get() {
        List<PyValue> option = option();
        if (option != null) {
            perform("getsockopt", option);
        }
    }

    private void perform(String call, List<PyValue> args) {
        SocketRow row = session.selectedSocket();
        if (row == null) {
            session.refuse(Texts.get("calls.callsView.noSocketSelected"), Texts.get("calls.optionsView.noSocket.why"));
            return;
        }
        session.perform(row.id(), call, args);
    }

    /** socket.LEVEL and socket.NAME from the option field, or null (flagged on the field). */
    private List<PyValue> option() {
        String text = optionChoice.getEditor().getText() == null ? "" : optionChoice.getEditor().getText().strip();
        String[] words = text.replace("socket.", "").split("[\\s,]+");
        if (words.length != 2) {
            refuse(optionChoice, Texts.get("calls.optionsView.writeOption"));
            return null;
        }
        PyValue.Const level = SocketModule.constant(words[0]);
        PyValue.Const name = SocketModule.constant(words[1]);
        if (level == null || !(words[0].startsWith("SOL_") || words[0].startsWith("IPPROTO_"))) {
            refuse(optionChoice, Texts.get("calls.optionsView.noLevel", words[0]));
            return null;
        }
        if (name == null) {
            refuse(optionChoice, Texts.get("calls.optionsView.noOption", words[1]));
            return null;
        }
        return List.of(level, name);
    }

    /** The value to set: an int, or for IP_MULTICAST_IF an IPv4 address as inet_aton packs it; null if neither. */
    private PyValue value(String option) {
        String text = optionValueField.getText().strip();
        if (option.equals("IP_MULTICAST_IF") && text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            byte[] packed = new byte[4];
            String[] parts = text.split("\\.");
            for (int i = 0; i < 4; i++) {
                int part = Integer.parseInt(parts[i]);
                if (part > 255) {
                    refuse(optionValueField, Texts.get("calls.optionsView.noIpv4", text));
                    return null;
                }
                packed[i] = (byte) part;
            }
            return PyValue.of(packed);
        }
        switch (text) {
            case "True" -> {
                return PyValue.TRUE;
            }
            case "False" -> {
                return PyValue.FALSE;
            }
            default -> {
            }
        }
        try {
            String digits = text.replace("_", "");
            boolean hex = digits.toLowerCase(java.util.Locale.ROOT).matches("-?0x[0-9a-f]+");
            return PyValue.of(hex ? Long.decode(digits) : Long.parseLong(digits));   // 010 is no Python number; 0x10 is
        } catch (NumberFormatException e) {
            refuse(optionValueField, option.equals("IP_MULTICAST_IF") ? Texts.get("calls.optionsView.notWholeOrAddress", text)
                    : Texts.get("calls.optionsView.notWhole", text));
            return null;
        }
    }

    private void refuse(javafx.scene.Node field, String why) {
        session.refuse(Texts.get("calls.optionsView.needsFixing"), why, field.getId());
    }
}
