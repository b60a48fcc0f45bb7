package org.socketplayground.ui.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.engine.py.PyValue;
import org.socketplayground.ui.status.StatusView;

/** The status bar alone: its counters, the session's notices, and the call that waits, with Abandon. */
class StatusViewTest extends OneView<StatusView> {
    StatusViewTest() {
        super(StatusView.class);
    }

    private String status() {
        return text("statusBar");
    }

    private boolean abandonShown() {
        return onFx(() -> {
            Button b = node("abandonButton", Button.class);
            return b.isVisible() && b.isManaged();
        });
    }

    /** The finished record of a call on a socket, once there is one. */
    private CallRecord finishedOn(String socket, String call) {
        waitUntil(() -> finished(call).stream().anyMatch(r -> socket.equals(r.socketId())), socket + "." + call + " ends");
        return finished(call).stream().filter(r -> socket.equals(r.socketId())).findFirst().orElseThrow();
    }

    @Test
    void theBarCountsSocketsCallsAndDatagramsAndShowsTheLatestNotice() {
        waitUntil(() -> status().equals("0 sockets  ·  0 waiting  ·  0 calls  ·  0 datagrams received  ·  log shows 0 of the last 10,000 calls"),
                () -> "the bar counts nothing yet (" + status() + ")");
        String receiver = udpSocket();
        long port = bindLoopback(receiver);
        String sender = udpSocket();
        sendto(sender, "one", port);
        recvfrom(receiver);   // settimeout and recvfrom: six calls in all
        waitUntil(() -> status().equals("2 sockets  ·  0 waiting  ·  6 calls  ·  1 datagram received  ·  log shows 6 of the last 10,000 calls"),
                () -> "the bar counts two sockets, six calls and one datagram (" + status() + ")");

        fx(() -> session.notice("Saved the script."));
        waitUntil(() -> status().endsWith("calls  ·  Saved the script."), () -> "the notice is shown last (" + status() + ")");
        fx(() -> session.log().pausedProperty().set(true));
        waitUntil(() -> status().contains("log shows 6 of the last 10,000 calls, paused  ·  Saved the script."),
                () -> "the bar says the log is paused (" + status() + ")");
    }

    @Test
    void aBlockingRecvfromShowsAsWaitingAndAbandonEndsItWithKeyboardInterrupt() {
        String s = udpSocket();
        bindLoopback(s);
        assertFalse(abandonShown(), "nothing waits, no Abandon");
        fx(() -> session.perform(s, "recvfrom", List.of(PyValue.of(1024))));
        waitUntil(() -> text("waitingLabel").matches("waiting: " + s + "\\.recvfrom\\(1024\\) blocked for \\d+\\.\\d s") && abandonShown(),
                () -> "the wait is shown with Abandon (" + text("waitingLabel") + ")");
        waitUntil(() -> status().startsWith("1 socket  ·  1 waiting  ·  "), () -> "the bar counts the wait (" + status() + ")");

        click("abandonButton");
        assertEquals("KeyboardInterrupt", finishedOn(s, "recvfrom").outcome());
        waitUntil(() -> text("waitingLabel").isEmpty() && !abandonShown(), () -> "the wait is gone (" + text("waitingLabel") + ")");
        waitUntil(() -> status().startsWith("1 socket  ·  0 waiting  ·  "), () -> "nothing waits (" + status() + ")");
    }

    @Test
    void escapeAbandonsOnlyTheSelectedSocketsWait() {
        String first = udpSocket();
        bindLoopback(first);
        String second = udpSocket();
        bindLoopback(second);
        engine.submit(first, "recvfrom", List.of(PyValue.of(1024)));
        waitUntil(() -> text("waitingLabel").startsWith("waiting: " + first + ".recvfrom(1024)"), () -> first + " waits (" + text("waitingLabel") + ")");
        engine.submit(second, "recvfrom", List.of(PyValue.of(512)));
        waitUntil(() -> text("waitingLabel").startsWith("waiting: " + second + ".recvfrom(512) blocked for ")
                        && text("waitingLabel").endsWith("  (+1 more waiting)"),
                () -> "the newest wait is shown, and how many more (" + text("waitingLabel") + ")");

        selectInSession(second);
        robot.type(KeyCode.ESCAPE);
        assertEquals("KeyboardInterrupt", finishedOn(second, "recvfrom").outcome());
        waitUntil(() -> text("waitingLabel").startsWith("waiting: " + first + ".recvfrom(1024) blocked for ")
                        && !text("waitingLabel").contains("more waiting"),
                () -> "only " + first + " waits now (" + text("waitingLabel") + ")");
        assertTrue(finished("recvfrom").stream().noneMatch(r -> first.equals(r.socketId())), "the other socket still waits");
        assertTrue(abandonShown());
    }
}
