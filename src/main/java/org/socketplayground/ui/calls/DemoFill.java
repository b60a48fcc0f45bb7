package org.socketplayground.ui.calls;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import org.socketplayground.engine.SocketModule;
import org.socketplayground.engine.py.PyValue;
import org.socketplayground.lessons.Demonstration;
import org.socketplayground.ui.session.Inputs;
import org.socketplayground.ui.widgets.DemoPress;

/**
 * The calls pane's part in Show me: for the line being played, it fills the pane's fields with the call's arguments
 * and highlights the button that makes it (the Mode row for settimeout and setblocking), so that a class sees what
 * to type and press. It only shows: the session makes the call.
 */
final class DemoFill {
    /** The largest payload shown in the Send field: a UDP datagram's largest. */
    private static final int MAX_FIELD_BYTES = 65_507;
    private static final List<String> SHUTDOWN = List.of("SHUT_RD", "SHUT_WR", "SHUT_RDWR");
    /** {@code select.select([read], [write], [...], timeout)}: the two lists and the timeout as written. */
    private static final Pattern SELECT_LINE = Pattern.compile("select\\.select\\(\\[([^\\]]*)\\],\\s*\\[([^\\]]*)\\],\\s*\\[[^\\]]*\\]\\s*,?\\s*([^)]*)\\)");
    private final Node pane;
    private final Consumer<Double> showMode;
    private final DemoPress press = new DemoPress();

    /** The pane whose controls it fills (found by their fx:ids), and how to show a mode without calling. */
    DemoFill(Node pane, Consumer<Double> showMode) {
        this.pane = pane;
        this.showMode = showMode;
    }

    /** Shows a demonstrated call; null (the play ended) or a call of no button here releases the highlight. */
    void show(Demonstration d) {
        press.press(d == null ? null : fill(d));
    }

    /** Fills the fields for the call and returns the control it presses, or null for a call of no button here. */
    private Node fill(Demonstration d) {
        String call = d.onSocket() || "select".equals(d.call()) ? d.call() : "";
        switch (call) {
            case "bind", "connect" -> address(d.arg(0), "hostField", "portField");
            case "listen" -> {
                Long backlog = number(d.arg(0));
                if (backlog != null && backlog >= 0 && backlog <= 4096) {
                    spinner("backlogSpinner").getValueFactory().setValue(backlog.intValue());
                }
            }
            case "sendto" -> {
                payload(d.arg(0));
                address(d.arg(d.args().size() - 1), "destHostField", "destPortField");
            }
            case "send", "sendall" -> payload(d.arg(0));
            case "recv", "recvfrom" -> {
                Long size = number(d.arg(0));
                if (size != null) {
                    field("bufsizeField").setText(Long.toString(size));
                }
            }
            case "shutdown" -> SHUTDOWN.stream().filter(name -> Long.valueOf(SocketModule.constant(name).value()).equals(number(d.arg(0))))
                    .findFirst().ifPresent(name -> choice("shutdownChoice").setValue(name));
            // settimeout(None) is blocking, settimeout(0) non-blocking: showMode reads a timeout that way
            case "settimeout" -> showMode.accept(d.arg(0) instanceof PyValue.Float f ? Double.valueOf(f.value())
                    : number(d.arg(0)) == null ? null : Double.valueOf(number(d.arg(0))));
            case "setblocking" -> showMode.accept(Long.valueOf(0).equals(number(d.arg(0))) ? 0.0 : null);
            case "select" -> {
                // The lists as the lesson's line writes them, by the names the socket table shows.
                Matcher m = SELECT_LINE.matcher(d.line());
                if (m.find()) {
                    field("selectReadField").setText(m.group(1).strip());
                    field("selectWriteField").setText(m.group(2).strip());
                    field("selectTimeoutField").setText(m.group(3).strip().equals("None") ? "" : m.group(3).strip());
                }
            }
            case "accept", "close" -> {
                // no field to fill: the button alone
            }
            default -> {
                return null;
            }
        }
        return pane.lookup("#" + button(call));
    }

    /** An int, a bool or a constant of the socket module as its number; null for anything else. */
    private static Long number(PyValue value) {
        if (value instanceof PyValue.Int i) {
            return i.value();
        }
        if (value instanceof PyValue.Bool b) {
            return b.value() ? 1L : 0L;
        }
        return value instanceof PyValue.Const c ? c.value() : null;
    }

    private static String button(String call) {
        return switch (call) {
            case "settimeout", "setblocking" -> "blockingModeChoice";
            case "sendto", "send" -> "sendButton";
            case "recv", "recvfrom" -> "recvButton";
            default -> call + "Button";
        };
    }

    /** A (host, port) tuple into two fields; '' (every interface) as the field writes it. */
    private void address(PyValue value, String hostId, String portId) {
        if (value instanceof PyValue.Tuple t && t.items().size() >= 2 && t.get(0) instanceof PyValue.Str host
                && t.get(1) instanceof PyValue.Int port) {
            field(hostId).setText(host.value().isEmpty() ? "''" : host.value());
            field(portId).setText(Long.toString(port.value()));
        }
    }

    /** The data as text with Python's escapes, or as hex when that is how the field reads now or text cannot say it. */
    private void payload(PyValue value) {
        if (!(value instanceof PyValue.Bytes bytes) || bytes.length() > MAX_FIELD_BYTES) {
            return;   // a megabyte in a text field would freeze the window: the line above the buttons shows it
        }
        ToggleButton hex = (ToggleButton) pane.lookup("#hexToggle");
        String text = Inputs.printable(bytes.value(), Integer.MAX_VALUE);
        Inputs.Parsed<byte[]> back = Inputs.payload(text, false);
        if (!hex.isSelected() && back.ok() && Arrays.equals(back.value(), bytes.value())) {
            field("payloadField").setText(text);
        } else {
            hex.setSelected(true);
            field("payloadField").setText(Inputs.hex(bytes.value(), Integer.MAX_VALUE));
        }
    }

    private TextField field(String id) {
        return (TextField) pane.lookup("#" + id);
    }

    @SuppressWarnings("unchecked")
    private Spinner<Integer> spinner(String id) {
        return (Spinner<Integer>) pane.lookup("#" + id);
    }

    @SuppressWarnings("unchecked")
    private ChoiceBox<String> choice(String id) {
        return (ChoiceBox<String>) pane.lookup("#" + id);
    }
}
