package org.socketplayground.peers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.engine.Family;
import org.socketplayground.engine.SockType;
import org.socketplayground.engine.SocketEngine;
import org.socketplayground.engine.py.PyValue;
import org.socketplayground.robustness.Robustness;

/**
 * A built-in peer whose socket the user switches to non-blocking (select it, choose non-blocking) gets
 * BlockingIOError at once on every call. It must poll, as "receive continuously" does, not spin: before issue 17
 * an echo server made 653,508 records a second and kept both cores busy. Real sockets on loopback, no window.
 */
@ExtendWith(Robustness.class)
@Robustness.Group("loops")
class PeerBackoffTest {
    /** Records a second a polling peer may make: it pauses 250 ms after each BlockingIOError (4/s), with room to spare. */
    private static final long BOUND_PER_SECOND = 50;

    private SocketEngine engine;
    private Peers peers;

    @BeforeEach
    void start() {
        engine = new SocketEngine();
        peers = new Peers(engine);
    }

    @AfterEach
    void stop() {
        engine.close();
        peers.close();
    }

    private String socket(SockType type) {
        return ((PyValue.SocketRef) engine.socket(Family.AF_INET, type).value()).id();
    }

    private PyValue.Tuple local(String id) {
        return engine.socket(id).orElseThrow().local();
    }

    /** Counts the peer socket's records for one second, once it has met BlockingIOError. */
    private long recordsInOneSecond(String peer) throws InterruptedException {
        AtomicLong count = new AtomicLong();
        AtomicLong blocked = new AtomicLong();
        engine.addListener(r -> {
            if (peer.equals(r.socketId()) && !r.isPending()) {
                count.incrementAndGet();
                if (r.failed() && r.error().type().equals("BlockingIOError")) {
                    blocked.incrementAndGet();
                }
            }
        });
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (blocked.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);   // polling for a condition, not a fixed wait
        }
        assertTrue(blocked.get() > 0, "the peer met BlockingIOError");
        long before = count.get();
        long t0 = System.nanoTime();
        Thread.sleep(1000);   // the measurement window itself
        long perSecond = Math.round((count.get() - before) / ((System.nanoTime() - t0) / 1e9));
        return perSecond;
    }

    @Test
    void aNonBlockingUdpEchoServerPollsAndStillAnswers() throws Exception {
        String echo = peers.startServer(Peers.Kind.UDP_ECHO, "127.0.0.1", 0, "OK...");
        String client = socket(SockType.SOCK_DGRAM);
        engine.call(client, "bind", SocketEngine.address("127.0.0.1", 0));
        engine.call(client, "settimeout", PyValue.of(5));
        assertFalse(engine.call(echo, "setblocking", PyValue.FALSE).failed());
        // The peer still waits in its blocking recvfrom: a datagram ends that wait, and the next calls are non-blocking.
        engine.call(client, "sendto", PyValue.of("wake".getBytes()), local(echo));
        long perSecond = recordsInOneSecond(echo);
        Robustness.figure("a non-blocking udp-echo peer: " + perSecond + " records/s (bound " + BOUND_PER_SECOND + ")");
        assertTrue(perSecond <= BOUND_PER_SECOND, perSecond + " records/s: the peer spins");
        // It polls, so it still answers.
        engine.call(client, "recvfrom", PyValue.of(1024));   // the answer to "wake"
        engine.call(client, "sendto", PyValue.of("again".getBytes()), local(echo));
        CallRecord answer = engine.call(client, "recvfrom", PyValue.of(1024));
        assertTrue(!answer.failed() && new String(answer.receivedData().value()).equals("OK...again"), answer.outcome());
    }

    @Test
    void aNonBlockingTcpEchoServerPollsForConnections() throws Exception {
        String echo = peers.startServer(Peers.Kind.TCP_ECHO_THREADS, "127.0.0.1", 0, null);
        assertFalse(engine.call(echo, "setblocking", PyValue.FALSE).failed());
        String client = socket(SockType.SOCK_STREAM);
        engine.call(client, "settimeout", PyValue.of(5));
        assertFalse(engine.call(client, "connect", local(echo)).failed());   // ends the blocking accept
        long perSecond = recordsInOneSecond(echo);
        Robustness.figure("a non-blocking tcp-echo-threads peer: " + perSecond + " records/s (bound " + BOUND_PER_SECOND + ")");
        assertTrue(perSecond <= BOUND_PER_SECOND, perSecond + " records/s: the peer spins");
        engine.call(client, "sendall", PyValue.of("hello".getBytes()));
        CallRecord echoed = engine.call(client, "recv", PyValue.of(1024));
        assertTrue(!echoed.failed() && new String(echoed.receivedData().value()).equals("hello"), echoed.outcome());
    }
}
