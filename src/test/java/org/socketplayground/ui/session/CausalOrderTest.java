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
            RecordFeed feed = new RecordFeed(engine::effectHorizon);
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
}
