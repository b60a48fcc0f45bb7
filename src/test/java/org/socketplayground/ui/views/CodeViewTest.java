package org.socketplayground.ui.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.TextArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.engine.py.PyValue;
import org.socketplayground.ui.code.CodeView;

/** The Python pane alone: the engine's calls as the Python a student would write, saved as a script, highlighted. */
class CodeViewTest extends OneView<CodeView> {
    CodeViewTest() {
        super(CodeView.class);
    }

    @AfterEach
    void forgetSaveTarget() {
        System.clearProperty("playground.saveTo");
    }

    private String code() {
        return text("pythonCode");
    }

    private void expectCode(String line) {
        waitUntil(() -> code().contains(line), () -> "the pane shows " + line + ":\n" + code());
    }

    @Test
    void theCallsShowAsPythonWithTheirOutcomesAsComments() {
        assertEquals("import socket\n", code(), "a new pane shows only the import");
        String s = udpSocket();
        bindLoopback(s);
        engine.call(s, "setblocking", PyValue.of(false));
        engine.call(s, "recvfrom", PyValue.of(1024));

        expectCode(s + ".recvfrom(1024)");
        assertEquals("import socket\n\n"
                + s + " = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
                + s + ".bind(('127.0.0.1', 0))\n"
                + s + ".setblocking(False)\n"
                + s + ".recvfrom(1024)  # BlockingIOError: [Errno 11] Resource temporarily unavailable\n", code());
    }

    @Test
    void saveAsScriptWritesARunnableScriptOfTheSession(@TempDir Path dir) {
        String s = udpSocket();
        bindLoopback(s);
        expectCode(s + ".bind(('127.0.0.1', 0))");
        Path file = dir.resolve("session.py");
        System.setProperty("playground.saveTo", file.toString());
        press("saveScriptButton");
        waitUntil(() -> {
            String saved = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
            return saved.startsWith("#!/usr/bin/env python3\n") && saved.contains(s + " = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)")
                    && saved.contains(s + ".bind(('127.0.0.1', 0))");
        }, () -> "the script is saved to " + file);
        waitUntil(() -> session.noticeProperty().get().equals("Saved the script to " + file + ". Run it with: python3 session.py"),
                () -> "the session is told (" + session.noticeProperty().get() + ")");
    }

    @Test
    void aCallSelectedElsewhereIsHighlightedAndStartOverEmptiesThePane() {
        String s = udpSocket();
        CallRecord bind = engine.call(s, "bind", org.socketplayground.engine.SocketEngine.address("127.0.0.1", 0));
        engine.call(s, "getsockname");
        expectCode(s + ".getsockname()");

        fx(() -> session.selectCall(bind));
        TextArea pane = node("pythonCode", TextArea.class);
        waitUntil(() -> pane.getSelectedText().equals(s + ".bind(('127.0.0.1', 0))"),
                () -> "the bind's line is highlighted (selected: '" + onFx(pane::getSelectedText) + "')");

        press("clearCodeButton");
        waitUntil(() -> code().equals("import socket\n\n"), () -> "Start over leaves the import (" + code() + ")");
        engine.call(s, "getsockname");
        waitUntil(() -> code().contains(s + ".getsockname()"), () -> "new calls come after Start over:\n" + code());
        assertFalse(code().contains("bind("), code());
        assertTrue(code().startsWith("import socket\n"), code());
    }
}
