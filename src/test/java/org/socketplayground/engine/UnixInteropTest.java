package org.socketplayground.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socketplayground.engine.py.PyValue;
import org.socketplayground.robustness.ChildOutput;

/** AF_UNIX datagrams between engine sockets and programs no one here wrote: CPython and socat, both ways. */
class UnixInteropTest {
    private final SocketEngine engine = new SocketEngine();
    private final List<ChildOutput> peers = new ArrayList<>();
    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        peers.forEach(p -> p.process().destroyForcibly());
        engine.close();
    }

    private ChildOutput start(String... command) throws IOException {
        ChildOutput out = new ChildOutput(command[0], new ProcessBuilder(command).redirectErrorStream(true).start());
        peers.add(out);
        return out;
    }

    /** An engine AF_UNIX datagram socket bound to the path, waiting 10 s at most for each receive. */
    private String bound(Path path) {
        String s = ((PyValue.SocketRef) engine.socket(Family.AF_UNIX, SockType.SOCK_DGRAM).value()).id();
        CallRecord bind = engine.call(s, "bind", PyValue.of(path.toString()));
        assertFalse(bind.failed(), bind.toString());
        engine.call(s, "settimeout", PyValue.of(10));
        return s;
    }

    @Test
    void aCPythonPeerIsHeardWithItsPathAndHearsTheReply() throws Exception {
        Path server = dir.resolve("server.sock");
        Path client = dir.resolve("client.sock");
        String s = bound(server);
        String script = Path.of(UnixInteropTest.class.getResource("/peers/unix_peer.py").toURI()).toString();
        ChildOutput peer = start("python3", script, server.toString(), client.toString(), "hello over AF_UNIX");
        assertEquals("sent", peer.line());
        CallRecord got = engine.call(s, "recvfrom", PyValue.of(1024));
        assertEquals("(b'hello over AF_UNIX', '" + client + "')", got.value().repr());
        assertEquals("('" + client + "',)", got.source().repr(), "kept for the log as a one-item tuple");
        CallRecord sent = engine.call(s, "sendto", PyValue.of("OK".getBytes(StandardCharsets.UTF_8)),
                UnixAddresses.replyTo(got.source()));
        assertEquals("2", sent.outcome());
        assertEquals("reply OK " + server, peer.line());
    }

    @Test
    void anUnnamedCPythonSenderIsNone() throws Exception {
        Path server = dir.resolve("server.sock");
        String s = bound(server);
        String script = Path.of(UnixInteropTest.class.getResource("/peers/unix_peer.py").toURI()).toString();
        ChildOutput peer = start("python3", script, server.toString(), "-", "no name");
        assertEquals("sent", peer.line());
        CallRecord got = engine.call(s, "recvfrom", PyValue.of(1024));
        assertEquals("(b'no name', None)", got.value().repr());
        assertEquals(null, UnixAddresses.replyTo(got.source()), "no one to answer");
    }

    @Test
    void socatSendsToAnEngineSocketAndReceivesFromOne() throws Exception {
        Path server = dir.resolve("server.sock");
        String s = bound(server);
        ChildOutput sender = start("socat", "-t", "5", "-", "UNIX-SENDTO:" + server + ",bind=" + dir.resolve("socat-out.sock"));
        try (Writer in = sender.process().outputWriter(StandardCharsets.UTF_8)) {
            in.write("hi from socat\n");
            in.flush();
            CallRecord got = engine.call(s, "recvfrom", PyValue.of(1024));
            assertEquals("(b'hi from socat\\n', '" + dir.resolve("socat-out.sock") + "')", got.value().repr());
        }

        Path listening = dir.resolve("socat-in.sock");
        ChildOutput receiver = start("socat", "-u", "UNIX-RECV:" + listening, "-");
        CallRecord sent;
        long end = System.nanoTime() + 10_000_000_000L;
        do {   // socat binds its path a moment after it starts
            sent = engine.call(s, "sendto", PyValue.of("to socat\n".getBytes(StandardCharsets.UTF_8)), PyValue.of(listening.toString()));
        } while (sent.failed() && sent.error().type().equals("FileNotFoundError") && System.nanoTime() < end && pause());
        assertEquals("9", sent.outcome(), sent.toString());
        assertEquals("to socat", receiver.line());
    }

    private static boolean pause() {
        try {
            Thread.sleep(50);   // polling for a peer outside the JVM to bind its path; no window, no condition to wait on
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
