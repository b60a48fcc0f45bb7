package org.socketplayground.ui.calls;

import java.util.List;
import javafx.fxml.FXML;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TextField;
import org.socketplayground.engine.SocketModule;
import org.socketplayground.engine.py.PyValue;
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
            session.refuse("No socket selected.", "Select a socket in the table first, or make one with socket().");
            return;
        }
        session.perform(row.id(), call, args);
    }

    /** socket.LEVEL and socket.NAME from the option field, or null (flagged on the field). */
    private List<PyValue> option() {
        String text = optionChoice.getEditor().getText() == null ? "" : optionChoice.getEditor().getText().strip();
        String[] words = text.replace("socket.", "").split("[\\s,]+");
        if (words.length != 2) {
            refuse(optionChoice, "Write the option as its level and its name, such as SOL_SOCKET SO_BROADCAST"
                    + " or IPPROTO_IP IP_TTL, or pick one from the list.");
            return null;
        }
        PyValue.Const level = SocketModule.constant(words[0]);
        PyValue.Const name = SocketModule.constant(words[1]);
        if (level == null || !(words[0].startsWith("SOL_") || words[0].startsWith("IPPROTO_"))) {
            refuse(optionChoice, "'" + words[0] + "' is no level of the socket module: SOL_SOCKET, IPPROTO_IP, IPPROTO_IPV6"
                    + " or IPPROTO_TCP.");
            return null;
        }
        if (name == null) {
            refuse(optionChoice, "The socket module has no option called '" + words[1] + "': pick one from the list.");
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
                    refuse(optionValueField, "'" + text + "' is no IPv4 address: each part is 0 to 255.");
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
            refuse(optionValueField, "'" + text + "' is not a whole number: setsockopt() takes an int such as 1 (on),"
                    + " 0 (off) or 65536 (bytes)" + (option.equals("IP_MULTICAST_IF") ? ", or an address such as 127.0.0.1." : "."));
            return null;
        }
    }

    private void refuse(javafx.scene.Node field, String why) {
        session.refuse("No call made: the option needs fixing.", why, field.getId());
    }
}
