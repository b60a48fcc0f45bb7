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
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socketplayground.engine.Family;
import org.socketplayground.engine.SockType;
import org.socketplayground.lessons.Lesson;
import org.socketplayground.robustness.PythonPeer;
import org.socketplayground.ui.theme.Projector;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Python pane shows one line per call with its outcome; the saved script, run by CPython after the
 * window has closed its sockets, prints the same outcomes. Sockets a lesson names are shown and written by those
 * names; what another program sent is waited for 10 s at most, so the script never hangs.
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
        return saveAndRun(dir, 30);
    }

    /** As above; the script must end within the time given, or the test fails (and the script is stopped). */
    private List<String> saveAndRun(Path dir, long seconds) throws Exception {
        Path script = dir.resolve("session.py");
        System.setProperty("playground.saveTo", script.toString());
        ui.click("saveScriptButton");
        ui.waitUntil(() -> Files.exists(script) && Files.size(script) > 0, "the script is saved");
        FxToolkit.cleanupStages();
        Path output = dir.resolve("printed.txt");
        Process p = new ProcessBuilder("python3", script.toString()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        boolean ended = p.waitFor(seconds, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        List<String> printed = Files.readAllLines(output, StandardCharsets.UTF_8);
        assertTrue(ended, "the script ends within " + seconds + " s; it printed " + printed + "\n" + Files.readString(script));
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
    void largeDatagramsAreWrittenShortAndTheSavedScriptStillSendsThemWhole(@TempDir Path dir) throws Exception {
        String server = ui.createSocket(Family.AF_INET, SockType.SOCK_DGRAM);
        ui.type("portField", "0");
        ui.click("bindButton");
        ui.expectOutcome("None");
        String client = ui.createSocket(Family.AF_INET, SockType.SOCK_DGRAM);
        ui.type("destPortField", ui.localPort(server));
        ui.type("payloadField", "x".repeat(65_507));
        ui.click("sendButton");
        ui.expectOutcome("65507");
        String text = "hello " + "0123456789".repeat(6_000);
        ui.type("payloadField", text);
        ui.click("sendButton");
        ui.expectOutcome("60006");
        ui.selectSocket(server);
        ui.type("bufsizeField", "65536");
        ui.click("recvButton");
        ui.waitUntil(() -> ui.label("outcomeLabel").startsWith("(b'xxxx"), "the first datagram");
        ui.click("recvButton");
        ui.waitUntil(() -> ui.label("outcomeLabel").startsWith("(b'hello 0123"), "the second datagram");

        String code = code(server + ".recvfrom(65536)  # (b'hello ");
        assertTrue(code.contains(client + ".sendto(b'x' * 65507, " + server + ".getsockname())  # 65507\n"), code);
        assertTrue(code.contains(client + ".sendto(b'" + text.substring(0, 64) + "' + bytes(59942), " + server + ".getsockname())"
                + "  # 60006 (60,006 bytes sent; the first 64 shown, zeros for the rest)\n"), code);
        assertTrue(code.contains(server + ".recvfrom(65536)  # (b'" + "x".repeat(64) + "'…(65443 more bytes), ('127.0.0.1', "), code);
        assertTrue(code.length() < 2_000, "no line holds more than 64 bytes of data:\n" + code);
        List<String> shown = commentedOutcomes(code);

        List<String> printed = saveAndRun(dir);
        assertTrue(Files.size(dir.resolve("session.py")) < 6_000, "the script holds no large literal: "
                + Files.size(dir.resolve("session.py")) + " bytes");
        assertEquals(List.of("65507", "60006"), printed.subList(0, 2), "the script sends as many bytes as the window did");
        assertEquals(shown.size(), printed.size(), "one line printed per outcome shown");
        for (int i = 2; i < shown.size(); i++) {
            String first = shown.get(i).substring(0, shown.get(i).indexOf("'…("));
            assertTrue(printed.get(i).startsWith(first) && printed.get(i).endsWith("))"),
                    "received whole, starting as the pane shows: " + printed.get(i).substring(0, 100));
        }
        assertTrue(printed.get(2).length() > 65_507 && printed.get(3).contains("\\x00\\x00"), "the first 64 bytes, then zeros");
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

    @Test
    void aDatagramFromAnotherProgramDoesNotHangTheSavedScript(@TempDir Path dir) throws Exception {
        String receiver = ui.createSocket(Family.AF_INET, SockType.SOCK_DGRAM);
        ui.type("portField", "0");
        ui.click("bindButton");
        ui.expectOutcome("None");
        String python;
        try (PythonPeer peer = PythonPeer.start("import socket, sys\n"
                + "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
                + "s.sendto(b'from python', ('127.0.0.1', int(sys.argv[1])))\n"
                + "print('from', s.getsockname()[1])\n", ui.localPort(receiver))) {
            python = peer.expect("from");
        }
        ui.click("recvButton");
        ui.expectOutcome("(b'from python', ('127.0.0.1', " + python + "))");
        String code = code(receiver + ".recvfrom(1024)  # (b'from python'");
        assertTrue(code.contains(receiver + ".recvfrom(1024)  # (b'from python', ('127.0.0.1', " + python + "))"), code);

        List<String> printed = saveAndRun(dir, 15);
        String from = "127.0.0.1:" + python;
        assertTrue(printed.contains("nothing from " + from + " within 10 s"), "the script says nothing came: " + printed);
        assertTrue(printed.get(0).startsWith("waiting 10 s for " + from + ", another program: send it again, e.g. ncat -u 127.0.0.1 "),
                "the script says what to run: " + printed);
    }

    /** Opens a lesson and does every step with Show me alone. */
    private void showMeWholeLesson(String titleStart) {
        @SuppressWarnings("unchecked")
        ComboBox<Lesson> choice = robot.lookup("#lessonChoice").queryAs(ComboBox.class);
        robot.interact(() -> choice.getItems().stream().filter(l -> l.title().startsWith(titleStart)).findFirst()
                .ifPresent(choice::setValue));
        ui.waitUntil(() -> ui.label("lessonTitle").startsWith(titleStart), "the lesson is open");
        int steps = choice.getValue().steps().size();
        for (int step = 1; step <= steps; step++) {
            int number = step;
            ui.waitUntil(() -> ui.label("lessonProgress").equals(number + " / " + steps), "step " + number + " is shown");
            if (!ui.label("lessonStatus").startsWith("✔")) {
                ui.click("lessonShowMeButton");
            }
            ui.waitUntil(() -> ui.label("lessonStatus").startsWith("✔"), "step " + number + " ticks");
            if (step < steps) {
                ui.click("lessonNextButton");
            }
        }
    }

    /** The texts a table's cells under a heading show on screen now, top to bottom (empty rows left out). */
    private List<String> shownUnder(String tableId, String heading) {
        return ui.onFx(() -> robot.lookup("#" + tableId).queryAs(TableView.class).lookupAll(".table-cell").stream()
                .map(node -> (TableCell<?, ?>) node)
                .filter(cell -> !cell.isEmpty() && cell.getTableColumn() != null && cell.getTableColumn().getText().equals(heading)
                        && cell.getTableRow() != null && cell.getTableRow().isVisible() && cell.getText() != null)
                .sorted(java.util.Comparator.comparingInt(TableCell::getIndex))
                .map(TableCell::getText).toList());
    }

    @Test
    void aLessonsNamesAreWhatTheTableTheLogAndThePythonPaneSay(@TempDir Path dir) throws Exception {
        showMeWholeLesson("Two UDP sockets");
        ui.waitUntil(() -> shownUnder("socketTable", "Socket").equals(List.of("receiver", "sender")),
                "the table shows the lesson's names (it shows " + shownUnder("socketTable", "Socket") + ")");
        List<Integer> received = ui.logRowsWhere("← recvfrom");
        assertEquals(2, received.size());
        for (int row : received) {
            assertEquals("receiver", ui.cell("logTable", row, "Socket"));
        }
        ui.waitUntil(() -> shownUnder("logTable", "Socket").containsAll(List.of("receiver", "sender"))
                && shownUnder("logTable", "Socket").stream().noneMatch(text -> text.matches("s\\d+")),
                "the log shows the lesson's names (it shows " + shownUnder("logTable", "Socket") + ")");

        int made = ui.logRowsWhere("socket(").get(0);
        assertEquals("receiver", ui.cell("logTable", made, "Data"), "socket() gave the receiver");

        ui.type("logFilterField", "receiver");
        ui.waitUntil(() -> !shownUnder("logTable", "Socket").isEmpty()
                && shownUnder("logTable", "Socket").stream().allMatch("receiver"::equals),
                "filtering by the name shows the receiver's rows (it shows " + shownUnder("logTable", "Socket") + ")");
        assertTrue(shownUnder("logTable", "Call").containsAll(List.of("bind(('127.0.0.1', 0))", "← recvfrom(1024)")),
                "the receiver's calls: " + shownUnder("logTable", "Call"));
        ui.type("logFilterField", "");

        String code = code("receiver.recvfrom(1024)  # (b'second message'");
        assertTrue(code.contains("receiver = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"), code);
        assertTrue(code.contains("sender.sendto(b'Hello World', receiver.getsockname())  # 11\n"), code);
        assertTrue(code.contains("receiver.recvfrom(1024)  # (b'Hello World', ('127.0.0.1', "), code);
        assertFalse(code.matches("(?s).*\\bs\\d+\\b.*"), "no socket is written by its id: " + code);
        List<String> shown = commentedOutcomes(code);
        assertEquals(normalise(shown), normalise(saveAndRun(dir)));
    }
}
