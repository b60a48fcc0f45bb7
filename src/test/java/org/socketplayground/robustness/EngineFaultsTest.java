package org.socketplayground.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.engine.Family;
import org.socketplayground.engine.SockType;
import org.socketplayground.engine.SocketEngine;
import org.socketplayground.engine.py.PyValue;

/**
 * Issue 6, faults, at the engine: closing a socket ends the call that waits on it at once; a thousand sockets
 * made and closed leave no file descriptor and no thread behind; a peer that vanishes in the middle of a
 * sendall ends it with Python's error; an engine that is closing leaves no socket open, and an interrupted
 * thread does not spin. The same faults in the window are in {@code WindowFaultsTest}.
 */
@ExtendWith(Robustness.class)
@Robustness.Group(Robustness.FAULTS)
class EngineFaultsTest {
    static final String EBADF = "OSError: [Errno 9] Bad file descriptor";

    private SocketEngine engine;

    @BeforeEach
    void engine() {
        engine = new SocketEngine();
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private String socket(SockType type) {
        return ((PyValue.SocketRef) engine.socket(Family.AF_INET, type).value()).id();
    }

    private CallRecord call(String id, String call, PyValue... args) {
        return engine.call(id, call, args);
    }

    private PyValue.Tuple localOf(String id) {
        return engine.socket(id).orElseThrow().local();
    }

    private static void waitUntil(BooleanSupplier condition, String what) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Starts the call on the engine's threads, waits until it blocks, closes the socket, and times the end. */
    private CallRecord closeWhileBlocked(String id, String call, PyValue... args) throws Exception {
        CompletableFuture<CallRecord> pending = engine.submit(id, call, List.of(args));
        waitUntil(() -> engine.waitingCalls().stream().anyMatch(r -> id.equals(r.socketId()) && r.call().equals(call)),
                id + "." + call + " waits");
        long start = System.nanoTime();
        assertEquals("None", call(id, "close").outcome());
        CallRecord ended = pending.get(2, TimeUnit.SECONDS);
        double ms = (System.nanoTime() - start) / 1e6;
        Robustness.figure(String.format("close() ends a blocked %s in %.2f ms (engine)", call, ms));
        assertEquals(EBADF, ended.outcome(), "the waiting call ends as the README says");
        assertTrue(ms < 100, "the issue asks for 100 ms; ended in " + ms + " ms");
        assertTrue(engine.waitingCalls().isEmpty(), "nothing waits any more");
        return ended;
    }

    @Test
    void closingEndsABlockedRecvfromAtOnce() throws Exception {
        String s = socket(SockType.SOCK_DGRAM);
        call(s, "bind", SocketEngine.address("127.0.0.1", 0));
        closeWhileBlocked(s, "recvfrom", PyValue.of(1024));
    }

    @Test
    void closingEndsABlockedAcceptAtOnce() throws Exception {
        String s = socket(SockType.SOCK_STREAM);
        call(s, "bind", SocketEngine.address("127.0.0.1", 0));
        call(s, "listen", PyValue.of(5));
        closeWhileBlocked(s, "accept");
    }

    @Test
    void closingEndsABlockedRecvAtOnce() throws Exception {
        String server = socket(SockType.SOCK_STREAM);
        call(server, "bind", SocketEngine.address("127.0.0.1", 0));
        call(server, "listen", PyValue.of(5));
        String client = socket(SockType.SOCK_STREAM);
        assertEquals("None", call(client, "connect", localOf(server)).outcome());
        CallRecord accepted = call(server, "accept");
        String conn = ((PyValue.SocketRef) ((PyValue.Tuple) accepted.value()).get(0)).id();
        closeWhileBlocked(conn, "recv", PyValue.of(1024));
        assertEquals("b''", call(client, "recv", PyValue.of(1024)).outcome(), "the client sees the connection end");
    }

    // ---------------------------------------------------------------- leaks

    private static long openFds() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    private static int liveThreads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    /** socket(), bind() to loopback, a recvfrom that waits (and times out), close(): as the window makes them. */
    private void cycle(int i) {
        boolean tcp = i % 10 == 9;
        CallRecord made = engine.submit(SocketEngine.MODULE, "socket", List.of(Family.AF_INET.constant(),
                (tcp ? SockType.SOCK_STREAM : SockType.SOCK_DGRAM).constant())).join();
        String id = ((PyValue.SocketRef) made.value()).id();
        assertEquals("None", engine.submit(id, "bind", List.of(SocketEngine.address("127.0.0.1", 0))).join().outcome());
        if (tcp) {
            assertEquals("None", engine.submit(id, "listen", List.of(PyValue.of(5))).join().outcome());
            engine.submit(id, "settimeout", List.of(new PyValue.Float(0.001))).join();
            assertEquals("TimeoutError: timed out", engine.submit(id, "accept", List.of()).join().outcome());
        } else {
            engine.submit(id, "settimeout", List.of(new PyValue.Float(0.001))).join();
            assertEquals("TimeoutError: timed out", engine.submit(id, "recvfrom", List.of(PyValue.of(1024))).join().outcome());
        }
        assertEquals("None", engine.submit(id, "close", List.of()).join().outcome());
        engine.forget(id);
    }

    @Test
    void aThousandSocketsMadeAndClosedLeaveNoDescriptorAndNoThreadBehind() throws Exception {
        long fdsAtStart = openFds();
        int threadsAtStart = liveThreads();
        for (int i = 0; i < 10; i++) {
            cycle(i);   // warm up: the engine's thread, the JDK's selector and channel classes
        }
        long fdsBefore = openFds();
        int threadsBefore = liveThreads();
        long start = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            cycle(i);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long fdsAfter = openFds();
        int threadsAfter = liveThreads();
        assertTrue(engine.waitingCalls().isEmpty());
        engine.close();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (liveThreads() > threadsAtStart && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        long fdsClosed = openFds();
        int threadsClosed = liveThreads();
        Robustness.figure(String.format("1,000 socket/bind/recvfrom-or-accept(timeout)/close cycles in %.1f s: "
                + "file descriptors %d before, %d after (%d before the engine, %d once it is closed); "
                + "live threads %d before, %d after (%d before the engine, %d once it is closed)",
                seconds, fdsBefore, fdsAfter, fdsAtStart, fdsClosed, threadsBefore, threadsAfter, threadsAtStart, threadsClosed));
        assertTrue(fdsAfter <= fdsBefore + 5, "file descriptors: " + fdsBefore + " before, " + fdsAfter + " after");
        // The engine's calls run on a cached pool: it may keep a worker or two more for a minute, never one per socket.
        assertTrue(threadsAfter <= threadsBefore + 3, "threads: " + threadsBefore + " before, " + threadsAfter + " after");
        assertTrue(fdsClosed <= fdsAtStart + 5, "file descriptors once closed: " + fdsClosed + ", at start " + fdsAtStart);
        assertTrue(threadsClosed <= threadsAtStart + 1, "threads once closed: " + threadsClosed + ", at start " + threadsAtStart);
    }

    /** A call that comes after the engine closed (a server loop's next socket()) answers EBADF and opens nothing. */
    @Test
    void aClosedEngineMakesNoSocketThatStaysOpen() throws Exception {
        String s = socket(SockType.SOCK_DGRAM);
        engine.close();
        long fds = openFds();
        CallRecord late = engine.call(SocketEngine.MODULE, "socket", Family.AF_INET.constant(), SockType.SOCK_DGRAM.constant());
        assertEquals(EBADF, late.outcome());
        assertEquals(EBADF, call(s, "bind", SocketEngine.address("127.0.0.1", 0)).outcome());
        assertTrue(openFds() <= fds, "no descriptor stays open");
        assertFalse(engine.sockets().stream().anyMatch(i -> !i.state().label().equals("CLOSED")), "every socket is closed");
    }

    /** An interrupted thread's selector wakes at once, every time: the wait ends instead of spinning. */
    @Test
    void anInterruptedWaitEndsInsteadOfSpinning() throws Exception {
        String s = socket(SockType.SOCK_DGRAM);
        call(s, "bind", SocketEngine.address("127.0.0.1", 0));
        CallRecord[] outcome = new CallRecord[1];
        Thread waiter = new Thread(() -> outcome[0] = engine.call(s, "recvfrom", PyValue.of(1024)), "interrupted-waiter");
        waiter.start();
        waitUntil(() -> !engine.waitingCalls().isEmpty(), "the recvfrom waits");
        waiter.interrupt();
        waiter.join(2000);
        assertFalse(waiter.isAlive(), "the wait ended");
        assertEquals("KeyboardInterrupt", outcome[0].outcome());
        assertEquals("None", call(s, "settimeout", PyValue.of(0)).outcome(), "the socket is still usable");
    }

    /** A python3 peer accepts and never reads; it is killed while a 16 MiB sendall waits for room. */
    @Test
    void aPeerKilledInTheMiddleOfASendallEndsItWithPythonsError() throws Exception {
        try (PythonPeer peer = PythonPeer.start("""
                import socket, time
                srv = socket.socket()
                srv.bind(('127.0.0.1', 0))
                srv.listen(1)
                print('port', srv.getsockname()[1])
                conn, addr = srv.accept()
                print('accepted')
                time.sleep(60)
                """)) {
            int port = Integer.parseInt(peer.expect("port"));
            String s = socket(SockType.SOCK_STREAM);
            assertEquals("None", call(s, "connect", SocketEngine.address("127.0.0.1", port)).outcome());
            peer.expect("accepted");
            CompletableFuture<CallRecord> sending = engine.submit(s, "sendall", List.of(PyValue.of(new byte[16 << 20])));
            waitUntil(() -> engine.waitingCalls().stream().anyMatch(r -> r.call().equals("sendall")), "the sendall waits for room");
            long start = System.nanoTime();
            peer.kill();
            CallRecord ended = sending.get(5, TimeUnit.SECONDS);
            Robustness.figure(String.format("a peer killed mid-sendall: the sendall ends %.1f ms after the kill with %s",
                    (System.nanoTime() - start) / 1e6, ended.outcome()));
            // Linux answers the first write after the peer's reset with ECONNRESET, or EPIPE if the reset was already
            // consumed: CPython shows one or the other, as does the engine.
            assertTrue(Set.of("ConnectionResetError: [Errno 104] Connection reset by peer", "BrokenPipeError: [Errno 32] Broken pipe")
                    .contains(ended.outcome()), ended.outcome());
            assertEquals("BrokenPipeError: [Errno 32] Broken pipe", call(s, "send", PyValue.of(new byte[] {1})).outcome());
            assertEquals("None", call(s, "close").outcome());
        }
        String fresh = socket(SockType.SOCK_DGRAM);
        assertEquals("None", call(fresh, "bind", SocketEngine.address("127.0.0.1", 0)).outcome(), "the engine keeps working");
    }
}
