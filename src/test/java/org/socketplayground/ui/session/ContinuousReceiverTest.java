package org.socketplayground.ui.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.engine.Family;
import org.socketplayground.engine.SockType;
import org.socketplayground.engine.SocketEngine;
import org.socketplayground.engine.SocketInfo;
import org.socketplayground.engine.py.PyValue;
import org.socketplayground.robustness.Robustness;

/**
 * Issue 17: "receive continuously" switched off leaves no hidden recvfrom behind to take the next datagram (6 of
 * 1,000 did), stops only its own call, and switched on before bind() starts receiving once the socket is bound.
 */
@ExtendWith(Robustness.class)
@Robustness.Group("races")
class ContinuousReceiverTest {
    private final SocketEngine engine = new SocketEngine();
    private final org.socketplayground.peers.Peers peers = new org.socketplayground.peers.Peers(engine);
    private final ContinuousReceiver receiver = new ContinuousReceiver(engine, peers,
            new org.socketplayground.transcript.SocketNames(), notice -> { });

    @AfterEach
    void close() {
        receiver.close();
        peers.close();
        engine.close();
    }

    private String udp() {
        return engine.socket(Family.AF_INET, SockType.SOCK_DGRAM).socketId();
    }

    private PyValue boundTo(String id) {
        engine.call(id, "bind", SocketEngine.address("127.0.0.1", 0));
        return engine.socket(id).map(SocketInfo::local).orElseThrow();
    }

    private long received(String id) {
        return engine.socket(id).orElseThrow().datagramsReceived();
    }

    private static void waitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(1);
        }
    }

    @Test
    void switchedOffItLeavesNoRecvfromToTakeTheNextDatagram() throws Exception {
        String sender = udp();
        int trials = 1000;
        int taken = 0;
        for (int i = 0; i < trials; i++) {
            String s = udp();
            PyValue to = boundTo(s);
            receiver.start(s, false, 1024);
            engine.call(sender, "sendto", PyValue.of("one".getBytes()), to);
            waitUntil(() -> received(s) == 1, "the loop receives the first datagram");
            receiver.stop(s);   // the loop is likely between two of its calls now
            engine.call(sender, "sendto", PyValue.of("two".getBytes()), to);
            engine.call(s, "settimeout", PyValue.of(2));
            CallRecord mine = engine.call(s, "recvfrom", PyValue.of(1024));
            if (!"two".equals(mine.receivedData() == null ? null : mine.receivedData().text())) {
                taken++;
            }
            engine.call(s, "close");
            engine.forget(s);
        }
        Robustness.figure(String.format("receive continuously switched off: a hidden recvfrom took the next datagram "
                + "in %d of %d trials", taken, trials));
        assertEquals(0, taken);
    }

    @Test
    void switchedOffItEndsOnlyItsOwnCall() throws Exception {
        String s = udp();
        PyValue to = boundTo(s);
        receiver.start(s, false, 1024);
        waitUntil(() -> engine.waitingCalls().stream().anyMatch(r -> s.equals(r.socketId())), "the loop waits");
        CompletableFuture<CallRecord> mine = engine.submit(s, "recvfrom", List.of(PyValue.of(1024)));
        waitUntil(() -> engine.waitingCalls().size() == 2, "the user's recvfrom waits too");
        receiver.stop(s);
        waitUntil(() -> engine.waitingCalls().size() == 1, "the loop's call ended");
        String sender = udp();
        engine.call(sender, "sendto", PyValue.of("yours".getBytes()), to);
        assertEquals("yours", mine.get(5, TimeUnit.SECONDS).receivedData().text(), "the user's recvfrom goes on");
    }

    @Test
    void switchedOnBeforeBindItReceivesOnceTheSocketIsBound() throws Exception {
        String s = udp();
        receiver.start(s, false, 1024);
        waitUntil(() -> engine.waitingCalls().stream().anyMatch(r -> s.equals(r.socketId())), "the loop waits for an address");
        PyValue to = boundTo(s);
        engine.call(udp(), "sendto", PyValue.of("hello".getBytes()), to);
        waitUntil(() -> received(s) == 1, "the loop receives once the socket is bound");
    }
}
