package org.socketplayground.ui.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.engine.SocketEngine;
import org.socketplayground.engine.py.PyValue;
import org.socketplayground.ui.log.LogView;

/** The live log alone: the engine's finished calls as rows, the filter, Pause/Resume, Clear, and the selected call. */
class LogViewTest extends OneView<LogView> {
    private String receiver;
    private String sender;
    private long receiverPort;
    private long senderPort;

    LogViewTest() {
        super(LogView.class);
    }

    /** Two bound sockets, a datagram from one to the other, received: seven calls, seven rows. */
    private int conversation() {
        receiver = udpSocket();
        receiverPort = bindLoopback(receiver);
        sender = udpSocket();
        senderPort = bindLoopback(sender);
        sendto(sender, "hello log", receiverPort);
        recvfrom(receiver);   // settimeout, then recvfrom
        int calls = 7;
        waitUntil(() -> rows("logTable") == calls, () -> "the log shows the " + calls + " calls (it shows " + rows("logTable") + ")");
        return calls;
    }

    private int rowWhereCallStarts(String prefix) {
        List<String> calls = shownColumn("logTable", "Call");
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i) != null && calls.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no row whose Call starts with " + prefix + ": " + calls);
    }

    @Test
    void theEnginesCallsShowAsRowsWithTheSenderAndTheData() {
        conversation();
        waitUntil(() -> shownColumn("logTable", "Call").stream().noneMatch(c -> c == null), "every row is drawn");

        int received = rowWhereCallStarts("← recvfrom");
        assertEquals(receiver, shown("logTable", received, "Socket"));
        assertEquals("← recvfrom(1024)", shown("logTable", received, "Call"));
        assertEquals("127.0.0.1", shown("logTable", received, "Source host"));
        assertEquals(Long.toString(senderPort), shown("logTable", received, "Source port"), "the sender's port");
        assertEquals("9", shown("logTable", received, "Bytes"));
        assertEquals("hello log", shown("logTable", received, "Data"));

        int sent = rowWhereCallStarts("→ sendto");
        assertEquals(sender, shown("logTable", sent, "Socket"));
        assertEquals(Long.toString(senderPort), shown("logTable", sent, "Source port"), "what went out: the socket's own address");
        assertEquals("hello log", shown("logTable", sent, "Data"));

        int bind = rowWhereCallStarts("bind(");
        assertEquals("None", shown("logTable", bind, "Data"), "a call without data shows its outcome");
        assertEquals("", shown("logTable", bind, "Source host"));

        // A row clicked is the session's selected call (the details and the Python follow it).
        robot.clickOn(renderedCell("logTable", received, "Call"));
        waitUntil(() -> session.selectedCallProperty().get() != null && session.selectedCallProperty().get().call().equals("recvfrom"),
                "the clicked row's call is selected in the session");
    }

    @Test
    void theFilterAndDataOnlyNarrowTheRows() {
        int all = conversation();
        typeKeys("logFilterField", sender);
        waitUntil(() -> {
            List<String> calls = shownColumn("logTable", "Call");
            return calls.size() == 3 && calls.stream().allMatch(c -> c != null) && calls.get(0).startsWith("socket(")
                    && calls.get(1).startsWith("bind(") && calls.get(2).startsWith("→ sendto(");
        }, () -> "the filter keeps " + sender + "'s socket(), bind() and sendto() (it shows " + shownColumn("logTable", "Call") + ")");
        assertEquals(List.of(sender, sender), shownColumn("logTable", "Socket").subList(1, 3));

        typeKeys("logFilterField", "");
        waitUntil(() -> rows("logTable") == all, "an empty filter shows every row");

        press("dataOnlyCheck");
        waitUntil(() -> rows("logTable") == 2, () -> "Data only keeps what was sent and received (" + shownColumn("logTable", "Call") + ")");
        waitUntil(() -> shownColumn("logTable", "Data").equals(List.of("hello log", "hello log")),
                () -> "both rows show the data (" + shownColumn("logTable", "Data") + ")");
        press("logHexToggle");
        waitUntil(() -> shownColumn("logTable", "Data").equals(List.of("68 65 6c 6c 6f 20 6c 6f 67", "68 65 6c 6c 6f 20 6c 6f 67")),
                () -> "Hex shows the bytes (" + shownColumn("logTable", "Data") + ")");
    }

    @Test
    void pauseHoldsNewRowsAndSaysHowManyResumeShowsThemAndClearEmpties() {
        int before = conversation();
        assertEquals("Pause", text("pauseLogToggle"));
        press("pauseLogToggle");
        waitUntil(() -> text("pauseLogToggle").equals("Resume"), () -> "the button reads Resume (" + text("pauseLogToggle") + ")");

        assertTrue(engine.call(receiver, "getsockname").value() instanceof PyValue.Tuple);
        CallRecord sent = engine.call(sender, "sendto", PyValue.of("held".getBytes()), SocketEngine.address("127.0.0.1", receiverPort));
        assertEquals("4", sent.outcome());
        waitUntil(() -> text("pauseLogToggle").equals("Resume (2 new)"), () -> "the button counts the held calls (" + text("pauseLogToggle") + ")");
        assertEquals(before, rows("logTable"), "no row is added while paused");

        press("pauseLogToggle");
        waitUntil(() -> text("pauseLogToggle").equals("Pause") && rows("logTable") == before + 2,
                () -> "Resume shows the held rows (" + text("pauseLogToggle") + ", " + rows("logTable") + " rows)");
        waitUntil(() -> shown("logTable", before + 1, "Data") != null, "the newest row is drawn: the log follows its end");
        assertEquals("held", shown("logTable", before + 1, "Data"));

        fx(() -> table("logTable").getSelectionModel().select(0));
        waitUntil(() -> session.selectedCallProperty().get() != null, "a row is selected");
        press("clearLogButton");
        waitUntil(() -> rows("logTable") == 0, "Clear empties the log");
        assertNull(onFx(() -> session.selectedCallProperty().get()), "nothing is selected any more");
        engine.call(receiver, "getsockname");
        waitUntil(() -> rows("logTable") == 1, "the log goes on after a Clear");
    }
}
