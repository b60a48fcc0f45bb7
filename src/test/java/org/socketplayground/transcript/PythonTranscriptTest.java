package org.socketplayground.transcript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.socketplayground.robustness.ChildOutput;
import org.junit.jupiter.api.io.TempDir;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.engine.Family;
import org.socketplayground.engine.SockType;
import org.socketplayground.engine.SocketEngine;
import org.socketplayground.engine.SocketInfo;
import org.socketplayground.engine.py.PyValue;
import org.socketplayground.robustness.PythonPeer;

/**
 * A long session keeps each socket's set-up, so that the saved script still runs under CPython; what another program
 * sent is waited for 10 s at most, so that the script never hangs; sockets are written by their lesson names.
 */
class PythonTranscriptTest {
    /** A script that waits 10 s for another program ends well within this; one that hangs does not. */
    private static final long RUN_SECONDS = 15;

    @Test
    void aFloodOfReceivesDoesNotPushOutTheSocketsSetUp(@TempDir Path dir) throws Exception {
        String script;
        try (SocketEngine engine = new SocketEngine()) {
            PythonTranscript transcript = new PythonTranscript(5, id -> engine.socket(id).map(SocketInfo::local).orElse(null));
            engine.addListener(transcript::add);
            String s = engine.socket(Family.AF_INET, SockType.SOCK_DGRAM).value().repr();
            engine.call(s, "bind", SocketEngine.address("127.0.0.1", 0));
            engine.call(s, "setblocking", PyValue.of(false));
            for (int i = 0; i < 10; i++) {
                engine.call(s, "recvfrom", PyValue.of(1024));
            }
            assertEquals(5, transcript.size());
            String text = transcript.text();
            assertTrue(text.contains(s + " = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)"), text);
            assertTrue(text.contains(s + ".bind(('127.0.0.1', 0))"), text);
            assertTrue(text.contains(s + ".setblocking(False)"), text);
            script = transcript.script(Instant.now());
            assertTrue(script.contains("# 8 calls that sent or received data are left out"), script);
        }
        List<String> printed = runScript(dir, script);
        assertEquals(List.of("BlockingIOError: [Errno 11] Resource temporarily unavailable",
                "BlockingIOError: [Errno 11] Resource temporarily unavailable"), printed);
    }

    @Test
    void aBatchAnnouncedWithExpectEndsAsTheSameCallsAddedOneByOne() {
        try (SocketEngine engine = new SocketEngine()) {
            List<org.socketplayground.engine.CallRecord> calls = new java.util.ArrayList<>();
            engine.addListener(calls::add);
            String s = engine.socket(Family.AF_INET, SockType.SOCK_DGRAM).value().repr();
            engine.call(s, "bind", SocketEngine.address("127.0.0.1", 0));
            PyValue to = engine.socket(s).map(SocketInfo::local).orElseThrow();
            for (int i = 0; i < 500; i++) {
                engine.call(s, "sendto", PyValue.of(("datagram " + i).getBytes()), to);
                engine.call(s, "recvfrom", PyValue.of(1024));
            }
            engine.call(s, "getsockname");
            java.util.function.Function<String, PyValue.Tuple> local = id -> engine.socket(id).map(SocketInfo::local).orElse(null);
            PythonTranscript oneByOne = new PythonTranscript(50, local);
            calls.forEach(oneByOne::add);
            PythonTranscript batched = new PythonTranscript(50, local);
            batched.expect(calls);
            calls.forEach(batched::add);
            assertEquals(oneByOne.text(), batched.text());
            assertEquals(oneByOne.script(Instant.EPOCH), batched.script(Instant.EPOCH));
            assertEquals(oneByOne.removals(), batched.removals());
            assertTrue(batched.text().contains("datagram 499"), batched.text());
        }
    }

    @Test
    void aSelectImportsItsModuleOnceAndWritesTheListsBySocketName(@TempDir Path dir) throws Exception {
        String script;
        try (SocketEngine engine = new SocketEngine()) {
            SocketNames names = new SocketNames();
            PythonTranscript transcript = transcriptOf(engine, names);
            String s = engine.socket(Family.AF_INET, SockType.SOCK_DGRAM).value().repr();
            names.name(s, "receiver");
            engine.call(s, "bind", SocketEngine.address("127.0.0.1", 0));
            PyValue.SocketRef ref = new PyValue.SocketRef(s);
            PyValue watched = new PyValue.PyList(List.of(ref));
            assertEquals("([], [receiver], [])", transcript.line(engine.call(SocketEngine.MODULE, "select", watched, watched,
                    new PyValue.PyList(List.of()), PyValue.of(0))).split("  # ")[1]);
            assertTrue(transcript.text().startsWith("import select\nimport socket\n\n"), transcript.text());
            engine.call(s, "sendto", PyValue.of("ping".getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
                    engine.call(s, "getsockname").value());
            engine.call(SocketEngine.MODULE, "select", watched, new PyValue.PyList(List.of()), new PyValue.PyList(List.of()),
                    new PyValue.Float(2.0));
            String text = transcript.text();
            assertTrue(text.contains("\nr, w, x = select.select([receiver], [], [], 2.0)  # ([receiver], [], [])\n"), text);
            assertEquals(1, text.split("import select", -1).length - 1, "imported once: " + text);
            script = transcript.script(Instant.now());
        }
        assertTrue(script.contains("\nimport select\nimport socket\n"), script);
        runScript(dir, script);   // it runs to its end under python3
    }

    @Test
    void largeDataIsWrittenShortAndTheScriptStillSendsEveryByte(@TempDir Path dir) throws Exception {
        byte[] mixed = new byte[65_507];
        new java.util.Random(17).nextBytes(mixed);
        byte[] text = ("hello " + "0123456789".repeat(19)).getBytes(StandardCharsets.US_ASCII);
        String script;
        String pane;
        long port;
        try (SocketEngine engine = new SocketEngine()) {
            PythonTranscript transcript = transcriptOf(engine, new SocketNames());
            String receiver = engine.socket(Family.AF_INET, SockType.SOCK_DGRAM).value().repr();
            engine.call(receiver, "bind", SocketEngine.address("127.0.0.1", 0));
            port = port(engine, receiver);
            String sender = engine.socket(Family.AF_INET, SockType.SOCK_DGRAM).value().repr();
            for (byte[] data : List.of("x".repeat(65_507).getBytes(StandardCharsets.US_ASCII), mixed, text)) {
                assertEquals(Integer.toString(data.length),
                        engine.call(sender, "sendto", PyValue.of(data), SocketEngine.address("127.0.0.1", port)).outcome());
            }
            for (int i = 0; i < 3; i++) {
                engine.call(receiver, "recvfrom", PyValue.of(65_536));
            }
            synchronized (transcript) {
                pane = transcript.text();
                script = transcript.script(Instant.now());
            }
        }
        assertTrue(pane.contains("s2.sendto(b'x' * 65507, s1.getsockname())  # 65507\n"), pane);
        String head = PyValue.of(java.util.Arrays.copyOf(mixed, 64)).repr();
        assertTrue(pane.contains("s2.sendto(" + head + " + bytes(65443), s1.getsockname())"
                + "  # 65507 (65,507 bytes sent; the first 64 shown, zeros for the rest)\n"), pane);
        assertTrue(pane.contains("s1.recvfrom(65536)  # (b'" + "x".repeat(64) + "'…(65443 more bytes), ('127.0.0.1', "), pane);
        assertTrue(pane.length() < 3_000, "no line holds more than the first 64 bytes of data: " + pane.length() + " characters");
        assertTrue(script.length() < 6_000, "the script is " + script.length() + " characters:\n" + script);

        List<String> printed = runScript(dir, script);
        assertEquals(6, printed.size(), "three sends, three receives: " + printed.stream().map(l -> l.substring(0, Math.min(80, l.length()))).toList());
        assertEquals(List.of("65507", "65507", "196"), printed.subList(0, 3), "every send sends as many bytes as before");
        List<String> received = printed.subList(3, 6).stream().map(l -> l.replaceFirst(", \\('127\\.0\\.0\\.1', \\d+\\)\\)$", ")")).toList();
        assertEquals("(" + PyValue.of("x".repeat(65_507).getBytes(StandardCharsets.US_ASCII)).repr() + ")", received.get(0));
        assertEquals("(" + head.substring(0, head.length() - 1) + "\\x00".repeat(65_443) + "')", received.get(1),
                "the first 64 bytes, then zeros");
        assertEquals("(" + PyValue.of(text).repr() + ")", received.get(2), "a short datagram is written whole");
    }

    @Test
    void theLinesStayWithinTheirCharactersAndThePaneSaysHowManyLeft() {
        try (SocketEngine engine = new SocketEngine()) {
            PythonTranscript transcript = new PythonTranscript(3_000, 2_000,
                    id -> engine.socket(id).map(SocketInfo::local).orElse(null), new SocketNames());
            engine.addListener(r -> {
                synchronized (transcript) {
                    transcript.add(r);
                }
            });
            String s = engine.socket(Family.AF_INET, SockType.SOCK_DGRAM).value().repr();
            engine.call(s, "bind", SocketEngine.address("127.0.0.1", 0));
            byte[] data = new byte[1_000];
            new java.util.Random(1).nextBytes(data);
            PyValue self = engine.call(s, "getsockname").value();
            for (int i = 0; i < 100; i++) {
                engine.call(s, "sendto", PyValue.of(data), self);
            }
            String text;
            long removals;
            synchronized (transcript) {
                text = transcript.text();
                removals = transcript.removals();
            }
            String[] lines = text.split("\n");
            assertTrue(lines[0].matches("# … \\d+ earlier statements trimmed to keep memory bounded"), lines[0]);
            assertTrue(removals > 90, "sendto calls left: " + removals);
            assertEquals("import socket", lines[1]);
            assertEquals(s + " = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)", lines[3], "the set-up stays");
            assertTrue(text.length() < 2_000 + 200, text.length() + " characters:\n" + text);
            assertTrue(lines[lines.length - 1].startsWith(s + ".sendto("), "the newest call is kept: " + lines[lines.length - 1]);
        }
    }

    @Test
    void theLinesAreMeasuredWhenReadAndTheSameCallsLeaveAsIfEachWereMeasuredAsItCame() {
        try (SocketEngine engine = new SocketEngine()) {
            List<CallRecord> calls = new java.util.ArrayList<>();
            engine.addListener(calls::add);
            String s = engine.socket(Family.AF_INET, SockType.SOCK_DGRAM).value().repr();
            engine.call(s, "bind", SocketEngine.address("127.0.0.1", 0));
            PyValue self = engine.call(s, "getsockname").value();
            for (int i = 0; i < 200; i++) {   // lines of different lengths, so that where the budget cuts matters
                engine.call(s, "sendto", PyValue.of("x".repeat(i % 37).getBytes(StandardCharsets.US_ASCII)), self);
                engine.call(s, "recvfrom", PyValue.of(1024));
            }
            java.util.function.Function<String, PyValue.Tuple> local = id -> engine.socket(id).map(SocketInfo::local).orElse(null);
            PythonTranscript readEachTime = new PythonTranscript(300, 5_000, local, new SocketNames());
            List<Integer> sizes = new java.util.ArrayList<>();
            for (CallRecord r : calls) {
                readEachTime.add(r);
                sizes.add(readEachTime.size());
            }
            PythonTranscript readAtTheEnd = new PythonTranscript(300, 5_000, local, new SocketNames());
            calls.forEach(readAtTheEnd::add);
            assertTrue(readEachTime.text().length() <= 5_000 + 200, "within the budget:\n" + readEachTime.text());
            assertTrue(sizes.get(sizes.size() - 1) < 300, "the characters, not the calls, bound it: " + sizes);
            assertEquals(readEachTime.text(), readAtTheEnd.text());
            assertEquals(readEachTime.removals(), readAtTheEnd.removals());
            assertEquals(readEachTime.script(Instant.EPOCH), readAtTheEnd.script(Instant.EPOCH));
        }
    }

    /** Runs the saved script under python3 and returns what it printed; it must end well, within 20 s. */
    private static List<String> runScript(Path dir, String script) throws Exception {
        Path file = dir.resolve("session.py");
        Files.writeString(file, script);
        Process p = new ProcessBuilder("python3", file.toString()).redirectErrorStream(true).start();
        try (ChildOutput out = new ChildOutput("python3 session.py", p)) {   // a script that hangs fails in 20 s
            List<String> printed = out.rest(ChildOutput.TIMEOUT);
            assertEquals(0, out.exitCode(), "the script runs to its end: " + printed);
            return printed;
        }
    }

    private static PythonTranscript transcriptOf(SocketEngine engine, SocketNames names) {
        PythonTranscript transcript = new PythonTranscript(3_000, id -> engine.socket(id).map(SocketInfo::local).orElse(null), names);
        engine.addListener(r -> {
            synchronized (transcript) {
                transcript.add(r);
            }
        });
        return transcript;
    }

    /** Runs a saved script under python3 as the test's own program, line by line. */
    private static PythonPeer run(Path dir, String script) throws Exception {
        Path file = dir.resolve("session.py");
        Files.writeString(file, script);
        return PythonPeer.start("import runpy, sys; runpy.run_path(sys.argv[1], run_name='__main__')", file.toString());
    }

    /** Sends datagrams from a python3 process, another program, and returns the port it sent them from. */
    private static long sendFromPython(long port, String... texts) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of(Long.toString(port)));
        args.addAll(List.of(texts));
        try (PythonPeer peer = PythonPeer.start("import socket, sys\n"
                + "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
                + "for text in sys.argv[2:]:\n"
                + "    s.sendto(text.encode(), ('127.0.0.1', int(sys.argv[1])))\n"
                + "print('from', s.getsockname()[1])\n", args.toArray(String[]::new))) {
            return Long.parseLong(peer.expect("from"));
        }
    }

    private static long port(SocketEngine engine, String id) {
        return ((PyValue.Int) engine.socket(id).orElseThrow().local().get(1)).value();
    }

    @Test
    void aDatagramFromAnotherProgramIsWaitedForTenSecondsAtMostThenTheScriptGoesOn(@TempDir Path dir) throws Exception {
        String script;
        long python;
        try (SocketEngine engine = new SocketEngine()) {
            PythonTranscript transcript = transcriptOf(engine, new SocketNames());
            String receiver = engine.socket(Family.AF_INET, SockType.SOCK_DGRAM).value().repr();
            engine.call(receiver, "bind", SocketEngine.address("127.0.0.1", 0));
            python = sendFromPython(port(engine, receiver), "from python", "again");
            String sender = engine.socket(Family.AF_INET, SockType.SOCK_DGRAM).value().repr();
            engine.call(receiver, "recvfrom", PyValue.of(1024));
            engine.call(receiver, "recvfrom", PyValue.of(1024));
            engine.call(sender, "sendto", PyValue.of("ours".getBytes(StandardCharsets.UTF_8)), engine.call(receiver, "getsockname").value());
            engine.call(receiver, "recvfrom", PyValue.of(1024));
            synchronized (transcript) {
                script = transcript.script(Instant.now());
            }
        }
        String from = "127.0.0.1:" + python;
        assertTrue(script.contains("# from " + from + ", another program: send it again, e.g. ncat -u 127.0.0.1 PORT"), script);
        assertTrue(script.contains("print_from_another_program(s1, '" + from + "', 'ncat -u', lambda: s1.recvfrom(1024))"
                + "  # (b'from python', ('127.0.0.1', " + python + "))"), script);
        assertTrue(script.contains("print(repr(s1.recvfrom(1024)))  # (b'ours', ('127.0.0.1', "), "our own sender is no other program: " + script);

        long started = System.nanoTime();
        try (PythonPeer run = run(dir, script)) {
            String waiting = run.expect("waiting 10 s for " + from + ", another program: send it again, e.g. ncat -u 127.0.0.1");
            assertTrue(waiting.matches("\\d+"), "the script says which port to send to: " + waiting);
            String nothing = lineWithin(run, RUN_SECONDS);
            assertEquals("nothing from " + from + " within 10 s", nothing);
            assertEquals("nothing from " + from + ": not waiting for it again", run.line(), "a silent sender is not waited for twice");
            assertTrue(run.line().startsWith("('127.0.0.1', "), "getsockname");
            assertEquals("4", run.line(), "our own send");
            assertTrue(run.line().startsWith("(b'ours', ('127.0.0.1', "), "our own datagram, received as in the playground");
            assertEquals(0, run.exitCode());
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        assertTrue(seconds < RUN_SECONDS, "the script ended after " + seconds + " s");
    }

    /** The next line of the script, waiting up to the given time (the script waits 10 s for another program). */
    private static String lineWithin(PythonPeer run, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (true) {
            try {
                return run.line();
            } catch (AssertionError noLineYet) {
                if (System.nanoTime() > deadline || noLineYet.getMessage().contains("before it ended")) {
                    throw noLineYet;
                }
            }
        }
    }

    /** A python3 client, another program: connects to the port, sends the text, closes; returns its port. */
    private static long connectFromPython(long port, String text) throws Exception {
        try (PythonPeer peer = PythonPeer.start("import socket, sys\n"
                + "c = socket.create_connection(('127.0.0.1', int(sys.argv[1])))\n"
                + "c.sendall(sys.argv[2].encode())\n"
                + "print('from', c.getsockname()[1])\n"
                + "c.close()\n", Long.toString(port), text)) {
            long from = Long.parseLong(peer.expect("from"));
            assertEquals(0, peer.exitCode());
            return from;
        }
    }

    @Test
    void aConnectionFromAnotherProgramIsWaitedForAndTheScriptSaysWhatToRun(@TempDir Path dir) throws Exception {
        String script;
        long python;
        try (SocketEngine engine = new SocketEngine()) {
            PythonTranscript transcript = transcriptOf(engine, new SocketNames());
            String server = engine.socket(Family.AF_INET, SockType.SOCK_STREAM).value().repr();
            engine.call(server, "bind", SocketEngine.address("127.0.0.1", 0));
            engine.call(server, "listen", PyValue.of(1));
            python = connectFromPython(port(engine, server), "hello tcp");
            engine.call(server, "accept");
            assertEquals("b'hello tcp'", engine.call("conn1", "recv", PyValue.of(1024)).outcome());
            assertEquals("b''", engine.call("conn1", "recv", PyValue.of(1024)).outcome());
            synchronized (transcript) {
                script = transcript.script(Instant.now());
            }
        }
        String from = "127.0.0.1:" + python;
        assertTrue(script.contains("# from " + from + ", another program: connect again, e.g. ncat 127.0.0.1 PORT"), script);
        assertTrue(script.contains("conn1, addr1 = connection_from_another_program(s1, '" + from + "', 'ncat', lambda: s1.accept())"
                + "  # ('127.0.0.1', " + python + ")"), script);
        assertTrue(script.contains("# from " + from + ", another program: send it again on the connection accepted above"), script);
        assertTrue(script.contains("print_from_another_program(conn1, '" + from + "', None, lambda: conn1.recv(1024))  # b'hello tcp'"), script);

        // Nobody connects: the script says so after 10 s and stops, for the rest needs the connection.
        try (PythonPeer run = run(dir, script)) {
            run.expect("waiting 10 s for " + from + ", another program: connect again, e.g. ncat 127.0.0.1");
            assertEquals("nothing from " + from + " within 10 s", lineWithin(run, RUN_SECONDS));
            assertEquals("the rest of the script needs that connection, so it stops here", run.line());
            assertEquals(1, run.exitCode());
        }
        // Another program connects when the script asks, at the port it prints: the script carries on with it.
        try (PythonPeer run = run(dir, script)) {
            String port = run.expect("waiting 10 s for " + from + ", another program: connect again, e.g. ncat 127.0.0.1");
            long again = connectFromPython(Long.parseLong(port), "hello again");
            assertEquals("('127.0.0.1', " + again + ")", run.line(), "the accept's address");
            assertEquals("waiting 10 s for " + from + ", another program: send it again, on its connection", run.line());
            assertEquals("b'hello again'", run.line());
            run.expect("waiting 10 s for " + from);
            assertEquals("b''", run.line(), "the other program closed, as before");
            assertEquals(0, run.exitCode());
        }
    }
}
