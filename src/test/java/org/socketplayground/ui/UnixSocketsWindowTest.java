package org.socketplayground.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socketplayground.engine.Family;
import org.socketplayground.engine.SockType;
import org.socketplayground.robustness.ChildOutput;

/**
 * AF_UNIX sockets from the window: a path in the host fields, no ports, the sender's path in the log and the paths in
 * the socket table; datagrams and streams; a CPython peer talks to them; bad paths are refused on their field.
 */
class UnixSocketsWindowTest extends SharedWindow {
    private Path dir;

    @BeforeEach
    void folder() throws Exception {
        dir = Files.createTempDirectory("sp-unix");
    }

    @AfterEach
    void removeFolder() throws Exception {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
        }
        Files.deleteIfExists(dir);
        socket(Family.AF_INET, SockType.SOCK_DGRAM);   // the fields are a host and a port again for the tests after
    }

    private boolean disabled(String id) {
        return ui.onFx(() -> robot.lookup("#" + id).queryAs(TextField.class).isDisabled());
    }

    private String unixSocket(String path) {
        String id = socket(Family.AF_UNIX, SockType.SOCK_DGRAM);
        ui.set("hostField", path);
        ui.call("bindButton");
        ui.expectOutcome("None");
        ui.waitUntil(() -> ui.cell("socketTable", ui.socketRow(id), "Local address").equals(path), id + " shows its path");
        return id;
    }

    @Test
    void twoUnixSocketsTalkAndTheLogShowsTheSendersPath() {
        String receiver = socket(Family.AF_UNIX, SockType.SOCK_DGRAM);
        assertTrue(disabled("portField") && disabled("destPortField"), "an AF_UNIX socket has no ports");
        assertTrue(ui.text("hostField").startsWith("/"), () -> "a path, not a host: " + ui.text("hostField"));
        assertEquals("Unix DG", ui.cell("socketTable", ui.socketRow(receiver), "Type"));
        assertEquals("–", ui.cell("socketTable", ui.socketRow(receiver), "Local address"), "not bound yet");
        String receiverPath = dir.resolve("receiver.sock").toString();
        ui.set("hostField", receiverPath);
        ui.call("bindButton");
        ui.expectOutcome("None");
        ui.waitUntil(() -> ui.cell("socketTable", ui.socketRow(receiver), "Local address").equals(receiverPath), "the path is listed");

        String senderPath = dir.resolve("sender.sock").toString();
        String sender = unixSocket(senderPath);
        ui.set("payloadField", "over a path");
        ui.set("destHostField", receiverPath);
        ui.call("sendButton");
        ui.expectOutcome("11");
        ui.selectSocket(receiver);
        ui.call("recvButton");
        ui.expectOutcome("(b'over a path', '" + senderPath + "')");
        int row = ui.onFx(() -> ui.logRowsWhere("← recvfrom").stream()
                .filter(i -> ui.cell("logTable", i, "Socket").equals(receiver)).reduce((a, b) -> b).orElseThrow());
        assertEquals(senderPath, ui.cell("logTable", row, "Source host"), "the sender's path, where a UDP sender's host is");
        assertEquals("", ui.cell("logTable", row, "Source port"));
        assertEquals(receiverPath, ui.cell("logTable", row, "Destination"));

        ui.selectSocket(sender);
        ui.set("hostField", "\\0playground-test");
        ui.call("connectButton");
        ui.expectOutcome("ConnectionRefusedError: [Errno 111] Connection refused");   // an abstract name no one holds

        // Back on a UDP socket, the fields are a host and a port again, as they were.
        String udp = socket(Family.AF_INET, SockType.SOCK_DGRAM);
        ui.selectSocket(udp);
        assertEquals("127.0.0.1", ui.text("destHostField"));
        assertTrue(!disabled("portField"), "ports again");
    }

    @Test
    void aStreamServerOnAPathAcceptsAClientAndTheConversationIsLogged() {
        String path = dir.resolve("stream.sock").toString();
        String server = socket(Family.AF_UNIX, SockType.SOCK_STREAM);
        assertEquals("Unix ST", ui.cell("socketTable", ui.socketRow(server), "Type"));
        ui.set("hostField", path);
        ui.call("bindButton");
        ui.expectOutcome("None");
        ui.call("listenButton");
        ui.expectOutcome("None");
        ui.waitUntil(() -> ui.cell("socketTable", ui.socketRow(server), "State").equals("LISTEN"), "listening");

        String client = socket(Family.AF_UNIX, SockType.SOCK_STREAM);
        ui.set("hostField", path);
        ui.call("connectButton");
        ui.expectOutcome("None");
        ui.waitUntil(() -> ui.cell("socketTable", ui.socketRow(client), "Peer address").equals(path), "the client's peer is the path");
        assertEquals("–", ui.cell("socketTable", ui.socketRow(client), "Local address"), "an unbound client has no name");

        ui.selectSocket(server);
        int before = ui.rows("socketTable");
        ui.call("acceptButton");
        ui.waitUntil(() -> ui.label("outcomeLabel").endsWith(", '')"), () -> "accept() names no one: " + ui.label("outcomeLabel"));
        ui.waitUntil(() -> ui.rows("socketTable") == before + 1, "the connection is listed");
        String conn = ui.onFx(() -> ui.cell("socketTable", before, "Socket"));
        assertEquals(path, ui.cell("socketTable", before, "Local address"));
        assertEquals("''", ui.cell("socketTable", before, "Peer address"), "Python's name for an unnamed client");

        ui.selectSocket(client);
        ui.set("payloadField", "down the path");
        ui.call("sendallButton");
        ui.expectOutcome("None");
        ui.selectSocket(conn);
        ui.call("recvButton");
        ui.expectOutcome("b'down the path'");
        int row = ui.onFx(() -> ui.logRowsWhere("← recv").stream()
                .filter(i -> ui.cell("logTable", i, "Socket").equals(conn)).reduce((a, b) -> b).orElseThrow());
        assertEquals("''", ui.cell("logTable", row, "Source host"));
        assertEquals(path, ui.cell("logTable", row, "Destination"));

        socket(Family.AF_UNIX, SockType.SOCK_STREAM);
        ui.set("hostField", "\\0abstract-stream");
        ui.call("bindButton");
        ui.waitUntil(() -> ui.label("outcomeLabel").contains("abstract names work with SOCK_DGRAM"),
                () -> "an abstract name on a stream is refused with the reason: " + ui.label("outcomeLabel"));
    }

    @Test
    void anUnnamedPythonSenderIsNoneAndANamedOneHearsTheReply() throws Exception {
        String serverPath = dir.resolve("server.sock").toString();
        String server = unixSocket(serverPath);
        String script = Path.of(UnixSocketsWindowTest.class.getResource("/peers/unix_peer.py").toURI()).toString();
        Process unnamed = new ProcessBuilder("python3", script, serverPath, "-", "who am I").redirectErrorStream(true).start();
        try {
            assertEquals("sent", new ChildOutput("unix_peer.py", unnamed).line());
            ui.call("recvButton");
            ui.expectOutcome("(b'who am I', None)");
            int row = ui.onFx(() -> ui.logRowsWhere("← recvfrom").stream()
                    .filter(i -> ui.cell("logTable", i, "Socket").equals(server)).reduce((a, b) -> b).orElseThrow());
            assertEquals("None", ui.cell("logTable", row, "Source host"), "as Python prints an unnamed sender");
        } finally {
            unnamed.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }

        String peerPath = dir.resolve("peer.sock").toString();
        Process named = new ProcessBuilder("python3", script, serverPath, peerPath, "answer me").redirectErrorStream(true).start();
        try {
            ChildOutput out = new ChildOutput("unix_peer.py", named);
            assertEquals("sent", out.line());
            ui.call("recvButton");
            ui.expectOutcome("(b'answer me', '" + peerPath + "')");
            ui.set("payloadField", "answered");
            ui.set("destHostField", peerPath);
            ui.call("sendButton");
            ui.expectOutcome("8");
            assertEquals("reply answered " + serverPath, out.line());
        } finally {
            named.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aClosedSocketsFileKeepsItsPathUntilOsUnlinkRemovesIt() {
        String path = dir.resolve("kept.sock").toString();
        String first = unixSocket(path);
        ui.call("closeButton");
        ui.expectOutcome("None");
        assertTrue(Files.exists(Path.of(path)), "closing leaves the file, as in Python");
        String second = socket(Family.AF_UNIX, SockType.SOCK_DGRAM);
        ui.set("hostField", path);
        ui.call("bindButton");
        ui.expectOutcome("OSError: [Errno 98] Address already in use");
        assertTrue(ui.onFx(() -> robot.lookup("#unlinkButton").queryButton().isVisible()), "os.unlink() is offered for AF_UNIX");
        ui.call("unlinkButton");
        ui.expectOutcome("None");
        ui.call("bindButton");
        ui.expectOutcome("None");
        ui.call("unlinkButton");
        ui.call("unlinkButton");
        ui.expectOutcome("FileNotFoundError: [Errno 2] No such file or directory: '" + path + "'");
        ui.fx(() -> {
            javafx.scene.control.TabPane tabs = robot.lookup("#codeTabs").queryAs(javafx.scene.control.TabPane.class);
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> "pythonTab".equals(t.getId())).findFirst().orElseThrow());
        });
        ui.waitUntil(() -> pythonCode().contains("os.unlink('" + path + "')"), () -> "the Python pane writes os.unlink:\n" + pythonCode());
        assertTrue(pythonCode().startsWith("import os\nimport socket\n"), pythonCode());
        assertTrue(!first.equals(second));
        ui.fx(() -> {
            javafx.scene.control.TabPane tabs = robot.lookup("#codeTabs").queryAs(javafx.scene.control.TabPane.class);
            tabs.getSelectionModel().select(0);
        });
    }

    private String pythonCode() {
        return robot.lookup("#pythonCode").queryAs(javafx.scene.control.TextInputControl.class).getText();
    }

    @Test
    void theSystemTabNamesTheAppsUnixSocketsByTheirPaths() {
        String path = dir.resolve("listed.sock").toString();
        String named = unixSocket(path);
        String abstractOne = unixSocket("@playground-system-" + ProcessHandle.current().pid());
        robot.clickOn("System");
        try {
            ui.set("systemFilterField", "");
            ui.waitUntil(() -> socketCellWhere(path).equals(named)
                    && socketCellWhere("@playground-system-" + ProcessHandle.current().pid()).equals(abstractOne),
                    () -> "both sockets are listed, as u_dgr rows carrying their names: " + socketCellWhere(path));
        } finally {
            robot.clickOn("Python");
        }
    }

    /** The "Socket" cell of the System table's u_dgr row at this local address, or "missing". */
    private String socketCellWhere(String local) {
        return ui.onFx(() -> {
            for (int i = 0; i < ui.rows("systemSocketsTable"); i++) {
                if (ui.cell("systemSocketsTable", i, "Local address").equals(local) && ui.cell("systemSocketsTable", i, "Netid").equals("u_dgr")) {
                    return ui.cell("systemSocketsTable", i, "Socket");
                }
            }
            return "missing";
        });
    }

    @Test
    void anEmptyOrBadPathIsRefusedOnItsField() {
        socket(Family.AF_UNIX, SockType.SOCK_DGRAM);
        ui.set("hostField", "  ");
        ui.call("bindButton");
        ui.waitUntil(() -> ui.label("outcomeLabel").startsWith("Type a path"), () -> "refused: " + ui.label("outcomeLabel"));
        ui.set("hostField", "/tmp/" + "x".repeat(120));
        ui.call("bindButton");
        ui.expectOutcome("OSError: AF_UNIX path too long");
        ui.set("hostField", dir.resolve("no/such/folder.sock").toString());
        ui.call("bindButton");
        ui.expectOutcome("FileNotFoundError: [Errno 2] No such file or directory");
    }
}
