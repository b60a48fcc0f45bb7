package org.socketplayground.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Writer;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.socketplayground.engine.py.PyValue;
import org.socketplayground.robustness.ChildOutput;

/**
 * Real peers that no one here wrote (ncat, socat, CPython) talk to engine sockets; the engine records their
 * true source address, and its replies reach them.
 */
class InteropTest {
    private final SocketEngine engine = new SocketEngine();
    private final List<Process> peers = new ArrayList<>();
    /** Each peer's output, read with a timeout: a peer that hangs fails the test rather than the build. */
    private final java.util.Map<Process, ChildOutput> outputs = new java.util.HashMap<>();

    @AfterEach
    void stop() {
        peers.forEach(Process::destroyForcibly);
        engine.close();
    }

    private Process start(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        peers.add(p);
        return p;
    }

    private String socket(SockType type) {
        return ((PyValue.SocketRef) engine.socket(Family.AF_INET, type).value()).id();
    }

    private int port(String id) {
        return (int) ((PyValue.Int) ((PyValue.Tuple) engine.call(id, "getsockname").value()).get(1)).value();
    }

    private String boundUdp() {
        String s = socket(SockType.SOCK_DGRAM);
        engine.call(s, "bind", SocketEngine.address("127.0.0.1", 0));
        engine.call(s, "settimeout", PyValue.of(10));
        return s;
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket d = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return d.getLocalPort();
        }
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private String readLine(Process p) {
        return outputs.computeIfAbsent(p, q -> new ChildOutput(q.info().command().orElse("peer"), q)).line();
    }

    /** Receives one datagram and answers 'OK...' + data to its source, as the classroom echo server does. */
    private CallRecord echoOnce(String s) {
        CallRecord got = engine.call(s, "recvfrom", PyValue.of(1024));
        assertTrue(!got.failed(), got.toString());
        byte[] reply = ("OK..." + got.receivedData().text()).getBytes(StandardCharsets.UTF_8);
        engine.call(s, "sendto", PyValue.of(reply), got.source());
        return got;
    }

    @Test
    void aCPythonPeersOwnAddressIsTheSourceTheEngineRecords() throws Exception {
        String s = boundUdp();
        Path script = Path.of(InteropTest.class.getResource("/peers/udp_peer.py").toURI());
        Process peer = start("python3", script.toString(), "127.0.0.1", Integer.toString(port(s)), "hello from python");
        String[] first = readLine(peer).split(" ");
        CallRecord got = echoOnce(s);
        assertEquals("(b'hello from python', ('127.0.0.1', " + first[1] + "))", got.value().repr());
        assertEquals("reply OK...hello from python " + port(s), readLine(peer));
    }

    @Test
    void ncatOverUdpIsHeardWithItsSourcePortAndHearsTheReply() throws Exception {
        String s = boundUdp();
        int source = freeUdpPort();
        Process ncat = start("ncat", "-u", "-p", Integer.toString(source), "127.0.0.1", Integer.toString(port(s)));
        try (Writer in = ncat.outputWriter(StandardCharsets.UTF_8)) {
            in.write("hello\n");
            in.flush();
            CallRecord got = echoOnce(s);
            assertEquals("(b'hello\\n', ('127.0.0.1', " + source + "))", got.value().repr());
            assertEquals("OK...hello", readLine(ncat));
        }
    }

    @Test
    void socatOverUdpIsHeardWithItsSourcePortAndHearsTheReply() throws Exception {
        String s = boundUdp();
        int source = freeUdpPort();
        Process socat = start("socat", "-t", "5", "-",
                "UDP4:127.0.0.1:" + port(s) + ",bind=127.0.0.1:" + source);
        try (Writer in = socat.outputWriter(StandardCharsets.UTF_8)) {
            in.write("hi socat\n");
            in.flush();
            CallRecord got = echoOnce(s);
            assertEquals("(b'hi socat\\n', ('127.0.0.1', " + source + "))", got.value().repr());
            assertEquals("OK...hi socat", readLine(socat));
        }
    }

    @Test
    void ncatConnectsOverTcpAndTheAcceptedAddressIsItsOwn() throws Exception {
        String server = socket(SockType.SOCK_STREAM);
        engine.call(server, "bind", SocketEngine.address("127.0.0.1", 0));
        engine.call(server, "listen");
        engine.call(server, "settimeout", PyValue.of(10));
        int source = freeTcpPort();
        Process ncat = start("ncat", "-p", Integer.toString(source), "127.0.0.1", Integer.toString(port(server)));
        CallRecord accepted = engine.call(server, "accept");
        assertEquals("('127.0.0.1', " + source + ")", accepted.source().repr(), accepted.toString());
        String conn = ((PyValue.SocketRef) ((PyValue.Tuple) accepted.value()).get(0)).id();
        engine.call(conn, "settimeout", PyValue.of(10));
        try (Writer in = ncat.outputWriter(StandardCharsets.UTF_8)) {
            in.write("over tcp\n");
            in.flush();
            assertEquals("b'over tcp\\n'", engine.call(conn, "recv", PyValue.of(1024)).outcome());
            engine.call(conn, "sendall", PyValue.of("OVER TCP\n".getBytes(StandardCharsets.UTF_8)));
            assertEquals("OVER TCP", readLine(ncat));
        }
        assertEquals("b''", engine.call(conn, "recv", PyValue.of(1024)).outcome(), "ncat closed: recv returns b''");
        engine.call(conn, "close");
        assertTrue(ncat.waitFor(10, TimeUnit.SECONDS));
    }

    @Test
    void theEngineConnectsToASocatEchoServer() throws Exception {
        int port = freeTcpPort();
        Process socat = start("socat", "TCP4-LISTEN:" + port + ",bind=127.0.0.1,reuseaddr", "PIPE");
        String c = socket(SockType.SOCK_STREAM);
        engine.call(c, "settimeout", PyValue.of(10));
        CallRecord connected = null;
        for (int attempt = 0; attempt < 50; attempt++) {   // socat needs a moment to listen
            connected = engine.call(c, "connect", SocketEngine.address("127.0.0.1", port));
            if (!connected.failed()) {
                break;
            }
            Thread.sleep(100);
        }
        assertEquals("None", connected.outcome());
        engine.call(c, "sendall", PyValue.of("echo me".getBytes(StandardCharsets.UTF_8)));
        assertEquals("b'echo me'", engine.call(c, "recv", PyValue.of(100)).outcome());
        assertEquals("('127.0.0.1', " + port + ")", engine.call(c, "getpeername").outcome());
        engine.call(c, "close");
        assertTrue(socat.waitFor(10, TimeUnit.SECONDS));
    }
}
