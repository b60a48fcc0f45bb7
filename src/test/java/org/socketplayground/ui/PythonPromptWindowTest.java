package org.socketplayground.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;

/** The Python prompt in the whole window: what it makes is a row of the socket table, what it calls rows of the log. */
class PythonPromptWindowTest extends OwnWindow {

    private String output() {
        return ui.onFx(() -> robot.lookup("#pythonPromptOutput").queryAs(TextArea.class).getText());
    }

    /** Types a line into the prompt key by key, presses Enter, and waits for its echo and what it printed. */
    private void run(String line, String printed) {
        ui.typeKeys("pythonPrompt", line);
        robot.type(KeyCode.ENTER);
        String expected = ">>> " + line + (printed.isEmpty() ? "" : "\n" + printed);
        ui.waitUntil(() -> output().endsWith(expected), () -> "the prompt shows\n" + expected + "\n(it shows\n" + output() + ")");
    }

    @Test
    void aSocketMadeAtThePromptIsARowOfTheTableAndItsCallsAreInTheLog() {
        robot.clickOn("Python");
        run("s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)", "");
        ui.waitUntil(() -> ui.rows("socketTable") == 1
                && ui.table("socketTable").getSelectionModel().getSelectedIndex() == 0, "the table lists the socket, selected");
        String id = ui.cell("socketTable", 0, "Socket");
        run("s.bind(('127.0.0.1', 0))", "");
        ui.waitUntil(() -> ui.cell("socketTable", 0, "Local address").startsWith("127.0.0.1:"),
                () -> "the table shows the bound address (" + ui.cell("socketTable", 0, "Local address") + ")");
        String port = ui.localPort(id);
        run("s.sendto(b'hi', s.getsockname())", "2");
        run("s.recvfrom(1024)", "(b'hi', ('127.0.0.1', " + port + "))");

        ui.waitUntil(() -> ui.logData(id, "← recvfrom").equals(List.of("hi")),
                () -> "the log shows the receive's data (" + ui.logData(id, "← recvfrom") + ")");
        List<String> calls = ui.onFx(() -> {
            List<String> out = new java.util.ArrayList<>();
            for (int row = 0; row < ui.rows("logTable"); row++) {
                if (ui.cell("logTable", row, "Socket").equals(id)) {
                    out.add(ui.cell("logTable", row, "Call"));
                }
            }
            return out;
        });
        for (String call : List.of("socket", "bind", "getsockname", "sendto", "recvfrom")) {
            assertTrue(calls.stream().anyMatch(c -> c.contains(call)), "the log lists " + call + " on " + id + ": " + calls);
        }
        ui.expectOutcome("(b'hi', ('127.0.0.1', " + port + "))");   // the calls pane shows it as the user's last call
        assertEquals("1", ui.cell("socketTable", 0, "Received").split("\\s")[0]);
    }

    @Test
    void escInAnIdlePromptLeavesItAndEndsNoWaitingCall() {
        robot.clickOn("Python");
        run("r = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)", "");
        run("r.bind(('127.0.0.1', 0))", "");
        ui.waitUntil(() -> ui.rows("socketTable") == 1, "the table lists the socket");
        ui.selectSocket(ui.cell("socketTable", 0, "Socket"));
        ui.call("recvButton");   // a button's receive that waits
        ui.expectOutcome("waiting…");

        TextField prompt = robot.lookup("#pythonPrompt").queryAs(TextField.class);
        robot.clickOn(prompt);
        robot.type(KeyCode.ESCAPE);
        ui.waitUntil(() -> !prompt.isFocused(), "Esc leaves the prompt");

        // Had Esc abandoned it, the button's receive would end in KeyboardInterrupt; it takes the datagram instead.
        run("r.sendto(b'still here', r.getsockname())", "10");
        String id = ui.cell("socketTable", 0, "Socket");
        ui.waitUntil(() -> ui.logData(id, "← recvfrom").equals(List.of("still here")),
                () -> "the button's receive took the datagram (the log shows " + ui.logData(id, "← recvfrom") + ")");
    }
}
