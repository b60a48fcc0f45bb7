package org.socketplayground.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.engine.Family;
import org.socketplayground.engine.PyConsole;
import org.socketplayground.engine.SockType;
import org.socketplayground.engine.SocketEngine;
import org.socketplayground.engine.py.PyParser;
import org.socketplayground.engine.py.PyValue;
import org.socketplayground.peers.Peers;

/**
 * The shipped lessons work: each can be completed with "show me" alone, step after step, against real
 * sockets; each is written so that a student who does the steps by hand can still press "show me" later.
 * Also the lesson format's parser and expectations. Plain JUnit, no window.
 */
class LessonsTest {
    /** How long a step may take to tick after its "show me" (peers send at random moments within ~2 s). */
    private static final long STEP_TIMEOUT_MILLIS = 15_000;

    private static final AtomicInteger LESSONS_RUN = new AtomicInteger();
    private static final AtomicInteger LESSONS_COMPLETE = new AtomicInteger();

    // ---------------------------------------------------------------- every shipped lesson, by "show me"

    @TestFactory
    Stream<DynamicTest> everyShippedLessonCanBeCompletedWithShowMeAlone() {
        List<Lesson> lessons = LessonLibrary.shipped();
        return lessons.stream().map(lesson -> DynamicTest.dynamicTest(lesson.title(), () -> runWithShowMe(lesson)));
    }

    @AfterAll
    static void summary() {
        if (LESSONS_RUN.get() > 0) {
            System.out.println("lessons: " + LESSONS_COMPLETE.get() + " of " + LESSONS_RUN.get()
                    + " complete with show me alone");
        }
    }

    private static void runWithShowMe(Lesson lesson) throws InterruptedException {
        LESSONS_RUN.incrementAndGet();
        SocketEngine engine = new SocketEngine();
        Peers peers = new Peers(engine);
        List<String> transcript = new ArrayList<>();
        long started = System.nanoTime();
        try {
            PyConsole console = new PyConsole(engine);
            LessonSession session = new LessonSession(lesson, engine, console, peers);
            engine.addListener(r -> {
                if (!r.isPending()) {
                    session.observe(r);
                }
            });
            for (int i = 0; i < lesson.steps().size(); i++) {
                assertEquals(i, session.current(), "the session is at step " + (i + 1));
                Lesson.Step step = session.step();
                transcript.add("## " + step.title());
                transcript.addAll(session.showMe());
                if (!awaitDone(session, i)) {
                    fail("'" + lesson.title() + "', step " + (i + 1) + " '" + step.title() + "' (expects "
                            + step.expect().describe() + (step.on() == null ? "" : " on " + step.on())
                            + ") did not tick within " + STEP_TIMEOUT_MILLIS + " ms after show me:\n"
                            + String.join("\n", transcript));
                }
                if (step.as() != null) {
                    assertInstanceOf(PyValue.SocketRef.class, console.variable(step.as()),
                            "step " + (i + 1) + " names a socket '" + step.as() + "'");
                }
                session.next();
            }
            assertTrue(session.isComplete(), "every step of '" + lesson.title() + "' is done");
            assertEquals(lesson.steps().size() + " / " + lesson.steps().size(), session.progress());
            LESSONS_COMPLETE.incrementAndGet();
            if (Boolean.getBoolean("lessons.transcript")) {
                System.out.println(String.join("\n", transcript));
            }
            System.out.println("lesson '" + lesson.title() + "': " + lesson.steps().size() + " steps complete in "
                    + (System.nanoTime() - started) / 1_000_000 + " ms");
        } finally {
            // Closing the engine first ends the peers' waiting calls, so their threads stop at once.
            engine.close();
            peers.close();
        }
    }

    private static boolean awaitDone(LessonSession session, int step) throws InterruptedException {
        long deadline = System.nanoTime() + STEP_TIMEOUT_MILLIS * 1_000_000;
        while (!session.isDone(step)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    // ---------------------------------------------------------------- how the shipped lessons are written

    @Test
    void atLeastTenLessonsShipInTheOrderOfTheIndex() throws IOException {
        List<String> files = new ArrayList<>();
        for (String line : resource("index.txt").split("\n")) {
            String f = line.strip();
            if (!f.isEmpty() && !f.startsWith("#")) {
                files.add(f);
            }
        }
        List<Lesson> lessons = LessonLibrary.shipped();
        assertEquals(files.size(), lessons.size());
        assertTrue(lessons.size() >= 10, "at least 10 lessons ship, found " + lessons.size());
        assertEquals(files.stream().sorted().toList(), files, "index.txt lists the files in their numbered order");
        Set<String> titles = new HashSet<>();
        for (Lesson l : lessons) {
            assertTrue(titles.add(l.title()), "titles are unique: " + l.title());
            assertFalse(l.intro().isBlank(), l.title() + " has an introduction");
        }
    }

    private static final Pattern STRING = Pattern.compile("[bB]?('([^'\\\\]|\\\\.)*'|\"([^\"\\\\]|\\\\.)*\")");
    private static final Pattern NAME = Pattern.compile("(?<![\\w.])[A-Za-z_]\\w*");
    private static final Pattern TARGETS = Pattern.compile("^\\s*([A-Za-z_]\\w*(\\s*,\\s*[A-Za-z_]\\w*)*)\\s*=(?!=)");
    private static final Pattern LITERAL_ADDRESS = Pattern.compile("\\(\\s*'([^']*)'\\s*,\\s*(\\d+)\\s*[,)]");

    /**
     * A student may do any step by hand and press "show me" on a later one. By hand only the names given by
     * {@code As:} exist, so a "show me" line may use only those, or names an earlier line of its own step set.
     * Lines must be in the Python subset, and never use a fixed port or leave loopback.
     */
    @Test
    void showMeLinesParseUseOnlyNamesAStudentWorkingByHandHasAndNeverAFixedPort() throws Exception {
        for (Lesson lesson : LessonLibrary.shipped()) {
            Set<String> byHand = new HashSet<>();
            int n = 0;
            for (Lesson.Step step : lesson.steps()) {
                n++;
                String where = "'" + lesson.title() + "' step " + n + " '" + step.title() + "'";
                assertFalse(step.title().isBlank(), where + " has a title");
                assertFalse(step.text().isBlank(), where + " has text to read");
                if (step.expect() != null) {
                    assertFalse(step.actions().isEmpty(), where + " can be shown");
                }
                Set<String> known = new HashSet<>(byHand);
                for (Lesson.Action action : step.actions()) {
                    if (action instanceof Lesson.StartPeer peer) {
                        Peers.Kind kind = Peers.Kind.of(peer.kind());
                        if (peer.target() != null) {
                            assertTrue(known.contains(peer.target()), where + ": peer target " + peer.target()
                                    + " is not defined when the earlier steps were done by hand");
                        }
                        if (kind == Peers.Kind.UDP_CLIENTS || kind == Peers.Kind.TCP_CLIENTS) {
                            assertNotNull(peer.target(), where + ": clients need a target");
                        }
                        if (peer.as() != null) {
                            known.add(peer.as());
                        }
                        continue;
                    }
                    if (action instanceof Lesson.SetLab lab) {
                        assertTrue(known.contains(lab.target()), where + ": the lab's socket " + lab.target()
                                + " is not defined when the earlier steps were done by hand");
                        continue;
                    }
                    String code = ((Lesson.PythonLine) action).code();
                    PyParser.parseStatement(code);
                    Matcher addr = LITERAL_ADDRESS.matcher(code);
                    while (addr.find()) {
                        if (!code.contains("getaddrinfo")) {
                            assertEquals("0", addr.group(2), where + ": no fixed ports in '" + code + "'");
                        }
                        String host = addr.group(1);
                        assertTrue(Set.of("127.0.0.1", "::1", "", "localhost").contains(host),
                                where + ": loopback only in '" + code + "'");
                    }
                    Matcher t = TARGETS.matcher(code);
                    String rhs = code;
                    List<String> targets = List.of();
                    if (t.find()) {
                        rhs = code.substring(t.end());
                        targets = List.of(t.group(1).split("\\s*,\\s*"));
                    }
                    Matcher name = NAME.matcher(STRING.matcher(rhs).replaceAll("''"));
                    while (name.find()) {
                        String used = name.group();
                        if (!Set.of("socket", "select", "os", "struct", "True", "False", "None").contains(used)) {
                            assertTrue(known.contains(used), where + ": '" + code + "' uses '" + used
                                    + "', which a student who did the earlier steps by hand does not have (add As:)");
                        }
                    }
                    for (String target : targets) {
                        known.add(target.strip());
                    }
                }
                if (step.as() != null) {
                    byHand.add(step.as());
                }
            }
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = LessonLibrary.class.getResourceAsStream(name)) {
            assertNotNull(in, name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    // ---------------------------------------------------------------- the format

    @Test
    void aLessonHasATitleAnIntroductionAndStepsWithTheirDirectives() throws Exception {
        Lesson lesson = LessonParser.parse("""
                # Echo

                A server that answers.

                ## Start it
                The built-in echo server.
                Peer: udp-echo as server prefix=HI:
                Expect: bind -> ok
                As: server

                ## Talk to it
                Send and receive.
                Show me: c = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                Show me: c.sendto(b'x', server.getsockname())
                Peer: udp-clients 3 to server
                Expect: recvfrom(1024) -> HI:x
                On: c

                ## Just read
                Nothing to do here.
                """);
        assertEquals("Echo", lesson.title());
        assertEquals("A server that answers.", lesson.intro());
        assertEquals(3, lesson.steps().size());
        Lesson.Step start = lesson.steps().get(0);
        assertEquals("Start it", start.title());
        assertEquals("The built-in echo server.", start.text());
        assertEquals(new Lesson.StartPeer("udp-echo", "server", "HI:", 5, null), start.actions().get(0));
        assertEquals(new Expectation("bind", null, "ok"), start.expect());
        assertEquals("server", start.as());
        assertNull(start.on());
        Lesson.Step talk = lesson.steps().get(1);
        assertEquals(List.of(
                new Lesson.PythonLine("c = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)"),
                new Lesson.PythonLine("c.sendto(b'x', server.getsockname())"),
                new Lesson.StartPeer("udp-clients", null, null, 3, "server")), talk.actions());
        assertEquals(new Expectation("recvfrom", "1024", "HI:x"), talk.expect());
        assertEquals("c", talk.on());
        Lesson.Step read = lesson.steps().get(2);
        assertNull(read.expect());
        assertTrue(read.actions().isEmpty());
    }

    @Test
    void aMalformedLessonIsRefusedWithTheLineAtFault() {
        LessonParser.LessonException early = assertThrows(LessonParser.LessonException.class,
                () -> LessonParser.parse("# Title\n\nIntro\nExpect: bind -> ok\n## Step\ntext\n"));
        assertTrue(early.getMessage().startsWith("line 4:"), early.getMessage());
        LessonParser.LessonException peer = assertThrows(LessonParser.LessonException.class,
                () -> LessonParser.parse("# Title\n## Step\ntext\nPeer: udp-echo loudly\n"));
        assertTrue(peer.getMessage().startsWith("line 4:") && peer.getMessage().contains("loudly"), peer.getMessage());
        LessonParser.LessonException empty = assertThrows(LessonParser.LessonException.class,
                () -> LessonParser.parse("# Title\n## Step\ntext\nPeer:\n"));
        assertTrue(empty.getMessage().startsWith("line 4:"), empty.getMessage());
        LessonParser.LessonException kind = assertThrows(LessonParser.LessonException.class,
                () -> LessonParser.parse("# Title\n## Step\ntext\nPeer: udp-ecko as server\n"));
        assertTrue(kind.getMessage().startsWith("line 4:") && kind.getMessage().contains("udp-ecko"), kind.getMessage());
        LessonParser.LessonException target = assertThrows(LessonParser.LessonException.class,
                () -> LessonParser.parse("# Title\n## Step\ntext\n\nPeer: tcp-clients 5\n"));
        assertTrue(target.getMessage().startsWith("line 5:") && target.getMessage().contains("to NAME"), target.getMessage());
        LessonParser.LessonException blank = assertThrows(LessonParser.LessonException.class,
                () -> LessonParser.parse("# Title\n## Step\ntext\nExpect:\n"));
        assertTrue(blank.getMessage().startsWith("line 4:") && blank.getMessage().contains("expect"), blank.getMessage());
        assertThrows(LessonParser.LessonException.class, () -> LessonParser.parse("## Step\ntext\n"));
        assertThrows(LessonParser.LessonException.class, () -> LessonParser.parse("# Title only\n\nNo steps.\n"));
    }

    @Test
    void anExpectationNamesTheCallAndOptionallyArgumentTextAndTheOutcome() {
        assertEquals(new Expectation("recvfrom", null, "BlockingIOError"), Expectation.parse("recvfrom -> BlockingIOError"));
        assertEquals(new Expectation("socket", "SOCK_DGRAM", "ok"), Expectation.parse(" socket(SOCK_DGRAM) -> ok "));
        assertEquals(new Expectation("bind", null, null), Expectation.parse("bind"));
        assertEquals(new Expectation("bind", null, null), Expectation.parse("bind()"));
        assertEquals(new Expectation("recv", null, "b''"), Expectation.parse("recv -> b''"));
        assertEquals(new Expectation("recvfrom", "5", "abcde"), Expectation.parse("recvfrom(5) -> abcde"));
        assertEquals("recvfrom() giving BlockingIOError", Expectation.parse("recvfrom -> BlockingIOError").describe());
        assertEquals("bind() that succeeds", Expectation.parse("bind -> ok").describe());
    }

    @Test
    void anExpectationMatchesRecordsByCallArgumentsAndOutcome() {
        try (SocketEngine engine = new SocketEngine()) {
            CallRecord made = engine.socket(Family.AF_INET, SockType.SOCK_DGRAM);
            assertTrue(Expectation.parse("socket(SOCK_DGRAM) -> ok").matches(made));
            assertTrue(Expectation.parse("socket").matches(made));
            assertFalse(Expectation.parse("socket(SOCK_STREAM)").matches(made));
            assertFalse(Expectation.parse("socket -> error").matches(made));
            assertFalse(Expectation.parse("bind").matches(made));
            String id = ((PyValue.SocketRef) made.value()).id();
            engine.call(id, "bind", SocketEngine.address("127.0.0.1", 0));
            engine.call(id, "setblocking", PyValue.of(0));
            CallRecord nothing = engine.call(id, "recvfrom", PyValue.of(1024));
            assertTrue(Expectation.parse("recvfrom -> BlockingIOError").matches(nothing));
            assertTrue(Expectation.parse("recvfrom -> [Errno 11]").matches(nothing));
            assertTrue(Expectation.parse("recvfrom(1024) -> error").matches(nothing));
            assertTrue(Expectation.parse("recvfrom -> ERROR").matches(nothing));
            assertFalse(Expectation.parse("recvfrom -> ok").matches(nothing));
            assertFalse(Expectation.parse("recvfrom(4096)").matches(nothing));
            engine.call(id, "sendto", PyValue.of("hi".getBytes(StandardCharsets.UTF_8)), engine.call(id, "getsockname").value());
            CallRecord got = engine.call(id, "recvfrom", PyValue.of(1024));
            assertTrue(Expectation.parse("recvfrom -> b'hi'").matches(got), got.outcome());
            assertTrue(Expectation.parse("recvfrom -> ('127.0.0.1'").matches(got), got.outcome());
            assertFalse(Expectation.parse("recvfrom -> b'ho'").matches(got));
        }
    }

    @Test
    void aStepTicksOnlyForItsSocketAndNamesTheSocketOfTheCallThatCompletedIt() throws Exception {
        Lesson lesson = LessonParser.parse("""
                # Naming
                ## First
                Bind a socket.
                Expect: bind -> ok
                As: mine
                ## Second
                Receive on that one.
                Expect: recvfrom -> error
                On: mine
                """);
        try (SocketEngine engine = new SocketEngine(); Peers peers = new Peers(engine)) {
            PyConsole console = new PyConsole(engine);
            LessonSession session = new LessonSession(lesson, engine, console, peers);
            engine.addListener(r -> {
                if (!r.isPending()) {
                    session.observe(r);
                }
            });
            assertEquals("1 / 2", session.progress());
            assertFalse(console.run("other = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)").failed());
            assertFalse(session.isDone(0));
            assertFalse(console.run("other.bind(('127.0.0.1', 0))").failed());
            assertTrue(session.isDone(0));
            assertEquals(console.variable("other"), console.variable("mine"), "As: named the socket that was bound");
            session.next();
            assertEquals("2 / 2", session.progress());
            assertFalse(console.run("third = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)").failed());
            assertFalse(console.run("third.setblocking(False)").failed());
            assertFalse(console.run("third.bind(('127.0.0.1', 0))").failed());
            assertTrue(console.run("third.recvfrom(1024)").failed());
            assertFalse(session.isDone(1), "a recvfrom on another socket does not count");
            assertFalse(console.run("mine.setblocking(False)").failed());
            assertTrue(console.run("mine.recvfrom(1024)").failed());
            assertTrue(session.isDone(1));
            assertTrue(session.isComplete());
        }
    }

    @Test
    void aStepThatIsOnlyReadIsDoneAsSoonAsItIsShown() throws Exception {
        Lesson lesson = LessonParser.parse("# Reading\n## One\nRead this.\n## Two\nDo this.\nExpect: htons -> 256\n"
                + "Show me: socket.htons(1)\n## Three\nAnd read this.\n");
        try (SocketEngine engine = new SocketEngine(); Peers peers = new Peers(engine)) {
            PyConsole console = new PyConsole(engine);
            LessonSession session = new LessonSession(lesson, engine, console, peers);
            engine.addListener(session::observe);
            assertTrue(session.isDone(0));
            session.next();
            assertFalse(session.isDone(1));
            assertFalse(session.isComplete());
            assertEquals(List.of("socket.htons(1)  # 256"), session.showMe());
            assertTrue(session.isDone(1));
            session.next();
            assertTrue(session.isComplete());
            session.previous();
            assertEquals("2 / 3", session.progress());
        }
    }

    /**
     * For the window's Show me: a prepared line has made the calls in its arguments but not its own, which a window
     * shows and then makes; its record completes the line and binds its names for the next one.
     */
    @Test
    void aPreparedLineMakesItsInnerCallsAndLeavesItsOwnCallToMake() throws Exception {
        try (SocketEngine engine = new SocketEngine(); Peers peers = new Peers(engine)) {
            List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
            engine.addListener(r -> {
                if (!r.isPending()) {
                    calls.add(r.call());
                }
            });
            PyConsole console = new PyConsole(engine);
            LessonSession session = new LessonSession(LessonParser.parse("# L\n## S\nDo.\nExpect: accept -> ok\n"), engine, console, peers);
            assertFalse(console.run("srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)").failed());
            assertFalse(console.run("srv.bind(('127.0.0.1', 0))").failed());
            assertFalse(console.run("srv.listen(5)").failed());
            assertFalse(console.run("cli = socket.socket(socket.AF_INET, socket.SOCK_STREAM)").failed());
            calls.clear();

            PyConsole.Prepared connect = session.prepare("cli.connect(srv.getsockname())");
            assertTrue(connect.ready());
            assertEquals(List.of("getsockname"), calls, "the argument's call is made, connect() is not");
            assertEquals("connect", connect.call());
            assertEquals(((PyValue.SocketRef) console.variable("cli")).id(), connect.on());
            assertEquals(engine.socket(((PyValue.SocketRef) console.variable("srv")).id()).orElseThrow().local(), connect.args().get(0));
            assertFalse(session.finish(connect, engine.call(connect.on(), connect.call(), connect.args())).failed());

            PyConsole.Prepared accept = session.prepare("conn, addr = srv.accept()");
            assertNull(console.variable("conn"), "nothing is bound before the call is made");
            PyConsole.Result accepted = session.finish(accept, engine.call(accept.on(), accept.call(), accept.args()));
            assertFalse(accepted.failed(), () -> accepted.error().toString());
            assertInstanceOf(PyValue.SocketRef.class, console.variable("conn"), "the record binds the line's names");
            assertInstanceOf(PyValue.Tuple.class, console.variable("addr"));

            PyConsole.Prepared expression = session.prepare("0x23 * 256 + 0x0f");
            assertFalse(expression.ready(), "a line with no call of its own is run whole");
            assertEquals("8975", session.describe(expression.result()));
            PyConsole.Prepared unknown = session.prepare("nobody.recv(10)");
            assertFalse(unknown.ready());
            assertEquals("NameError: name 'nobody' is not defined", session.describe(unknown.result()));
        }
    }
}
