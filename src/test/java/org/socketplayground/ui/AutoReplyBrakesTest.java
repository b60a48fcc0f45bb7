package org.socketplayground.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.control.ToggleButton;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.socketplayground.engine.Family;
import org.socketplayground.engine.SockType;
import org.socketplayground.robustness.PythonPeer;
import org.socketplayground.robustness.Robustness;

/**
 * Auto-reply cannot run away (issue 17): two auto-replies pointed at each other, one pointed at the built-in echo
 * server, and a python3 flood at one (a reflector's victim would see the replies) — each stays within 20 replies a
 * second after a burst of 20, and the window says what was held back, in one line, beside the toggle and in the
 * status bar. The figures below are the brakes' own: a test written against them fails if they loosen.
 */
@ExtendWith(Robustness.class)
@Robustness.Group("loops")
class AutoReplyBrakesTest extends OwnWindow {
    private static final int RATE = 20;
    private static final int BURST = 20;

    private String boundSocket(String host) {
        String id = ui.createSocket(Family.AF_INET, SockType.SOCK_DGRAM);
        ui.type("hostField", host);
        ui.type("portField", "0");
        ui.click("bindButton");
        ui.expectOutcome("None");
        return id;
    }

    private void autoReply(String id) {
        ui.selectSocket(id);
        ui.click("autoReplyToggle");
        ui.waitUntil(() -> robot.lookup("#autoReplyToggle").queryAs(ToggleButton.class).isSelected()
                && robot.lookup("#autoReceiveToggle").queryAs(ToggleButton.class).isSelected(), id + " auto-replies");
    }

    /** The datagrams a UDP socket received, as its Received cell shows them ("12 / 345 B"). */
    private long received(String id) {
        String cell = ui.cell("socketTable", ui.socketRow(id), "Received");
        return Long.parseLong(cell.split(" ")[0].replace(",", ""));
    }

    private String note() {
        return ui.onFx(() -> {
            javafx.scene.control.Label note = robot.lookup("#autoReplyNote").queryAs(javafx.scene.control.Label.class);
            return note == null || !note.isVisible() ? "" : note.getText();
        });
    }

    @Test
    void twoAutoRepliesPointedAtEachOtherStayUnderTheRateLimitAndSaySo() {
        String a = boundSocket("127.0.0.1");
        String b = boundSocket("127.0.0.1");
        autoReply(a);
        autoReply(b);
        ui.type("destPortField", ui.localPort(a));
        ui.type("payloadField", "ping");
        long started = System.nanoTime();
        ui.click("sendButton");   // b → a: from here on they answer each other
        // Two seconds of ping-pong at least, and the status bar has said that one of them held back.
        ui.waitUntil(() -> System.nanoTime() - started > 2_000_000_000L && ui.label("statusBar").contains("held back"),
                () -> "the status bar says auto-reply held back (it reads '" + ui.label("statusBar") + "'; "
                        + received(a) + " + " + received(b) + " received)");
        long total = received(a) + received(b);
        double seconds = (System.nanoTime() - started) / 1e9;
        long allowed = Math.round(2 * (BURST + RATE * seconds)) + 1;   // each socket's budget, and b's first send
        Robustness.figure(String.format("auto-reply ping-pong: %d datagrams in %.1f s (at most %d allowed)", total, seconds, allowed));
        assertTrue(total <= allowed, total + " datagrams in " + seconds + " s: more than the brakes allow (" + allowed + ")");
        String status = ui.label("statusBar");
        assertTrue(status.matches(".*auto-reply on \\S+ held back [\\d,]+ repl(y|ies) \\(rate limit 20/s\\).*"), status);
        // The socket that held back says so beside its toggle, when selected.
        String held = status.contains("auto-reply on " + a + " ") ? a : b;
        ui.selectSocket(held);
        ui.waitUntil(() -> note().matches("Brakes: held back [\\d,]+ repl(y|ies) \\(rate limit 20/s\\)\\."),
                () -> held + "'s note says it held back (it reads '" + note() + "')");
    }

    @Test
    void autoReplyLeavesTheBuiltInEchoServerUnanswered() {
        int before = ui.rows("socketTable");
        robot.clickOn("#peersMenu");
        robot.clickOn("UDP echo server — answers 'OK...' + data");
        ui.waitUntil(() -> ui.rows("socketTable") == before + 1
                && ui.cell("socketTable", before, "Local address").startsWith("127.0.0.1:"), "the echo server is listed, bound");
        String echo = ui.cell("socketTable", before, "Socket");
        String s = boundSocket("127.0.0.1");
        autoReply(s);
        ui.type("destPortField", ui.localPort(echo));
        ui.type("payloadField", "ping");
        ui.click("sendButton");
        ui.waitUntil(() -> note().contains("from a built-in echo server unanswered"), () -> "the note says why (it reads '" + note() + "')");
        ui.waitUntil(() -> received(s) == 1, "s received the echo's answer");
        assertEquals(1, received(echo), "the echo server heard the first datagram only: no reply went back to it");
    }

    @Test
    void aFloodFromAnotherProgramGetsTwentyRepliesASecondAndEveryInterfaceIsFlagged() throws Exception {
        String s = boundSocket("0.0.0.0");
        autoReply(s);
        ui.waitUntil(() -> note().startsWith("⚠ Bound to every interface"), () -> "the note warns (it reads '" + note() + "')");
        String port = ui.localPort(s);
        // 1,000 datagrams as fast as python3 sends them, then every reply that comes within 1.5 s of quiet.
        String script = """
                import socket, sys, time
                s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
                start = time.monotonic()
                for i in range(1000):
                    s.sendto(b'flood %d' % i, ('127.0.0.1', int(sys.argv[1])))
                s.settimeout(1.5)
                replies = 0
                try:
                    while True:
                        s.recvfrom(4096)
                        replies += 1
                except socket.timeout:
                    pass
                print('replies', replies, round(time.monotonic() - start - 1.5, 3))
                """;
        try (PythonPeer flood = PythonPeer.start(script, port)) {
            String[] got = flood.expect("replies").split(" ");
            long replies = Long.parseLong(got[0]);
            double seconds = Math.max(0, Double.parseDouble(got[1])) + 1.5;
            long allowed = Math.round(BURST + RATE * seconds) + 1;
            Robustness.figure(String.format("auto-reply under a flood of 1,000 datagrams: %d replies in %.1f s (at most %d allowed)",
                    replies, seconds, allowed));
            assertTrue(replies >= BURST, "it still answers: " + replies);
            assertTrue(replies <= allowed, replies + " replies: more than the brakes allow (" + allowed + ")");
        }
        ui.waitUntil(() -> note().contains("held back"), () -> "the note says it held back (it reads '" + note() + "')");
    }
}
