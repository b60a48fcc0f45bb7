package org.socketplayground.ui.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.engine.Family;
import org.socketplayground.engine.SockType;
import org.socketplayground.engine.SocketEngine;
import org.socketplayground.engine.py.PyValue;
import org.socketplayground.transcript.SocketNames;
import org.socketplayground.ui.session.LogRow;
import org.socketplayground.ui.session.SenderColors;

/**
 * The conversation drawn from real calls on loopback sockets: a stream's receive that takes two sends at once marks
 * both, datagrams of one pair in quick succession fold into a bundle that counts them all, and the arrows stay within
 * their budget, the lanes of the arrows that left going with them.
 */
class ConversationTest {
    private final SocketEngine engine = new SocketEngine();
    private final SenderColors colours = new SenderColors();
    private final List<LogRow> rows = new ArrayList<>();

    @AfterEach
    void close() {
        engine.close();
    }

    private Conversation conversation(int maxArrows) {
        return new Conversation(engine::socket, engine::sockets, new SocketNames(), maxArrows);
    }

    private CallRecord call(String target, String call, PyValue... args) {
        CallRecord r = engine.call(target, call, args);
        assertTrue(!r.failed(), r.toString());
        rows.add(new LogRow(r, colours));
        return r;
    }

    private String udp() {
        String id = ((PyValue.SocketRef) call(SocketEngine.MODULE, "socket", Family.AF_INET.constant(), SockType.SOCK_DGRAM.constant()).value()).id();
        call(id, "bind", SocketEngine.address("127.0.0.1", 0));
        return id;
    }

    private long port(String id) {
        return ((PyValue.Int) engine.socket(id).orElseThrow().local().get(1)).value();
    }

    @Test
    void aReceiveThatTakesTwoSendsOfAStreamMarksBoth() throws Exception {
        String server = ((PyValue.SocketRef) call(SocketEngine.MODULE, "socket", Family.AF_INET.constant(), SockType.SOCK_STREAM.constant()).value()).id();
        call(server, "bind", SocketEngine.address("127.0.0.1", 0));
        call(server, "listen", PyValue.of(1));
        String client = ((PyValue.SocketRef) call(SocketEngine.MODULE, "socket", Family.AF_INET.constant(), SockType.SOCK_STREAM.constant()).value()).id();
        call(client, "connect", SocketEngine.address("127.0.0.1", port(server)));
        String conn = ((PyValue.SocketRef) ((PyValue.Tuple) call(server, "accept").value()).get(0)).id();
        call(client, "sendall", PyValue.of("one ".getBytes()));
        Thread.sleep(2 * Conversation.BUNDLE_GAP_NANOS / 1_000_000);   // as apart as two clicks: two arrows
        call(client, "sendall", PyValue.of("two".getBytes()));
        CallRecord got = engine.call(conn, "recv", PyValue.of(1024));
        // on loopback both sends are in the buffer by now; wait for the second if the first came alone
        rows.add(new LogRow(got, colours));
        if (((PyValue.Bytes) got.value()).length() < 7) {
            call(conn, "recv", PyValue.of(1024));
        }
        Conversation c = conversation(100);
        c.take(rows);
        List<String> labels = c.arrows().stream().map(Arrow::label).toList();
        assertEquals(List.of("connect → accept", "sendall → recv · 4 bytes · one ", "sendall → recv · 3 bytes · two"), labels,
                c.arrows().toString());
        assertEquals(List.of("s:" + client, "s:" + server, "s:" + conn), c.lanes().stream().map(Lane::key).toList());
    }

    @Test
    void datagramsInQuickSuccessionFoldIntoBundlesThatCountThemAll() {
        String a = udp();
        String b = udp();
        for (int round = 0; round < 10; round++) {   // 50 at a time, well within the receive buffer
            for (int i = 0; i < 50; i++) {
                call(a, "sendto", PyValue.of(("datagram " + i).getBytes()), SocketEngine.address("127.0.0.1", port(b)));
            }
            for (int i = 0; i < 50; i++) {
                call(b, "recvfrom", PyValue.of(1024));
            }
        }
        Conversation c = conversation(100);
        c.take(rows);
        long datagrams = 0;
        for (Arrow arrow : c.arrows()) {
            assertEquals("s:" + a, arrow.from());
            assertEquals("s:" + b, arrow.to());
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("× ([0-9,]+) datagrams").matcher(arrow.label());
            datagrams += m.find() ? Long.parseLong(m.group(1).replace(",", "")) : 1;
            assertTrue(arrow.label().startsWith("sendto → recvfrom"), "each was received: " + arrow.label());
        }
        assertEquals(500, datagrams);
        assertTrue(c.arrows().size() < 20, "bundled, not one arrow each: " + c.arrows().size());
    }

    @Test
    void theArrowsStayWithinTheirBudgetAndTheirLanesGoWithThem() throws Exception {
        String a = udp();
        String b = udp();
        String z = udp();
        Conversation c = conversation(5);
        call(z, "sendto", PyValue.of("first".getBytes()), SocketEngine.address("127.0.0.1", port(a)));
        c.take(rows);
        assertEquals(2, c.lanes().size(), "z and a: " + c.lanes());
        rows.clear();
        for (int i = 0; i < 12; i++) {   // alternating, so that nothing folds
            call(i % 2 == 0 ? a : b, "sendto", PyValue.of(("x" + i).getBytes()), SocketEngine.address("127.0.0.1", port(i % 2 == 0 ? b : a)));
        }
        c.take(rows);
        assertEquals(5, c.arrows().size());
        assertEquals(8, c.leftForBudget());
        assertEquals(List.of("s:" + a, "s:" + b), c.lanes().stream().map(Lane::key).toList(), "z's lane left with its arrow");
        assertEquals("x11", c.arrows().get(4).label().substring(c.arrows().get(4).label().length() - 3));
    }
}
