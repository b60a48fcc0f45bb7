package org.socketplayground.ui.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.engine.Family;
import org.socketplayground.engine.SockType;
import org.socketplayground.engine.SocketEngine;
import org.socketplayground.engine.SocketInfo;
import org.socketplayground.engine.py.PyValue;

/**
 * The window lists a send before the receive it woke. On loopback the sender hands its datagram to the waiting
 * receiver inside the system call, so the receiving thread often publishes its record first; the feed must still
 * release the send first, every time, while another thread keeps a core busy.
 */
class CausalOrderTest {
    private static final int ROUNDS = 300;

    @Test
    void aSendIsReleasedBeforeTheReceiveItWokeEveryTime() throws Exception {
        AtomicBoolean busy = new AtomicBoolean(true);
        Thread spinner = new Thread(() -> {
            long x = 0;
            while (busy.get()) {
                x += System.nanoTime() % 7;
            }
            if (x == 42) {
                System.out.print("");
            }
        }, "busy-core");
        spinner.setDaemon(true);
        spinner.start();
        try (SocketEngine engine = new SocketEngine()) {
            List<CallRecord> published = new CopyOnWriteArrayList<>();
            engine.addListener(published::add);
            RecordFeed feed = new RecordFeed(engine::effectHorizon, 0);
            engine.addListener(feed);
            String receiver = engine.socket(Family.AF_INET, SockType.SOCK_DGRAM).socketId();
            String sender = engine.socket(Family.AF_INET, SockType.SOCK_DGRAM).socketId();
            engine.call(receiver, "bind", SocketEngine.address("127.0.0.1", 0));
            long port = ((PyValue.Int) engine.socket(receiver).map(SocketInfo::local).orElseThrow().get(1)).value();
            PyValue to = SocketEngine.address("127.0.0.1", port);
            List<CallRecord> released = new ArrayList<>(feed.drain());

            int publishedReceiveFirst = 0;
            for (int round = 0; round < ROUNDS; round++) {
                published.clear();
                CompletableFuture<CallRecord> receive = engine.submit(receiver, "recvfrom", List.of(PyValue.of(1024)));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (engine.waitingCalls().stream().noneMatch(r -> r.call().equals("recvfrom"))) {
                    assertTrue(System.nanoTime() < deadline, "the recvfrom waits");
                    Thread.onSpinWait();
                }
                CallRecord send = engine.call(sender, "sendto", PyValue.of(("round " + round).getBytes()), to);
                CallRecord received = receive.get(5, TimeUnit.SECONDS);
                assertEquals("round " + round, new String(received.receivedData().value()));
                publishedReceiveFirst += published.indexOf(received) < published.indexOf(send) ? 1 : 0;

                // Drain as the window does, once per frame, until both have come out.
                List<CallRecord> out = new ArrayList<>();
                while (!out.contains(received) || !out.contains(send)) {
                    assertTrue(System.nanoTime() < deadline, "both records are released");
                    out.addAll(feed.drain());
                }
                released.addAll(out);
                int s = out.indexOf(send);
                int r = out.indexOf(received);
                assertTrue(s < r, "round " + round + ": the sendto is released before the recvfrom it woke: " + out);
            }
            System.out.println("causal order: " + ROUNDS + " of " + ROUNDS + " sends released before the receive they woke"
                    + " (the receiving thread published first in " + publishedReceiveFirst + ")");
        } finally {
            busy.set(false);
        }
    }

    /** Drains the feed, once per millisecond as a fast window would, until the condition holds or five seconds pass. */
    private static List<CallRecord> drainUntil(RecordFeed feed, java.util.function.Predicate<List<CallRecord>> done)
            throws InterruptedException {
        List<CallRecord> out = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!done.test(out) && System.nanoTime() < deadline) {
            out.addAll(feed.drain());
            Thread.sleep(1);
        }
        return out;
    }

    @Test
    void aSendallThatWaitsForAPeerThatDoesNotReadHoldsNoOtherRecordBack() throws Exception {
        try (SocketEngine engine = new SocketEngine()) {
            RecordFeed feed = new RecordFeed(engine::effectHorizon, 0);
            engine.addListener(feed);
            String server = engine.socket(Family.AF_INET, SockType.SOCK_STREAM).socketId();
            engine.call(server, "bind", SocketEngine.address("127.0.0.1", 0));
            engine.call(server, "listen", PyValue.of(1));
            long port = ((PyValue.Int) engine.socket(server).map(SocketInfo::local).orElseThrow().get(1)).value();
            String client = engine.socket(Family.AF_INET, SockType.SOCK_STREAM).socketId();
            engine.call(client, "connect", SocketEngine.address("127.0.0.1", port));
            engine.call(server, "accept");   // the connection is never read from
            CompletableFuture<CallRecord> sendall = engine.submit(client, "sendall", List.of(PyValue.of(new byte[64 << 20])));
            long waitDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (engine.waitingCalls().stream().noneMatch(r -> r.call().equals("sendall"))) {
                assertTrue(System.nanoTime() < waitDeadline, "the sendall waits");
                Thread.sleep(1);
            }

            String udp = engine.socket(Family.AF_INET, SockType.SOCK_DGRAM).socketId();
            CallRecord bind = engine.call(udp, "bind", SocketEngine.address("127.0.0.1", 0));
            List<CallRecord> out = drainUntil(feed, got -> got.contains(bind));
            // The messages are made only on failure: the sendall's record holds 64 MiB, whose repr takes seconds.
            assertTrue(out.contains(bind), () -> "the bind is released while the sendall still waits: " + out);
            assertTrue(!sendall.isDone(), "the sendall was still waiting");

            engine.waitingCalls().forEach(r -> engine.abandon(r.seq()));
            CallRecord ended = sendall.get(5, TimeUnit.SECONDS);
            List<CallRecord> after = drainUntil(feed, got -> got.contains(ended));
            assertTrue(after.contains(ended), () -> "the sendall is released where it returned: " + after);
        }
    }

    @Test
    void aCallThatEndsInAnErrorWithoutARecordHoldsNoLaterRecordBack() throws Exception {
        try (SocketEngine engine = new SocketEngine()) {
            RecordFeed feed = new RecordFeed(engine::effectHorizon, 0);
            engine.addListener(feed);
            String udp = engine.socket(Family.AF_INET, SockType.SOCK_DGRAM).socketId();
            List<PyValue> broken = new ArrayList<>();
            broken.add(null);   // no Python value: the record cannot be made, and the call throws
            try {
                engine.call(udp, "send", broken);
            } catch (RuntimeException expected) {
                // what matters is what comes after
            }
            CallRecord bind = engine.call(udp, "bind", SocketEngine.address("127.0.0.1", 0));
            List<CallRecord> out = drainUntil(feed, got -> got.contains(bind));
            assertTrue(out.contains(bind), "the bind after it is released: " + out);
        }
    }
}
