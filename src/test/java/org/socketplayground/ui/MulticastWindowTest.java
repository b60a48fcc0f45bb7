package org.socketplayground.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextInputControl;
import org.junit.jupiter.api.Test;
import org.socketplayground.engine.Family;
import org.socketplayground.engine.SockType;
import org.socketplayground.robustness.ChildOutput;

/**
 * Multicast from the window, on loopback, with CPython peers both ways: the app joins a group a python3 program sends
 * to, and sends to a group a python3 program joined; the table lists the group, the Python pane packs the request as
 * a student would; a group field that holds no group is flagged.
 */
class MulticastWindowTest extends SharedWindow {
    private static final String GROUP = "239.77.1." + (1 + ProcessHandle.current().pid() % 250);

    private static ChildOutput peer(String... args) throws Exception {
        String script = Path.of(MulticastWindowTest.class.getResource("/peers/multicast_peer.py").toURI()).toString();
        String[] command = new String[args.length + 2];
        command[0] = "python3";
        command[1] = script;
        System.arraycopy(args, 0, command, 2, args.length);
        return new ChildOutput("multicast_peer.py", new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    @SuppressWarnings("unchecked")
    private void onLoopback() {
        ui.fx(() -> {
            ChoiceBox<String> on = robot.lookup("#groupInterfaceChoice").queryAs(ChoiceBox.class);
            on.setValue(on.getItems().stream().filter(i -> i.startsWith("lo ")).findFirst().orElseThrow());
        });
    }

    private static int freePort() throws Exception {
        try (DatagramSocket probe = new DatagramSocket(0)) {
            return probe.getLocalPort();
        }
    }

    @Test
    void theAppJoinsAGroupThatCPythonSendsTo() throws Exception {
        String s = socket(Family.AF_INET, SockType.SOCK_DGRAM);
        bind(s, "''", "0");
        String port = ui.cell("socketTable", ui.socketRow(s), "Local address").replaceAll(".*:(\\d+).*", "$1");
        ui.set("groupField", GROUP);
        ui.waitUntil(() -> ui.onFx(() -> robot.lookup("#groupInterfaceChoice").queryAs(ChoiceBox.class).getItems().size() > 1),
                "the interfaces are listed");
        onLoopback();
        ui.call("joinGroupButton");
        ui.expectOutcome("None");
        ui.waitUntil(() -> ui.cell("socketTable", ui.socketRow(s), "Local address").endsWith(" + " + GROUP + " on lo"),
                () -> "the table lists the group: " + ui.cell("socketTable", ui.socketRow(s), "Local address"));
        ui.call("joinGroupButton");
        ui.expectOutcome("OSError: [Errno 98] Address already in use");   // joined twice, as Linux says

        try (ChildOutput sender = peer("send", GROUP, port, "hello group")) {
            assertEquals("sent", sender.line());
            ui.call("recvButton");
            ui.waitUntil(() -> ui.label("outcomeLabel").startsWith("(b'hello group', ('127.0.0.1', "),
                    () -> "received from the group: " + ui.label("outcomeLabel"));
        }

        showPython();
        String join = s + ".setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, struct.pack('4s4s', socket.inet_aton('"
                + GROUP + "'), socket.inet_aton('127.0.0.1')))";
        ui.waitUntil(() -> pythonCode().contains(join), () -> "the Python pane packs the request:\n" + pythonCode());
        assertTrue(pythonCode().contains("import struct\n"), pythonCode());
        ui.fx(() -> robot.lookup("#codeTabs").queryAs(TabPane.class).getSelectionModel().select(0));

        ui.call("leaveGroupButton");
        ui.expectOutcome("None");
        ui.waitUntil(() -> !ui.cell("socketTable", ui.socketRow(s), "Local address").contains(GROUP), "left");
        ui.call("leaveGroupButton");
        ui.expectOutcome("OSError: [Errno 99] Cannot assign requested address");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theAppSendsToAGroupThatCPythonJoined() throws Exception {
        int port = freePort();
        try (ChildOutput listener = peer("listen", GROUP, Integer.toString(port))) {
            assertEquals("joined", listener.line());
            String s = socket(Family.AF_INET, SockType.SOCK_DGRAM);
            ui.fx(() -> {
                ComboBox<String> choice = robot.lookup("#optionChoice").queryAs(ComboBox.class);
                choice.setValue("IPPROTO_IP IP_MULTICAST_IF");
            });
            ui.set("optionValueField", "127.0.0.1");
            ui.call("setsockoptButton");
            ui.expectOutcome("None");
            ui.set("payloadField", "from the app");
            ui.set("destHostField", GROUP);
            ui.set("destPortField", Integer.toString(port));
            ui.call("sendButton");
            ui.expectOutcome("12");
            assertEquals("got from the app", listener.line());
            assertTrue(listener.process().waitFor(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aFieldThatHoldsNoGroupIsFlagged() {
        socket(Family.AF_INET, SockType.SOCK_DGRAM);
        ui.set("groupField", "10.1.2.3");
        ui.call("joinGroupButton");
        ui.waitUntil(() -> ui.label("outcomeLabel").contains("is no multicast group"), () -> "flagged: " + ui.label("outcomeLabel"));
        ui.set("groupField", "ff12::1");
        ui.call("joinGroupButton");
        ui.waitUntil(() -> ui.label("outcomeLabel").contains("make an AF_INET6 socket"), () -> "flagged: " + ui.label("outcomeLabel"));
        socket(Family.AF_INET, SockType.SOCK_STREAM);
        ui.set("groupField", GROUP);
        ui.call("joinGroupButton");
        ui.waitUntil(() -> ui.label("outcomeLabel").contains("can join a multicast group"), () -> "flagged: " + ui.label("outcomeLabel"));
    }

    private void showPython() {
        ui.fx(() -> {
            TabPane tabs = robot.lookup("#codeTabs").queryAs(TabPane.class);
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> "pythonTab".equals(t.getId())).findFirst().orElseThrow());
        });
    }

    private String pythonCode() {
        return robot.lookup("#pythonCode").queryAs(TextInputControl.class).getText();
    }
}
