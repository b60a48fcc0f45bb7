package org.socketplayground.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.control.TextArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socketplayground.engine.Family;
import org.socketplayground.engine.SockType;
import org.socketplayground.ui.theme.Projector;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Python pane shows one line per call with its outcome; the saved script, run by CPython after the
 * window has closed its sockets, prints the same outcomes.
 */
class PythonPaneTest extends OwnWindow {
    private static final Pattern PORT = Pattern.compile("(\\('[^']*', )(\\d+)");

    @AfterEach
    void forgetSaveTarget() {
        System.clearProperty("playground.saveTo");
    }

    /**
     * Shows the Python pane and returns its text once it holds the given line: the pane catches up with the
     * log a moment after a call, and a click on a tab can land while the window still lays itself out.
     */
    private String code(String untilItShows) throws Exception {
        TextArea pane = robot.lookup("#pythonCode").queryAs(TextArea.class);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            robot.clickOn("Python");
            String text = WaitForAsyncUtils.<String>asyncFx(() -> pane.getText()).get();
            if (text.contains(untilItShows)) {
                return text;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the Python pane never showed '" + untilItShows + "':\n" + text);
            }
            robot.sleep(100);
        }
    }

    /** The outcomes the pane shows as comments, in order (abandoned calls are commented out whole). */
    private static List<String> commentedOutcomes(String code) {
        List<String> out = new ArrayList<>();
        for (String line : code.split("\n")) {
            int hash = line.indexOf("  # ");
            if (!line.startsWith("#") && hash > 0) {
                out.add(line.substring(hash + 4));
            }
        }
        return out;
    }

    private static List<String> normalise(List<String> lines) {
        java.util.Map<String, String> names = new java.util.HashMap<>();
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            Matcher m = PORT.matcher(line);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String name = names.computeIfAbsent(m.group(2), k -> "P" + (names.size() + 1));
                m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + name));
            }
            m.appendTail(sb);
            out.add(sb.toString());
        }
        return out;
    }

    /** Saves the script, closes the window (and so every socket), runs the script, returns what it printed. */
    private List<String> saveAndRun(Path dir) throws Exception {
        Path script = dir.resolve("session.py");
        System.setProperty("playground.saveTo", script.toString());
        ui.click("saveScriptButton");
        ui.waitUntil(() -> Files.exists(script) && Files.size(script) > 0, "the script is saved");
        FxToolkit.cleanupStages();
        Process p = new ProcessBuilder("python3", script.toString()).redirectErrorStream(true).start();
        List<String> printed;
        try (var reader = p.inputReader(StandardCharsets.UTF_8)) {
            printed = reader.lines().toList();
        }
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "the script runs to its end: " + printed);
        return printed;
    }

    @Test
    void aUdpSessionWithErrorsReplaysUnderPython(@TempDir Path dir) throws Exception {
        String server = ui.createSocket(Family.AF_INET, SockType.SOCK_DGRAM);
        ui.type("portField", "0");
        ui.click("bindButton");
        ui.expectOutcome("None");
        ui.click("listenButton");
        ui.expectOutcome("OSError: [Errno 95] Operation not supported");
        String client = ui.createSocket(Family.AF_INET, SockType.SOCK_DGRAM);
        ui.type("destPortField", ui.localPort(server));
        ui.type("payloadField", "Hello World");
        ui.click("sendButton");
        ui.expectOutcome("11");
        ui.type("payloadField", "101, 280, 237, 680");
        ui.click("sendButton");
        ui.expectOutcome("18");
        ui.selectSocket(server);
        ui.type("bufsizeField", "5");
        ui.click("recvButton");
        ui.waitUntil(() -> ui.label("outcomeLabel").startsWith("(b'Hello'"), "a cut datagram");
        ui.type("bufsizeField", "1024");
        ui.click("recvButton");
        ui.waitUntil(() -> ui.label("outcomeLabel").startsWith("(b'101"), "the second datagram");
        ui.choose("blockingModeChoice", "non-blocking");
        ui.expectOutcome("None");
        ui.click("recvButton");
        ui.expectOutcome("BlockingIOError: [Errno 11] Resource temporarily unavailable");
        ui.selectSocket(client);
        ui.click("closeButton");
        ui.expectOutcome("None");
        ui.type("destPortField", "9");
        ui.click("sendButton");
        ui.expectOutcome("OSError: [Errno 9] Bad file descriptor");

        String code = code("  # OSError: [Errno 9] Bad file descriptor");
        assertEquals(7, commentedOutcomes(code).size(), code);
        assertTrue(code.startsWith("import socket\n"), code);
        assertTrue(code.contains(server + " = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)"), code);
        assertTrue(code.contains(client + ".sendto(b'Hello World', " + server + ".getsockname())  # 11"), code);
        assertTrue(code.contains(server + ".recvfrom(1024)  # BlockingIOError: [Errno 11] Resource temporarily unavailable"), code);
        List<String> shown = commentedOutcomes(code);

        List<String> printed = saveAndRun(dir);
        assertEquals(normalise(shown), normalise(printed));
    }

    @Test
    void aTcpConversationReplaysUnderPython(@TempDir Path dir) throws Exception {
        String server = ui.createSocket(Family.AF_INET, SockType.SOCK_STREAM);
        ui.type("portField", "0");
        ui.click("bindButton");
        ui.expectOutcome("None");
        ui.click("listenButton");
        ui.expectOutcome("None");
        String port = ui.localPort(server);
        String client = ui.createSocket(Family.AF_INET, SockType.SOCK_STREAM);
        ui.type("portField", port);
        ui.click("connectButton");
        ui.expectOutcome("None");
        ui.selectSocket(server);
        ui.click("acceptButton");
        ui.waitUntil(() -> ui.socketRow("conn1") >= 0, "the connection is listed");
        ui.selectSocket(client);
        ui.type("payloadField", "ping");
        ui.click("sendButton");
        ui.expectOutcome("4");
        ui.click("closeButton");
        ui.expectOutcome("None");
        ui.selectSocket("conn1");
        ui.click("recvButton");
        ui.expectOutcome("b'ping'");
        ui.click("recvButton");
        ui.expectOutcome("b''");

        String code = code(".recv(1024)  # b''");
        assertTrue(code.contains("conn1, addr1 = " + server + ".accept()  # ('127.0.0.1', "), code);
        assertTrue(code.contains(client + ".connect(" + server + ".getsockname())"), code);
        List<String> shown = commentedOutcomes(code);
        assertFalse(shown.isEmpty());
        assertEquals(normalise(shown), normalise(saveAndRun(dir)));
    }

    @Test
    void selectingALogRowHighlightsItsLineOfPython() throws Exception {
        ui.createSocket(Family.AF_INET, SockType.SOCK_DGRAM);
        ui.type("portField", "0");
        ui.click("bindButton");
        ui.expectOutcome("None");
        code("s1.bind(('127.0.0.1', 0))");
        int row = ui.logRowsWhere("bind(").get(0);
        robot.interact(() -> ui.table("logTable").getSelectionModel().clearAndSelect(row));
        TextArea pane = robot.lookup("#pythonCode").queryAs(TextArea.class);
        ui.waitUntil(() -> pane.getSelectedText().startsWith("s1.bind(('127.0.0.1', 0))"),
                "the bind line is highlighted (selected: '" + pane.getSelectedText() + "')");
    }

    @Test
    void zoomMakesTheTextLargerAndIsRemembered() {
        javafx.scene.Parent root = robot.lookup("#root").queryAs(javafx.scene.Parent.class);
        ui.click("zoomInButton");
        ui.waitUntil(() -> root.getStyle().contains("font-size"), "the zoom is applied");
        String larger = root.getStyle();
        assertTrue(new Projector().fontSize() > Projector.DEFAULT_SIZE, larger);
        robot.press(javafx.scene.input.KeyCode.CONTROL).press(javafx.scene.input.KeyCode.DIGIT0)
                .release(javafx.scene.input.KeyCode.DIGIT0).release(javafx.scene.input.KeyCode.CONTROL);
        ui.waitUntil(() -> root.getStyle().contains(Projector.DEFAULT_SIZE + "px"), "Ctrl+0 resets the size");
    }
}
