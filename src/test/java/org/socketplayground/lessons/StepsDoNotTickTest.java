package org.socketplayground.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.engine.PyConsole;
import org.socketplayground.engine.SocketEngine;
import org.socketplayground.peers.Peers;

/**
 * Issue 17: a step must not tick on a call that only looks like the one it expects. The lesson tests check that
 * steps tick; these check that they do not: on a call whose name merely starts with the expected one
 * (sendall for send, recvfrom for recv, connect_ex for connect), on the wrong outcome, or on other arguments.
 * Real sockets on loopback, no window.
 */
class StepsDoNotTickTest {

    /** Runs lines of Python on a fresh engine; every finished record goes to the session, if any, and to the list. */
    private static final class Bench implements AutoCloseable {
        final SocketEngine engine = new SocketEngine();
        final Peers peers = new Peers(engine);
        final PyConsole console = new PyConsole(engine);
        final List<CallRecord> records = new CopyOnWriteArrayList<>();
        LessonSession session;

        Bench(Lesson lesson) {
            if (lesson != null) {
                session = new LessonSession(lesson, engine, console, peers);
            }
            // Called on the calling thread before run() returns: each check below sees its call observed.
            engine.addListener(r -> {
                if (!r.isPending()) {
                    records.add(r);
                    if (session != null) {
                        session.observe(r);
                    }
                }
            });
        }

        /** Runs a line that must succeed, or fail when expected to. */
        void run(String line, boolean fails) {
            PyConsole.Result r = console.run(line);
            assertEquals(fails, r.failed(), () -> line + " gave " + (r.failed() ? r.error() : console.describe(r.value())));
        }

        void run(String line) {
            run(line, false);
        }

        @Override
        public void close() {
            engine.close();
            peers.close();
        }
    }

    @Test
    void noShippedExpectationMatchesACallOfAnotherNameSuchAsOneItsNameStartsWith() {
        List<Expectation> expectations = new ArrayList<>();
        for (Lesson lesson : LessonLibrary.shipped()) {
            for (Lesson.Step step : lesson.steps()) {
                if (step.expect() != null) {
                    expectations.add(step.expect());
                    // The same call with any outcome: only the name can keep it from matching.
                    expectations.add(new Expectation(step.expect().call(), null, null));
                }
            }
        }
        try (Bench b = new Bench(null)) {
            b.run("server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)");
            b.run("server.bind(('127.0.0.1', 0))");
            b.run("server.listen(5)");
            b.run("client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)");
            b.run("client.connect_ex(server.getsockname())");
            b.run("conn, addr = server.accept()");
            b.run("client.sendall(b'Hello, TCP one two message 3 xxx')");
            b.run("client.send(b'Hello back')");
            b.run("conn.recv(5)");
            b.run("conn.recvfrom(1024)");
            b.run("other = socket.socket(socket.AF_INET, socket.SOCK_STREAM)");
            b.run("other.connect(server.getsockname())");
            b.run("u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)");
            b.run("u.bind(('127.0.0.1', 0))");
            b.run("u.sendto(b'Hello World OK...hello wake up', u.getsockname())");
            b.run("u.recvfrom(1024)");
            b.run("u.sendto(b'Hello World', u.getsockname())");
            b.run("u.recv(1024)");
            b.run("u.getpeername()", true);
            b.run("socket.htonl(1)");
            b.run("socket.gethostbyname('127.0.0.1')");
            b.run("u.close()");
            Set<String> calls = new TreeSet<>();
            b.records.forEach(r -> calls.add(r.call()));
            // The pairs that differ by a suffix only must be among the records, or the check below proves little.
            assertTrue(calls.containsAll(List.of("send", "sendall", "sendto", "recv", "recvfrom", "connect", "connect_ex")),
                    calls.toString());
            List<String> wrong = new ArrayList<>();
            for (Expectation e : expectations) {
                for (CallRecord r : b.records) {
                    if (!r.call().equals(e.call()) && e.matches(r)) {
                        wrong.add("Expect: " + e.describe() + " matched " + r.expression() + " -> " + r.outcome());
                    }
                }
            }
            assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        }
    }

    @Test
    void lessonTwelvesSendStepDoesNotTickOnSendallNorItsRecvStepOnRecvfrom() {
        Lesson lesson = LessonLibrary.shipped().stream().filter(l -> l.title().contains("sendall")).findFirst().orElseThrow();
        int send = stepExpecting(lesson, "send");
        int recv = stepExpecting(lesson, "recv");
        try (Bench b = new Bench(lesson)) {
            for (int i = 0; i < send; i++) {
                b.session.showMe();   // the server, the client and the reader, as the lesson names them
                assertTrue(b.session.isDone(i), "step " + (i + 1) + " ticks with Show me");
                b.session.next();
            }
            b.run("client.sendall(b'xxxx')");
            assertFalse(b.session.isDone(send), "'Expect: send' ticked on client.sendall()");
            b.run("client.send(b'xxxx')");
            assertTrue(b.session.isDone(send), "'Expect: send' ticks on client.send()");
            while (b.session.current() < recv) {
                b.session.next();
            }
            b.run("reader.recvfrom(4)");   // (b'xxxx', None): the outcome text is there, the name is not recv
            assertFalse(b.session.isDone(recv), "'Expect: recv -> xxx' ticked on reader.recvfrom()");
            b.run("reader.recv(65536)");
            assertTrue(b.session.isDone(recv), "'Expect: recv -> xxx' ticks on reader.recv()");
        }
    }

    @Test
    void aStepDoesNotTickOnTheWrongOutcomeNorOnOtherArguments() throws Exception {
        Lesson lesson = LessonParser.parse("""
                # Nearly
                ## Bind to loopback
                Expect: bind(127.0.0.1) -> ok
                As: mine
                ## Nothing to receive
                Expect: recvfrom -> error
                On: mine
                ## It would block
                Expect: recvfrom -> BlockingIOError
                On: mine
                ## Five bytes
                Expect: recvfrom(5) -> ok
                On: mine
                """);
        try (Bench b = new Bench(lesson)) {
            LessonSession s = b.session;
            b.run("a = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)");
            b.run("a.bind(('0.0.0.0', 0))");
            assertFalse(s.isDone(0), "bind(127.0.0.1) ticked on a bind to 0.0.0.0");
            b.run("a.bind(('127.0.0.1', 0))", true);   // already bound: EINVAL
            assertFalse(s.isDone(0), "bind(127.0.0.1) -> ok ticked on a bind that raised");
            b.run("mine = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)");
            b.run("mine.bind(('127.0.0.1', 0))");
            assertTrue(s.isDone(0));
            s.next();
            b.run("mine.sendto(b'here', mine.getsockname())");
            b.run("mine.recvfrom(1024)");
            assertFalse(s.isDone(1), "recvfrom -> error ticked on a recvfrom that returned");
            b.run("mine.settimeout(0.05)");
            b.run("mine.recvfrom(1024)", true);   // TimeoutError: an error, so this one ticks
            assertTrue(s.isDone(1));
            s.next();
            b.run("mine.recvfrom(1024)", true);
            assertFalse(s.isDone(2), "recvfrom -> BlockingIOError ticked on a TimeoutError");
            b.run("mine.setblocking(False)");
            b.run("mine.recvfrom(1024)", true);
            assertTrue(s.isDone(2));
            s.next();
            b.run("mine.sendto(b'ab', mine.getsockname())");
            b.run("mine.sendto(b'cd', mine.getsockname())");
            b.run("mine.recvfrom(1024)");
            assertFalse(s.isDone(3), "recvfrom(5) ticked on recvfrom(1024)");
            b.run("mine.recvfrom(5)");
            assertTrue(s.isDone(3));
        }
    }

    private static int stepExpecting(Lesson lesson, String call) {
        for (int i = 0; i < lesson.steps().size(); i++) {
            Expectation e = lesson.steps().get(i).expect();
            if (e != null && e.call().equals(call)) {
                return i;
            }
        }
        throw new AssertionError("'" + lesson.title() + "' has no step expecting " + call);
    }
}
