package org.socketplayground.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socketplayground.engine.py.PyValue;

/** What the engine promises beyond CPython's outcomes: records, waiting, abandoning, closing, many sockets at once. */
class EngineBehaviourTest {
    private SocketEngine engine;
    private final BlockingQueue<CallRecord> pending = new LinkedBlockingQueue<>();
    private final List<CallRecord> records = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        engine = new SocketEngine();
        engine.addListener(r -> {
            records.add(r);
            if (r.isPending()) {
                pending.add(r);
            }
        });
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private String udpBoundToLoopback() {
        CallRecord made = engine.socket(Family.AF_INET, SockType.SOCK_DGRAM);
        String id = ((PyValue.SocketRef) made.value()).id();
        assertFalse(engine.call(id, "bind", SocketEngine.address("127.0.0.1", 0)).failed());
        return id;
    }

    private PyValue addressOf(String id) {
        return engine.call(id, "getsockname").value();
    }

    private CallRecord awaitPending(String id) throws InterruptedException {
        CallRecord r = pending.poll(5, TimeUnit.SECONDS);
        assertTrue(r != null && r.socketId().equals(id), "a pending record for " + id + ", got " + r);
        return r;
    }

    @Test
    void aBlockingRecvfromIsAnnouncedAsPendingAndCompletesWhenADatagramArrives() throws Exception {
        String a = udpBoundToLoopback();
        String b = udpBoundToLoopback();
        CompletableFuture<CallRecord> waiting = engine.submit(a, "recvfrom", List.of(PyValue.of(1024)));
        CallRecord announced = awaitPending(a);
        assertEquals("recvfrom", announced.call());
        assertEquals("(waiting)", announced.outcome());

        engine.call(b, "sendto", PyValue.of("hello".getBytes()), addressOf(a));
        CallRecord done = waiting.get(5, TimeUnit.SECONDS);
        assertEquals(announced.seq(), done.seq(), "the pending record and the result are one call");
        assertTrue(done.blocked());
        assertEquals("hello", done.receivedData().text());
        assertEquals(addressOf(b), done.source(), "the source is the sender's own address");
    }

    @Test
    void aSocketBlockedInRecvfromCanStillSendAndOtherSocketsAreNotHeldUp() throws Exception {
        String a = udpBoundToLoopback();
        String b = udpBoundToLoopback();
        CompletableFuture<CallRecord> waiting = engine.submit(a, "recvfrom", List.of(PyValue.of(1024)));
        awaitPending(a);

        CallRecord sent = engine.call(a, "sendto", PyValue.of("from a blocked socket".getBytes()), addressOf(b));
        assertEquals("21", sent.outcome());
        CallRecord got = engine.call(b, "recvfrom", PyValue.of(1024));
        assertEquals("from a blocked socket", got.receivedData().text());
        assertFalse(waiting.isDone(), "a's recvfrom is still waiting for its own datagram");

        engine.call(b, "sendto", PyValue.of("now a".getBytes()), addressOf(a));
        assertEquals("now a", waiting.get(5, TimeUnit.SECONDS).receivedData().text());
    }

    @Test
    void closingASocketEndsTheCallBlockedOnItWithBadFileDescriptor() throws Exception {
        String a = udpBoundToLoopback();
        CompletableFuture<CallRecord> waiting = engine.submit(a, "recvfrom", List.of(PyValue.of(1024)));
        awaitPending(a);
        engine.call(a, "close");
        CallRecord done = waiting.get(5, TimeUnit.SECONDS);
        assertEquals("OSError: [Errno 9] Bad file descriptor", done.outcome());
        assertEquals(SocketState.CLOSED, engine.socket(a).orElseThrow().state());
    }

    @Test
    void closingAListeningSocketEndsABlockedAccept() throws Exception {
        String s = ((PyValue.SocketRef) engine.socket(Family.AF_INET, SockType.SOCK_STREAM).value()).id();
        engine.call(s, "bind", SocketEngine.address("127.0.0.1", 0));
        engine.call(s, "listen");
        CompletableFuture<CallRecord> waiting = engine.submit(s, "accept", List.of());
        awaitPending(s);
        engine.call(s, "close");
        assertEquals("OSError: [Errno 9] Bad file descriptor", waiting.get(5, TimeUnit.SECONDS).outcome());
    }

    @Test
    void blockedAcceptCallsAreServedOneConnectionEachInTheOrderTheyBeganToWait() throws Exception {
        String s = ((PyValue.SocketRef) engine.socket(Family.AF_INET, SockType.SOCK_STREAM).value()).id();
        engine.call(s, "bind", SocketEngine.address("127.0.0.1", 0));
        engine.call(s, "listen", PyValue.of(8));
        int port = (int) ((PyValue.Int) ((PyValue.Tuple) addressOf(s)).get(1)).value();
        List<CompletableFuture<CallRecord>> accepts = new ArrayList<>();
        BlockingQueue<Integer> ended = new LinkedBlockingQueue<>();   // which call ended, in the order they end
        for (int i = 0; i < 4; i++) {
            int call = i;
            accepts.add(engine.submit(s, "accept", List.of()).whenComplete((r, e) -> ended.add(call)));
            awaitPending(s);   // the log shows them waiting in this order
        }
        List<java.net.Socket> clients = new ArrayList<>();
        try {
            for (int i = 0; i < accepts.size(); i++) {
                java.net.Socket client = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port);
                clients.add(client);
                // as the kernel serves blocked accept() calls: the oldest takes the connection, and only it ends
                assertEquals(i, ended.poll(5, TimeUnit.SECONDS), "the call that took client " + (i + 1));
                PyValue.Tuple peer = (PyValue.Tuple) ((PyValue.Tuple) accepts.get(i).get().value()).get(1);
                assertEquals(client.getLocalPort(), ((PyValue.Int) peer.get(1)).value());
            }
        } finally {
            for (java.net.Socket c : clients) {
                c.close();
            }
        }
    }

    @Test
    void blockedRecvfromCallsTakeOneDatagramEachInTheOrderTheyBeganToWait() throws Exception {
        String a = udpBoundToLoopback();
        String b = udpBoundToLoopback();
        List<CompletableFuture<CallRecord>> receives = new ArrayList<>();
        BlockingQueue<Integer> ended = new LinkedBlockingQueue<>();
        for (int i = 0; i < 3; i++) {
            int call = i;
            receives.add(engine.submit(a, "recvfrom", List.of(PyValue.of(64))).whenComplete((r, e) -> ended.add(call)));
            awaitPending(a);
        }
        for (int i = 0; i < receives.size(); i++) {
            engine.call(b, "sendto", PyValue.of(("datagram " + i).getBytes()), addressOf(a));
            assertEquals(i, ended.poll(5, TimeUnit.SECONDS), "the call that took datagram " + i);
            assertEquals("datagram " + i, receives.get(i).get().receivedData().text());
        }
    }

    @Test
    void abandoningAWaitingCallEndsItAsCtrlCWouldAndTheSocketStaysUsable() throws Exception {
        String a = udpBoundToLoopback();
        CompletableFuture<CallRecord> waiting = engine.submit(a, "recvfrom", List.of(PyValue.of(1024)));
        CallRecord announced = awaitPending(a);
        assertTrue(engine.abandon(announced.seq()));
        assertEquals("KeyboardInterrupt", waiting.get(5, TimeUnit.SECONDS).outcome());
        assertFalse(engine.abandon(announced.seq()), "a finished call cannot be abandoned again");

        String b = udpBoundToLoopback();
        engine.call(b, "sendto", PyValue.of("still works".getBytes()), addressOf(a));
        assertEquals("still works", engine.call(a, "recvfrom", PyValue.of(100)).receivedData().text());
    }

    @Test
    void aDatagramCutByASmallBufferRecordsHowManyBytesWereLost() {
        String a = udpBoundToLoopback();
        String b = udpBoundToLoopback();
        engine.call(b, "sendto", PyValue.of("101, 280, 237, 680".getBytes()), addressOf(a));
        CallRecord r = engine.call(a, "recvfrom", PyValue.of(5));
        assertEquals("101, ", r.receivedData().text());
        assertEquals(13, r.discarded());
    }

    @Test
    void aTimeoutCallBlocksThenRaisesTimeoutError() {
        String a = udpBoundToLoopback();
        engine.call(a, "settimeout", new PyValue.Float(0.1));
        CallRecord r = engine.call(a, "recvfrom", PyValue.of(10));
        assertEquals("TimeoutError: timed out", r.outcome());
        assertTrue(r.blocked());
        assertTrue(r.durationNanos() >= 90_000_000L, "waited about the timeout, took " + r.durationNanos() + " ns");
    }

    @Test
    void aNonBlockingCallNeverWaits() {
        String a = udpBoundToLoopback();
        engine.call(a, "setblocking", PyValue.FALSE);
        CallRecord r = engine.call(a, "recvfrom", PyValue.of(10));
        assertEquals("BlockingIOError: [Errno 11] Resource temporarily unavailable", r.outcome());
        assertFalse(r.blocked());
        assertTrue(pending.isEmpty(), "no pending record for a call that did not wait");
    }

    @Test
    void everyCallIsOneRecordInOrderWrittenAsPython() {
        String a = udpBoundToLoopback();
        engine.call(a, "bind", SocketEngine.address("127.0.0.1", 0));
        engine.call(SocketEngine.MODULE, "htons", PyValue.of(1));
        List<CallRecord> done = records.stream().filter(r -> !r.isPending()).toList();
        assertEquals(4, done.size());
        assertEquals("socket.socket(socket.AF_INET, socket.SOCK_DGRAM)", done.get(0).expression());
        assertEquals(a, done.get(0).socketId());
        assertEquals("s1.bind(('127.0.0.1', 0))", done.get(1).expression());
        assertEquals("OSError: [Errno 22] Invalid argument", done.get(2).outcome());
        assertEquals("socket.htons(1)", done.get(3).expression());
        assertNull(done.get(3).socketId());
        for (int i = 1; i < done.size(); i++) {
            assertTrue(done.get(i).seq() > done.get(i - 1).seq());
        }
    }

    @Test
    void theSocketTableShowsStatesAddressesAndTheAcceptedConnection() {
        String server = ((PyValue.SocketRef) engine.socket(Family.AF_INET, SockType.SOCK_STREAM).value()).id();
        assertEquals(SocketState.NEW, engine.socket(server).orElseThrow().state());
        engine.call(server, "bind", SocketEngine.address("127.0.0.1", 0));
        engine.call(server, "listen", PyValue.of(5));
        SocketInfo listening = engine.socket(server).orElseThrow();
        assertEquals(SocketState.LISTEN, listening.state());
        String client = ((PyValue.SocketRef) engine.socket(Family.AF_INET, SockType.SOCK_STREAM).value()).id();
        engine.call(client, "connect", listening.local());
        CallRecord accepted = engine.call(server, "accept");
        String conn = ((PyValue.SocketRef) ((PyValue.Tuple) accepted.value()).get(0)).id();
        assertEquals("conn1", conn);

        SocketInfo c = engine.socket(conn).orElseThrow();
        assertEquals(SocketState.ESTAB, c.state());
        assertEquals(engine.socket(client).orElseThrow().local(), c.peer());
        assertEquals("blocking", c.mode());
        assertEquals(List.of(server, client, conn), engine.sockets().stream().map(SocketInfo::id).toList());
        assertFalse(listening.reachableFromNetwork());
    }

    @Test
    void aConnectionWhosePeerVanishedIsEndedNotClosedUntilCloseIsCalled() throws Exception {
        try (java.net.ServerSocket peer = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            String s = ((PyValue.SocketRef) engine.socket(Family.AF_INET, SockType.SOCK_STREAM).value()).id();
            assertEquals(SocketState.NEW, engine.socket(s).orElseThrow().state(), "a fresh TCP socket is NEW, not UNCONN");
            assertFalse(engine.call(s, "connect", SocketEngine.address("127.0.0.1", peer.getLocalPort())).failed());
            try (java.net.Socket other = peer.accept()) {
                assertEquals(SocketState.ESTAB, engine.socket(s).orElseThrow().state());
                other.setSoLinger(true, 0);   // close with a reset, as a program that crashes does
            }
            CallRecord recv = engine.call(s, "recv", PyValue.of(10));
            assertEquals("ConnectionResetError: [Errno 104] Connection reset by peer", recv.outcome());
            SocketInfo ended = engine.socket(s).orElseThrow();
            assertEquals(SocketState.ENDED, ended.state(), "the connection is over, the socket still open");
            assertNull(ended.peer(), "Linux forgets the peer of a reset connection");
            assertFalse(engine.call(s, "getsockname").failed(), "the socket is still open: getsockname answers");
            engine.call(s, "close");
            assertEquals(SocketState.CLOSED, engine.socket(s).orElseThrow().state(), "only close() closes it");
        }
    }

    @Test
    void closingTheEngineEndsEveryWaitingCall() throws Exception {
        String a = udpBoundToLoopback();
        CompletableFuture<CallRecord> waiting = engine.submit(a, "recvfrom", List.of(PyValue.of(10)));
        awaitPending(a);
        engine.close();
        assertEquals("OSError: [Errno 9] Bad file descriptor", waiting.get(5, TimeUnit.SECONDS).outcome());
    }
}
