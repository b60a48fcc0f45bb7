package org.socketplayground.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.socketplayground.engine.py.PyValue;
import org.socketplayground.robustness.PythonPeer;

/**
 * Issue 11: "receive continuously" for every socket runs on one thread, the engine's receive loop, and each of its
 * calls is still a recvfrom or recv as Python makes it: one record per datagram with its sender, a call that waited
 * marked so, TimeoutError in timeout mode, BlockingIOError (four times a second, not a spin) in non-blocking mode,
 * KeyboardInterrupt when it is stopped, and a closed socket's port free when close() returns.
 */
class ReceiveLoopTest {
    private final SocketEngine engine = new SocketEngine();
    private final ConcurrentLinkedQueue<CallRecord> records = new ConcurrentLinkedQueue<>();

    ReceiveLoopTest() {
        engine.addListener(records::add);
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private String udpBound() {
        String id = engine.socket(Family.AF_INET, SockType.SOCK_DGRAM).socketId();
        engine.call(id, "bind", SocketEngine.address("127.0.0.1", 0));
        return id;
    }

    private int port(String id) {
        return (int) ((PyValue.Int) ((PyValue.Tuple) engine.socket(id).orElseThrow().local()).get(1)).value();
    }

    private List<CallRecord> done(String id, String call) {
        return records.stream().filter(r -> id.equals(r.socketId()) && call.equals(r.call()) && !r.isPending()).toList();
    }

    private static void waitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(2);
        }
    }

    private static long loopThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("receive-loop")).count();
    }

    @Test
    void everyDatagramFromAPythonPeerIsOneRecvfromWithItsSender() throws Exception {
        String s = udpBound();
        assertTrue(engine.receiveContinuously(s, "recvfrom", 1024, r -> true, () -> { }));
        waitUntil(() -> engine.waitingCalls().stream().anyMatch(r -> s.equals(r.socketId())), "the loop's recvfrom waits");
        try (PythonPeer peer = PythonPeer.start("""
                import socket, sys
                c = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                c.bind(('127.0.0.1', 0))
                print('port', c.getsockname()[1])
                for i in range(200):
                    c.sendto(b'datagram %d' % i, ('127.0.0.1', int(sys.argv[1])))
                print('sent')
                """, String.valueOf(port(s)))) {
            long peerPort = Long.parseLong(peer.expect("port"));
            peer.expect("sent");
            waitUntil(() -> done(s, "recvfrom").size() == 200, "200 records (" + done(s, "recvfrom").size() + ")");
            List<CallRecord> got = done(s, "recvfrom");
            for (int i = 0; i < got.size(); i++) {
                CallRecord r = got.get(i);
                assertEquals("datagram " + i, r.receivedData().text(), "in order, one record each");
                assertEquals("('127.0.0.1', " + peerPort + ")", r.source().repr());
            }
            assertTrue(got.get(0).blocked(), "the first recvfrom waited for the network");
            assertEquals(got.stream().map(CallRecord::seq).distinct().count(), 200, "each its own call");
        }
    }

    @Test
    void twoHundredConnectionsAreOneThread() throws Exception {
        String listener = engine.socket(Family.AF_INET, SockType.SOCK_STREAM).socketId();
        engine.call(listener, "bind", SocketEngine.address("127.0.0.1", 0));
        engine.call(listener, "listen", PyValue.of(256));
        int port = port(listener);
        int clients = 200;
        List<Socket> sockets = new ArrayList<>();
        CountDownLatch ended = new CountDownLatch(clients);
        long before = loopThreads();
        try {
            for (int i = 0; i < clients; i++) {
                Socket c = new Socket();
                c.connect(new InetSocketAddress("127.0.0.1", port));
                sockets.add(c);
                CallRecord accepted = engine.call(listener, "accept");
                String conn = ((PyValue.SocketRef) ((PyValue.Tuple) accepted.value()).get(0)).id();
                assertTrue(engine.receiveContinuously(conn, "recv", 4096, r -> !(r.receivedData() != null
                        && r.receivedData().length() == 0), ended::countDown));
            }
            assertTrue(loopThreads() - before <= 1, "one receive loop, whatever the sockets: " + (loopThreads() - before));
            for (Socket c : sockets) {
                OutputStream out = c.getOutputStream();
                out.write("hello from a client".getBytes());
                out.flush();
            }
            long bytes = 19L * clients;
            waitUntil(() -> records.stream().filter(r -> "recv".equals(r.call()) && r.receivedData() != null)
                    .mapToLong(r -> r.receivedData().length()).sum() == bytes, "every client's bytes arrive");
            for (Socket c : sockets) {
                c.shutdownOutput();
            }
            assertTrue(ended.await(20, TimeUnit.SECONDS), "each loop ends at its stream's end (b'')");
        } finally {
            for (Socket c : sockets) {
                c.close();
            }
        }
    }

    @Test
    void inTimeoutModeASilentSocketRaisesTimeoutErrorAfterItsTimeout() throws Exception {
        String s = udpBound();
        engine.call(s, "settimeout", new PyValue.Float(0.3));
        long start = System.nanoTime();
        engine.receiveContinuously(s, "recvfrom", 1024, r -> true, () -> { });
        waitUntil(() -> done(s, "recvfrom").size() >= 2, "two timeouts");
        long elapsed = System.nanoTime() - start;
        for (CallRecord r : done(s, "recvfrom")) {
            assertEquals("TimeoutError: timed out", r.outcome());
            assertTrue(r.durationNanos() >= 300_000_000L, "waited its timeout: " + r.durationNanos());
            assertTrue(r.blocked());
        }
        assertTrue(elapsed >= 600_000_000L, "not before two timeouts have passed: " + elapsed);
        String sender = udpBound();
        engine.call(sender, "sendto", PyValue.of("late".getBytes()), SocketEngine.address("127.0.0.1", port(s)));
        waitUntil(() -> done(s, "recvfrom").stream().anyMatch(r -> !r.failed()), "the datagram is received");
    }

    @Test
    void inNonBlockingModeItTriesFourTimesASecondRatherThanSpin() throws Exception {
        String s = udpBound();
        engine.call(s, "setblocking", PyValue.of(false));
        engine.receiveContinuously(s, "recvfrom", 1024, r -> true, () -> { });
        waitUntil(() -> done(s, "recvfrom").size() >= 3, "three tries");
        List<CallRecord> tries = done(s, "recvfrom");
        assertEquals("BlockingIOError: [Errno 11] Resource temporarily unavailable", tries.get(0).outcome());
        long apart = java.time.Duration.between(tries.get(1).time(), tries.get(2).time()).toMillis();
        assertTrue(apart >= 200, "a quarter of a second apart: " + apart + " ms");
        assertFalse(tries.get(0).blocked(), "a non-blocking call never waits");
    }

    @Test
    void stoppedItsWaitingCallEndsInKeyboardInterruptAndTakesNothingMore() throws Exception {
        String s = udpBound();
        engine.receiveContinuously(s, "recvfrom", 1024, r -> true, () -> { });
        waitUntil(() -> engine.waitingCalls().size() == 1, "the loop waits");
        long seq = engine.waitingCalls().get(0).seq();
        engine.stopReceiving(s);
        waitUntil(() -> done(s, "recvfrom").size() == 1, "the waiting call ends");
        CallRecord ended = done(s, "recvfrom").get(0);
        assertEquals("KeyboardInterrupt", ended.outcome());
        assertEquals(seq, ended.seq(), "the same call as the one announced");
        assertTrue(engine.waitingCalls().isEmpty());
        String sender = udpBound();
        engine.call(sender, "sendto", PyValue.of("yours".getBytes()), SocketEngine.address("127.0.0.1", port(s)));
        engine.call(s, "settimeout", PyValue.of(5));
        assertEquals("yours", engine.call(s, "recvfrom", PyValue.of(1024)).receivedData().text(), "the user's recvfrom gets it");
    }

    @Test
    void abandoningTheLoopsWaitingCallStopsTheLoop() throws Exception {
        String s = udpBound();
        CountDownLatch ended = new CountDownLatch(1);
        engine.receiveContinuously(s, "recvfrom", 1024, r -> true, ended::countDown);
        waitUntil(() -> engine.waitingCalls().size() == 1, "the loop waits");
        assertTrue(engine.abandon(engine.waitingCalls().get(0).seq()));
        assertTrue(ended.await(5, TimeUnit.SECONDS));
        waitUntil(() -> done(s, "recvfrom").size() == 1, "the waiting call ends");
        assertEquals("KeyboardInterrupt", done(s, "recvfrom").get(0).outcome());
    }

    @Test
    void aClosedSocketsPortIsFreeWhenCloseReturns() throws Exception {
        for (int i = 0; i < 50; i++) {
            String s = udpBound();
            int port = port(s);
            engine.receiveContinuously(s, "recvfrom", 1024, r -> true, () -> { });
            waitUntil(() -> engine.waitingCalls().stream().anyMatch(r -> s.equals(r.socketId())), "the loop waits");
            CallRecord closed = engine.call(s, "close");
            assertNull(closed.error());
            String again = engine.socket(Family.AF_INET, SockType.SOCK_DGRAM).socketId();
            CallRecord bound = engine.call(again, "bind", SocketEngine.address("127.0.0.1", port));
            assertNull(bound.error(), "bind to the closed socket's port, round " + i + ": " + bound.outcome());
            engine.call(again, "close");
        }
    }

    @Test
    void startedBeforeBindItReceivesOnceTheSocketIsBound() throws Exception {
        String s = engine.socket(Family.AF_INET, SockType.SOCK_DGRAM).socketId();
        engine.receiveContinuously(s, "recvfrom", 1024, r -> true, () -> { });
        waitUntil(() -> engine.waitingCalls().size() == 1, "the loop waits for an address");
        engine.call(s, "bind", SocketEngine.address("127.0.0.1", 0));
        String sender = udpBound();
        engine.call(sender, "sendto", PyValue.of("hello".getBytes()), SocketEngine.address("127.0.0.1", port(s)));
        waitUntil(() -> done(s, "recvfrom").size() == 1, "received: " + records.stream().map(CallRecord::expression)
                .collect(Collectors.joining(", ")));
        assertEquals("hello", done(s, "recvfrom").get(0).receivedData().text());
    }
}
