package org.socketplayground.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socketplayground.engine.py.PyValue;
import org.socketplayground.robustness.ChildOutput;

/**
 * The datagram lab in front of a UDP socket: seeded losses that a class can repeat, each one a record with its sender;
 * duplicates, reordering and corruption marked on the receive's record; delays that a blocking receive waits out and a
 * non-blocking one does not; the lab taken away hands over what it held. Senders are CPython and engine sockets.
 */
class LabTest {
    private final SocketEngine engine = new SocketEngine();
    private final List<CallRecord> drops = new CopyOnWriteArrayList<>();

    @BeforeEach
    void listen() {
        engine.addListener(r -> {
            if (r.isLabDrop()) {
                drops.add(r);
            }
        });
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private String udp() {
        String id = ((PyValue.SocketRef) engine.socket(Family.AF_INET, SockType.SOCK_DGRAM).value()).id();
        assertFalse(engine.call(id, "bind", SocketEngine.address("127.0.0.1", 0)).failed());
        return id;
    }

    private int port(String id) {
        return (int) ((PyValue.Int) engine.socket(id).orElseThrow().local().get(1)).value();
    }

    private static Lab.Settings lab(int loss, int dup, int reorder, int delay, int jitter, int corrupt, long seed) {
        return new Lab.Settings(loss, dup, reorder, delay, jitter, corrupt, seed);
    }

    private static String text(CallRecord r) {
        return new String(r.receivedData().value(), StandardCharsets.US_ASCII);
    }

    /** 1,000 datagrams from CPython through a 30% lab: which ones the lab dropped, by number. */
    private List<String> run(long seed) throws Exception {
        String r = udp();
        assertTrue(engine.lab(r, lab(30, 0, 0, 0, 0, 0, seed)));
        engine.call(r, "settimeout", PyValue.of(2));
        drops.clear();
        try (ChildOutput sender = new ChildOutput("sender", new ProcessBuilder("python3", "-c", String.join("\n",
                "import socket, sys, time",
                "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)",
                "for i in range(1000):",
                "    s.sendto(b'%d' % i, ('127.0.0.1', int(sys.argv[1])))",
                "    time.sleep(0.0002)",
                "print('sent', flush=True)"), Integer.toString(port(r))).redirectErrorStream(true).start())) {
            int received = 0;
            while (true) {
                CallRecord got = engine.call(r, "recvfrom", PyValue.of(100));
                if (got.failed()) {
                    assertEquals("TimeoutError", got.error().type(), got.toString());
                    break;
                }
                received++;
            }
            assertEquals("sent", sender.line());
            assertEquals(1000, received + drops.size(), "every datagram is received or shown as dropped");
        }
        List<String> lost = new ArrayList<>();
        for (CallRecord d : drops) {
            assertEquals("127.0.0.1", d.source().get(0).repr().replace("'", ""), "the drop names its sender");
            lost.add(new String(((PyValue.Bytes) d.value()).value(), StandardCharsets.US_ASCII));
        }
        engine.call(r, "close");
        return lost;
    }

    @Test
    void aSeededLossIsHonestAndRepeats() throws Exception {
        List<String> first = run(7);
        assertTrue(first.size() >= 250 && first.size() <= 350, "30% of 1,000, give or take 50: " + first.size());
        assertEquals(first, run(7), "the same seed drops the same datagrams");
        assertFalse(first.equals(run(8)), "another seed drops others");
    }

    @Test
    void duplicatesReorderingAndCorruptionAreMarked() {
        String r = udp();
        String s = udp();
        engine.call(r, "settimeout", PyValue.of(2));
        PyValue.Tuple to = SocketEngine.address("127.0.0.1", port(r));

        engine.lab(r, lab(0, 100, 0, 0, 0, 0, 1));
        engine.call(s, "sendto", PyValue.of("twice".getBytes(StandardCharsets.US_ASCII)), to);
        CallRecord first = engine.call(r, "recvfrom", PyValue.of(100));
        CallRecord second = engine.call(r, "recvfrom", PyValue.of(100));
        assertEquals("twice", text(first));
        assertNull(first.lab());
        assertEquals("twice", text(second));
        assertEquals("duplicated by the lab", second.lab());

        engine.lab(r, lab(0, 0, 100, 0, 0, 0, 1));
        for (String m : List.of("one", "two", "three", "four")) {
            engine.call(s, "sendto", PyValue.of(m.getBytes(StandardCharsets.US_ASCII)), to);
        }
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            CallRecord got = engine.call(r, "recvfrom", PyValue.of(100));
            order.add(text(got) + (got.lab() == null ? "" : " (" + got.lab() + ")"));
        }
        assertEquals(List.of("two", "one (late: reordered by the lab)", "four", "three (late: reordered by the lab)"), order);

        engine.lab(r, lab(0, 0, 0, 0, 0, 100, 1));
        engine.call(s, "sendto", PyValue.of("abc".getBytes(StandardCharsets.US_ASCII)), to);
        CallRecord corrupted = engine.call(r, "recvfrom", PyValue.of(100));
        byte[] got = corrupted.receivedData().value();
        int flipped = 0;
        for (int i = 0; i < 3; i++) {
            flipped += got[i] == "abc".getBytes(StandardCharsets.US_ASCII)[i] ? 0 : 1;
        }
        assertEquals(1, flipped, "one byte flipped");
        assertTrue(corrupted.lab().startsWith("corrupted by the lab: byte "), corrupted.lab());
        assertTrue(engine.socket(r).orElseThrow().lab().contains("corrupt 100%"), "the socket says what its lab does");
    }

    @Test
    void aDelayIsWaitedOutByABlockingReceiveAndNotByANonBlockingOne() throws Exception {
        String r = udp();
        String s = udp();
        PyValue.Tuple to = SocketEngine.address("127.0.0.1", port(r));
        engine.lab(r, lab(0, 0, 0, 300, 0, 0, 1));
        engine.call(r, "setblocking", PyValue.FALSE);
        engine.call(s, "sendto", PyValue.of("late".getBytes(StandardCharsets.US_ASCII)), to);
        CallRecord early = engine.call(r, "recvfrom", PyValue.of(100));
        assertEquals("BlockingIOError", early.error().type(), "not arrived yet: " + early);
        engine.call(r, "settimeout", PyValue.of(5));
        CallRecord waited = engine.call(r, "recvfrom", PyValue.of(100));
        assertEquals("late", text(waited), waited.toString());
        assertTrue(waited.blocked(), "it had to wait for the delay");

        // The receive loop wakes for a delayed datagram too, with nothing else arriving.
        BlockingQueue<CallRecord> loop = new LinkedBlockingQueue<>();
        assertTrue(engine.receiveContinuously(r, "recvfrom", 100, rec -> loop.add(rec) || true, () -> { }));
        long start = System.nanoTime();
        engine.call(s, "sendto", PyValue.of("looped".getBytes(StandardCharsets.US_ASCII)), to);
        CallRecord got = loop.poll(10, TimeUnit.SECONDS);
        while (got != null && got.failed()) {
            got = loop.poll(10, TimeUnit.SECONDS);
        }
        assertNotNull(got, "the loop received the delayed datagram");
        assertEquals("looped", text(got));
        assertTrue(System.nanoTime() - start >= 290_000_000L, "not before its delay");
        engine.stopReceiving(r);
    }

    @Test
    void takingTheLabAwayHandsOverWhatItHeld() {
        String r = udp();
        String s = udp();
        PyValue.Tuple to = SocketEngine.address("127.0.0.1", port(r));
        engine.lab(r, lab(0, 0, 100, 0, 0, 0, 1));
        engine.call(s, "sendto", PyValue.of("held".getBytes(StandardCharsets.US_ASCII)), to);
        engine.call(r, "setblocking", PyValue.FALSE);
        assertEquals("BlockingIOError", engine.call(r, "recvfrom", PyValue.of(100)).error().type(), "held for the next one");
        engine.lab(r, null);
        assertEquals("held", text(engine.call(r, "recvfrom", PyValue.of(100))));
        assertNull(engine.socket(r).orElseThrow().lab());
        String tcp = ((PyValue.SocketRef) engine.socket(Family.AF_INET, SockType.SOCK_STREAM).value()).id();
        assertFalse(engine.lab(tcp, lab(30, 0, 0, 0, 0, 0, 1)), "no lab on TCP");
        assertNull(engine.socket(tcp).orElseThrow().lab());
    }

    @Test
    void aFloodThroughALongDelayHoldsNoMoreThanTheLabsBudget() {
        String r = udp();
        String s = udp();
        PyValue.Tuple to = SocketEngine.address("127.0.0.1", port(r));
        engine.lab(r, lab(0, 0, 0, 10_000, 0, 0, 1));
        engine.call(r, "setblocking", PyValue.FALSE);
        drops.clear();
        byte[] big = new byte[60_000];
        for (int i = 0; i < 100; i++) {
            assertEquals("60000", engine.call(s, "sendto", PyValue.of(big), to).outcome());
            assertEquals("BlockingIOError", engine.call(r, "recvfrom", PyValue.of(65536)).error().type(), "still on its way");
        }
        // 4 MiB held at most: 68 datagrams of 60,000 bytes wait out their delay, the other 32 are dropped and shown.
        assertEquals(32, drops.size(), "dropped once the lab held its budget");
        engine.lab(r, null);
        int handedOver = 0;
        while (!engine.call(r, "recvfrom", PyValue.of(65536)).failed()) {
            handedOver++;
        }
        assertEquals(68, handedOver, "taking the lab away hands over what it held");
    }
}
