package org.socketplayground.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.control.ComboBox;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextInputControl;
import org.junit.jupiter.api.Test;
import org.socketplayground.engine.Family;
import org.socketplayground.engine.SockType;

/**
 * setsockopt() and getsockopt() from the calls pane: values read back as Linux keeps them, the Python pane's line,
 * the ⚙ in the socket table, the broadcast permission, and bad input flagged on its field with the socket still usable.
 */
class OptionsWindowTest extends SharedWindow {

    @SuppressWarnings("unchecked")
    private void option(String levelAndName, String value) {
        ui.fx(() -> {
            ComboBox<String> choice = robot.lookup("#optionChoice").queryAs(ComboBox.class);
            choice.setValue(levelAndName);
            choice.getEditor().setText(levelAndName);
        });
        ui.set("optionValueField", value);
    }

    @Test
    void aBufferSizeReadsBackDoubledAndTheTableMarksTheSocket() {
        String s = socket(Family.AF_INET, SockType.SOCK_DGRAM);
        assertEquals("UDP IPv4", ui.cell("socketTable", ui.socketRow(s), "Type"), "defaults: no mark");
        option("SOL_SOCKET SO_RCVBUF", "4096");
        ui.call("setsockoptButton");
        ui.expectOutcome("None");
        ui.call("getsockoptButton");
        ui.expectOutcome("8192");   // Linux doubles it for its bookkeeping, and says so
        ui.waitUntil(() -> ui.cell("socketTable", ui.socketRow(s), "Type").equals("UDP IPv4 ⚙"), "the table marks a socket with options set");

        option("IPPROTO_IP IP_TTL", "-1");
        ui.call("setsockoptButton");
        ui.expectOutcome("None");
        ui.call("getsockoptButton");
        ui.expectOutcome("64");   // -1 is the default

        ui.fx(() -> {
            TabPane tabs = robot.lookup("#codeTabs").queryAs(TabPane.class);
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> "pythonTab".equals(t.getId())).findFirst().orElseThrow());
        });
        String line = s + ".setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)";
        ui.waitUntil(() -> pythonCode().contains(line), () -> "the Python pane writes " + line + ":\n" + pythonCode());
        assertTrue(pythonCode().contains(s + ".getsockopt(socket.IPPROTO_IP, socket.IP_TTL)"), pythonCode());
        ui.fx(() -> robot.lookup("#codeTabs").queryAs(TabPane.class).getSelectionModel().select(0));
    }

    @Test
    void broadcastNeedsSoBroadcast() {
        String s = socket(Family.AF_INET, SockType.SOCK_DGRAM);
        ui.set("payloadField", "everyone");
        ui.set("destHostField", "127.255.255.255");
        ui.set("destPortField", "9");
        ui.call("sendButton");
        ui.expectOutcome("PermissionError: [Errno 13] Permission denied");
        option("SOL_SOCKET SO_BROADCAST", "1");
        ui.call("setsockoptButton");
        ui.expectOutcome("None");
        ui.call("sendButton");
        ui.expectOutcome("8");
        assertTrue(ui.cell("socketTable", ui.socketRow(s), "Type").endsWith("⚙"));
    }

    @Test
    void badOptionsAndValuesAreFlaggedAndTheSocketStaysUsable() {
        String s = socket(Family.AF_INET, SockType.SOCK_STREAM);
        option("SOL_SOCKET SO_NOSUCH", "1");
        ui.call("setsockoptButton");
        ui.waitUntil(() -> ui.label("outcomeLabel").contains("no option called 'SO_NOSUCH'"), () -> "flagged: " + ui.label("outcomeLabel"));
        option("SO_BROADCAST", "1");
        ui.call("getsockoptButton");
        ui.waitUntil(() -> ui.label("outcomeLabel").contains("its level and its name"), () -> "flagged: " + ui.label("outcomeLabel"));
        option("SOL_SOCKET SO_KEEPALIVE", "on");
        ui.call("setsockoptButton");
        ui.waitUntil(() -> ui.label("outcomeLabel").contains("'on' is not a whole number"), () -> "flagged: " + ui.label("outcomeLabel"));
        option("IPPROTO_IP IP_MULTICAST_IF", "127.0.0.1");
        ui.call("setsockoptButton");
        ui.expectOutcome("OSError: [Errno 22] Invalid argument");   // no multicast on a TCP socket, as Linux answers
        option("IPPROTO_IP IP_TTL", "0");
        ui.call("setsockoptButton");
        ui.expectOutcome("OSError: [Errno 22] Invalid argument");
        option("IPPROTO_TCP TCP_NODELAY", "1");
        ui.call("setsockoptButton");
        ui.expectOutcome("None");
        ui.call("getsockoptButton");
        ui.expectOutcome("1");
        assertEquals("NEW", ui.cell("socketTable", ui.socketRow(s), "State"), "still a usable socket");
    }

    private String pythonCode() {
        return robot.lookup("#pythonCode").queryAs(TextInputControl.class).getText();
    }
}
