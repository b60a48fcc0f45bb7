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

/** AF_UNIX datagrams and streams between engine sockets and programs no one here wrote: CPython and socat, both ways. */
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

    /** An engine AF_UNIX stream socket listening on the path, waiting 10 s at most for each call. */
    private String listening(Path path) {
        String s = ((PyValue.SocketRef) engine.socket(Family.AF_UNIX, SockType.SOCK_STREAM).value()).id();
        engine.call(s, "settimeout", PyValue.of(10));
        assertFalse(engine.call(s, "bind", PyValue.of(path.toString())).failed());
        assertFalse(engine.call(s, "listen", PyValue.of(1)).failed());
        return s;
    }

    /** The connection accept() returned, and the client's address as accept() gave it. */
    private String[] accept(String server) {
        CallRecord accepted = engine.call(server, "accept");
        assertFalse(accepted.failed(), accepted.toString());
        PyValue.Tuple pair = (PyValue.Tuple) accepted.value();
        return new String[] {((PyValue.SocketRef) pair.get(0)).id(), pair.get(1).repr()};
    }

    @Test
    void aCPythonStreamClientIsAcceptedByItsPathAndHearsTheReply() throws Exception {
        Path server = dir.resolve("stream.sock");
        Path client = dir.resolve("stream-client.sock");
        String s = listening(server);
        ChildOutput peer = start("python3", "-c", String.join("\n",
                "import socket, sys",
                "c = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)",
                "c.settimeout(10)",
                "c.bind(sys.argv[2])",
                "c.connect(sys.argv[1])",
                "c.sendall(b'hello stream')",
                "print('reply', c.recv(100).decode(), c.getpeername(), flush=True)"), server.toString(), client.toString());
        String[] conn = accept(s);
        assertEquals("'" + client + "'", conn[1], "accept() names a bound client by its path");
        assertEquals("b'hello stream'", engine.call(conn[0], "recv", PyValue.of(100)).value().repr());
        assertEquals("2", engine.call(conn[0], "send", PyValue.of("OK".getBytes(StandardCharsets.UTF_8))).outcome());
        assertEquals("reply OK " + server, peer.line());
    }

    @Test
    void socatConnectsToAnEngineStreamServerUnnamed() throws Exception {
        Path server = dir.resolve("stream.sock");
        String s = listening(server);
        ChildOutput client = start("socat", "-t", "5", "-", "UNIX-CONNECT:" + server);
        try (Writer in = client.process().outputWriter(StandardCharsets.UTF_8)) {
            in.write("hi from socat\n");
            in.flush();
            String[] conn = accept(s);
            assertEquals("''", conn[1], "an unbound client has no name: ''");
            assertEquals("b'hi from socat\\n'", engine.call(conn[0], "recv", PyValue.of(100)).value().repr());
            engine.call(conn[0], "sendall", PyValue.of("back to socat\n".getBytes(StandardCharsets.UTF_8)));
            assertEquals("back to socat", client.line());
        }
    }

    @Test
    void anEngineStreamClientTalksToSocatsEchoServer() throws Exception {
        Path server = dir.resolve("socat-echo.sock");
        start("socat", "UNIX-LISTEN:" + server, "EXEC:cat");
        String c = ((PyValue.SocketRef) engine.socket(Family.AF_UNIX, SockType.SOCK_STREAM).value()).id();
        engine.call(c, "settimeout", PyValue.of(10));
        CallRecord connect;
        long end = System.nanoTime() + 10_000_000_000L;
        do {   // socat listens a moment after it starts
            connect = engine.call(c, "connect", PyValue.of(server.toString()));
        } while (connect.failed() && connect.error().type().equals("FileNotFoundError") && System.nanoTime() < end && pause());
        assertFalse(connect.failed(), connect.toString());
        assertEquals("'" + server + "'", engine.call(c, "getpeername").value().repr());
        engine.call(c, "sendall", PyValue.of("echo me".getBytes(StandardCharsets.UTF_8)));
        StringBuilder echoed = new StringBuilder();
        while (echoed.length() < 7) {
            CallRecord got = engine.call(c, "recv", PyValue.of(100));
            assertFalse(got.failed() || got.value().repr().equals("b''"), got.toString());
            echoed.append(new String(((PyValue.Bytes) got.value()).value(), StandardCharsets.UTF_8));
        }
        assertEquals("echo me", echoed.toString());
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
