package org.socketplayground.ui.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.engine.Family;
import org.socketplayground.engine.SockType;
import org.socketplayground.engine.SocketEngine;
import org.socketplayground.engine.py.PyValue;

/**
 * The outcome box shows the user's call that returned last in effect order, whichever thread reports first: a real
 * select() woken by a real sendto returns after it, and the send reported late does not replace it.
 */
class UserOutcomesTest {

    @Test
    void aSendReportedAfterTheSelectItWokeDoesNotReplaceIt() throws Exception {
        try (SocketEngine engine = new SocketEngine()) {
            List<CallRecord> pending = new CopyOnWriteArrayList<>();
            engine.addListener(r -> {
                if (r.isPending()) {
                    pending.add(r);
                }
            });
            String a = engine.socket(Family.AF_INET, SockType.SOCK_DGRAM).value().repr();
            engine.call(a, "bind", SocketEngine.address("127.0.0.1", 0));
            String b = engine.socket(Family.AF_INET, SockType.SOCK_DGRAM).value().repr();
            PyValue watched = new PyValue.PyList(List.of(new PyValue.SocketRef(a)));
            PyValue none = new PyValue.PyList(List.of());
            CompletableFuture<CallRecord> select = engine.submit(SocketEngine.MODULE, "select", List.of(watched, none, none, PyValue.NONE));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (pending.isEmpty() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(1, pending.size(), "select() waits");

            UserOutcomes outcomes = new UserOutcomes();
            outcomes.reported(pending.get(0));
            assertSame(pending.get(0), outcomes.take(), "a call that starts to wait shows at once");

            CallRecord send = engine.call(b, "sendto", PyValue.of(new byte[] {1}), engine.call(a, "getsockname").value());
            CallRecord woken = select.get(10, TimeUnit.SECONDS);
            assertEquals("([" + a + "], [], [])", woken.value().repr());
            assertTrue(woken.effect() > send.effect(), "the select returned after the send that woke it");

            // Reported in the wrong order, in two pulses: the select stays.
            outcomes.reported(woken);
            assertSame(woken, outcomes.take());
            outcomes.reported(send);
            assertNull(outcomes.take(), "the send came before the select it woke");

            // In one pulse, either order: the select.
            outcomes.reported(woken);
            outcomes.reported(send);
            assertSame(woken, outcomes.take());

            // A later call of the user's shows, as always.
            CallRecord later = engine.call(a, "getsockname");
            outcomes.reported(later);
            assertSame(later, outcomes.take());
        }
    }
}
