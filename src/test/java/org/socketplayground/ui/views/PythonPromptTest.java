package org.socketplayground.ui.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.ui.code.CodeView;
import org.socketplayground.ui.session.PythonPrompt;

/**
 * The Python prompt under the Python pane, typed key by key as a student types: what it prints is what Python's
 * REPL prints, the sockets it makes are real and listed, a line that waits leaves the window free, and Up and Down
 * bring lines back.
 */
class PythonPromptTest extends OneView<CodeView> {
    private static final String UDP = "socket.socket(socket.AF_INET, socket.SOCK_DGRAM)";

    PythonPromptTest() {
        super(CodeView.class);
    }

    private TextField prompt() {
        return node("pythonPrompt", TextField.class);
    }

    private List<String> output() {
        String text = text("pythonPromptOutput");
        return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n", -1));
    }

    private boolean busy() {
        return onFx(() -> session.pythonPrompt().busyProperty().get());
    }

    /** Types a line into the prompt key by key and presses Enter, as a student does. */
    private void typeAndEnter(String line) {
        typeKeys("pythonPrompt", line);
        robot.type(KeyCode.ENTER);
    }

    /** Types a line key by key, presses Enter and waits until it has run; returns what it printed after its echo. */
    private List<String> run(String line) {
        return run(line, true);
    }

    /** As {@link #run(String)}, the line put in at once (typing costs a second a line): for the lines that set up. */
    private List<String> quickly(String line) {
        return run(line, false);
    }

    private List<String> run(String line, boolean keyByKey) {
        int before = output().size();
        if (keyByKey) {
            typeAndEnter(line);
        } else {
            type("pythonPrompt", line);
            robot.type(KeyCode.ENTER);
        }
        waitUntil(() -> !busy() && output().size() > before && output().get(before).equals(">>> " + line),
                () -> "the prompt runs " + line + " (it shows " + output() + ")");
        assertEquals("", prompt().getText(), "Enter empties the prompt");
        List<String> now = output();
        return now.subList(before + 1, now.size());
    }

    private void noJavaInOutput() {
        String all = text("pythonPromptOutput");
        assertFalse(all.contains("Exception") || all.contains("java.") || all.contains("\tat "), all);
    }

    private static DatagramSocket peer() throws Exception {
        DatagramSocket peer = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        peer.setSoTimeout(10_000);
        return peer;
    }

    @Test
    void linesMakeARealSocketAndAnswerAsPythonsRepl() throws Exception {
        try (DatagramSocket peer = peer()) {
            assertEquals(List.of(), run("s = " + UDP), "an assignment prints nothing");
            waitUntil(() -> session.sockets().size() == 1, "the session lists the socket made at the prompt");
            String id = onFx(() -> session.sockets().get(0).id());
            waitUntil(() -> session.selectedSocket() != null && session.selectedSocket().id().equals(id),
                    "a socket made at the prompt is selected, as one made with the button");

            assertEquals(List.of(), run("s.bind(('127.0.0.1', 0))"), "a call that returns None prints nothing");
            long port = port(id);
            assertEquals(List.of("('127.0.0.1', " + port + ")"), run("s.getsockname()"));
            assertEquals(List.of("2"), run("s.sendto(b'hi', ('127.0.0.1', " + peer.getLocalPort() + "))"));
            DatagramPacket got = new DatagramPacket(new byte[64], 64);
            peer.receive(got);
            assertEquals("hi", new String(got.getData(), 0, got.getLength(), StandardCharsets.UTF_8));
            assertEquals(port, got.getPort(), "it came from the socket the prompt bound");
            assertEquals(List.of("20480"), run("socket.htons(80)"));
            assertEquals(List.of("<socket.socket " + id + ", family=AF_INET, type=SOCK_DGRAM, laddr=('127.0.0.1', " + port + ")>"),
                    run("s"), "a socket reads as CPython's repr, named as the table names it");

            caughtUp();
            assertTrue(finished("sendto").stream().anyMatch(r -> id.equals(r.socketId())), "the send was an engine call: " + records);
            waitUntil(() -> text("pythonCode").contains(".sendto(b'hi', ('127.0.0.1', " + peer.getLocalPort() + "))  # 2"),
                    () -> "the Python pane shows the send:\n" + text("pythonCode"));
            assertEquals(List.of(">>> s = " + UDP, ">>> s.bind(('127.0.0.1', 0))", ">>> s.getsockname()"), output().subList(0, 3),
                    "the output reads as a REPL session");
        }
    }

    @Test
    void errorsReadAsTheLastLineOfPythonsTraceback() {
        quickly("a = " + UDP);
        quickly("a.bind(('127.0.0.1', 0))");
        quickly("b = " + UDP);
        assertEquals(List.of("OSError: [Errno 98] Address already in use"), run("b.bind(a.getsockname())"));
        assertEquals(List.of("NameError: name 'x' is not defined"), run("x"));
        assertEquals(List.of("SyntaxError: '(' was never closed"), run("a.bind(("));
        assertTrue(quickly("a.bind(,)").get(0).startsWith("SyntaxError: "), "unparseable input is a SyntaxError");
        assertTrue(quickly("2 ** 100").get(0).startsWith("OverflowError: "), "a number too large is said so, not wrapped round");
        List<String> notACall = quickly("print.x(1)");
        assertTrue(notACall.get(0).matches("[A-Za-z]+Error: .*"), notACall::toString);
        noJavaInOutput();
        assertEquals(List.of(), quickly("b.bind(('127.0.0.1', 0))"), "after an error the names are still there");
    }

    @Test
    void commentsImportAndPrintAreTakenAsPythonTakesThem() {
        assertEquals(List.of(), quickly("import socket"));
        assertEquals(List.of(), quickly("# nothing to run"));
        assertEquals(List.of("20480"), quickly("socket.htons(80)  # a line copied from the Python pane"));
        assertEquals(List.of("b'#' x 8"), run("print(b'#', 'x', 2 ** 3)"));
        assertTrue(quickly("from socket import *").get(0).contains("import socket"), "says what works instead");
        noJavaInOutput();
    }

    @Test
    void upAndDownWalkTheLinesTypedAndEnterOnNothingDoesNothing() {
        run("socket.htons(1)");
        run("socket.htons(2)");
        TextField prompt = prompt();
        robot.type(KeyCode.UP);
        waitUntil(() -> prompt.getText().equals("socket.htons(2)"), () -> "Up brings the last line (" + prompt.getText() + ")");
        robot.type(KeyCode.UP);
        waitUntil(() -> prompt.getText().equals("socket.htons(1)"), () -> "Up again the one before (" + prompt.getText() + ")");
        robot.type(KeyCode.UP);
        waitUntil(() -> prompt.getText().equals("socket.htons(1)"), () -> "the oldest line stays (" + prompt.getText() + ")");
        robot.type(KeyCode.DOWN);
        waitUntil(() -> prompt.getText().equals("socket.htons(2)"), () -> "Down goes forward (" + prompt.getText() + ")");
        robot.type(KeyCode.DOWN);
        waitUntil(() -> prompt.getText().isEmpty(), () -> "past the newest line, what was typed (" + prompt.getText() + ")");
        assertTrue(onFx(prompt::isFocused), "the arrows keep the cursor in the prompt");

        robot.type(KeyCode.UP, KeyCode.ENTER);
        waitUntil(() -> !busy() && output().equals(List.of(">>> socket.htons(1)", "256", ">>> socket.htons(2)", "512",
                ">>> socket.htons(2)", "512")), () -> "a line from the history runs again (" + output() + ")");

        List<String> before = output();
        typeKeys("pythonPrompt", "");
        robot.type(KeyCode.ENTER);
        typeKeys("pythonPrompt", "   ");
        robot.type(KeyCode.ENTER);
        assertFalse(busy());
        assertEquals(before, output(), "Enter on an empty prompt runs nothing");
        assertEquals(List.of("socket.htons(1)", "socket.htons(2)"), onFx(() -> session.pythonPrompt().history()));

        robot.type(KeyCode.ESCAPE);
        waitUntil(() -> !prompt.isFocused(), "Esc leaves the prompt");
    }

    @Test
    void theHistoryKeepsTheLastHundredLines() {
        PythonPrompt prompt = session.pythonPrompt();
        for (int i = 0; i < PythonPrompt.HISTORY + 5; i++) {
            int n = i;
            fx(() -> prompt.run("# " + n));
            waitUntil(() -> !prompt.busyProperty().get(), "line " + n + " ran");
        }
        List<String> history = onFx(prompt::history);
        assertEquals(PythonPrompt.HISTORY, history.size());
        assertEquals("# 5", history.get(0));
        assertTrue(onFx(() -> prompt.output().size()) <= PythonPrompt.OUTPUT_LINES, "the output keeps its last lines");
    }

    @Test
    void aReceiveThatWaitsLeavesTheWindowFreeAndEndsWhenADatagramComes() throws Exception {
        quickly("r = " + UDP);
        quickly("r.bind(('127.0.0.1', 0))");
        waitUntil(() -> session.sockets().size() == 1, "the socket is listed");
        String id = onFx(() -> session.sockets().get(0).id());
        long port = port(id);

        typeAndEnter("data, addr = r.recvfrom(1024)");
        Label state = node("pythonPromptState", Label.class);
        waitUntil(() -> state.isVisible() && state.getText().equals("waiting · Esc ends it"),
                () -> "the prompt says it waits (" + state.getText() + ")");
        waitUntil(() -> session.waitingCalls().stream().anyMatch(r -> r.call().equals("recvfrom") && r.socketId().equals(id)),
                "the session lists the waiting call, for the status bar");
        assertTrue(busy());

        // The JavaFX thread is free: keys reach the prompt, and the session still takes records once a frame.
        robot.write("data");
        waitUntil(() -> prompt().getText().equals("data"), () -> "typing goes on while the line waits (" + prompt().getText() + ")");
        String other = udpSocket();
        waitUntil(() -> row(other) != null, "a socket made meanwhile is listed");
        assertTrue(busy(), "the line still waits");

        try (DatagramSocket peer = peer()) {
            byte[] hello = "hello".getBytes(StandardCharsets.UTF_8);
            peer.send(new DatagramPacket(hello, hello.length, InetAddress.getLoopbackAddress(), (int) port));
            waitUntil(() -> !busy() && !state.isVisible(), "the receive returns when the datagram comes");
            assertEquals(">>> data, addr = r.recvfrom(1024)", output().get(output().size() - 1), "an assignment prints nothing");
            robot.type(KeyCode.ENTER);   // runs the "data" typed while it waited
            waitUntil(() -> !busy() && output().get(output().size() - 1).equals("b'hello'"), () -> "data is the datagram (" + output() + ")");
            assertEquals(List.of("('127.0.0.1', " + peer.getLocalPort() + ")"), run("addr"));
        }
    }

    @Test
    void escOrTheStatusBarsAbandonEndsAWaitWithKeyboardInterrupt() throws Exception {
        quickly("r = " + UDP);
        quickly("r.bind(('127.0.0.1', 0))");
        String made = udpSocket();
        selectInSession(made);

        typeAndEnter("r.recvfrom(1024)");
        waitUntil(() -> node("pythonPromptState", Label.class).getText().startsWith("waiting"), "the line waits");
        String waitingOn = onFx(() -> session.pythonPrompt().waitingProperty().get().socketId());
        waitUntil(() -> session.selectedSocket().id().equals(waitingOn), "the socket that waits is selected, for Abandon");
        robot.type(KeyCode.ESCAPE);
        waitUntil(() -> !busy() && output().get(output().size() - 1).equals("KeyboardInterrupt"),
                () -> "Esc in the prompt ends the wait (" + output() + ")");
        assertTrue(onFx(prompt()::isFocused), "Esc that ends a wait stays in the prompt");

        type("pythonPrompt", "r.recvfrom(1024)");
        robot.type(KeyCode.ENTER);
        waitUntil(() -> !session.waitingCalls().isEmpty() && session.selectedSocket().id().equals(waitingOn), "the line waits again");
        fx(() -> session.abandonWaiting(session.selectedSocket().id()));   // what Abandon in the status bar does
        waitUntil(() -> !busy() && output().get(output().size() - 1).equals("KeyboardInterrupt"),
                () -> "Abandon ends the wait (" + output() + ")");
        assertEquals(1, quickly("r.getsockname()").size(), "the socket is still there");
        CallRecord last = finished("recvfrom").get(finished("recvfrom").size() - 1);
        assertEquals("KeyboardInterrupt", last.error().toString());
    }

    @Test
    void nothingIsReceivedBehindTheUsersBack() throws Exception {
        // A line run at the prompt takes only what it asked for: the second datagram stays for the next call.
        quickly("r = " + UDP);
        quickly("r.bind(('127.0.0.1', 0))");
        waitUntil(() -> session.sockets().size() == 1, "the socket is listed");
        long port = port(onFx(() -> session.sockets().get(0).id()));
        try (DatagramSocket peer = peer()) {
            for (String text : List.of("one", "two")) {
                byte[] b = text.getBytes(StandardCharsets.UTF_8);
                peer.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), (int) port));
            }
            assertEquals(List.of("b'one'"), quickly("r.recvfrom(1024)[0]"));
            assertEquals(List.of("b'two'"), quickly("r.recvfrom(1024)[0]"));
            quickly("r.setblocking(False)");
            assertEquals(List.of("BlockingIOError: [Errno 11] Resource temporarily unavailable"), quickly("r.recvfrom(1024)"));
        } catch (SocketTimeoutException e) {
            throw new AssertionError(e);
        }
    }
}
