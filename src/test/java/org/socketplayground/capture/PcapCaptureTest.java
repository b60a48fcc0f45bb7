package org.socketplayground.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.engine.Family;
import org.socketplayground.engine.SockType;
import org.socketplayground.engine.SocketEngine;
import org.socketplayground.engine.py.PyValue;
import org.socketplayground.robustness.ChildOutput;

/**
 * A capture of a UDP and a TCP conversation between the app's sockets and python3 peers, read back by tshark: the same
 * endpoints, lengths and payload bytes as the records, the TCP stream reassembled both ways, no checksum tshark
 * disputes and no TCP analysis warning (sequence and acknowledgement numbers consistent). An empty log is a valid
 * capture with no packets.
 */
class PcapCaptureTest {
    private final SocketEngine engine = new SocketEngine();
    private final List<CallRecord> records = new ArrayList<>();
    @TempDir
    Path dir;

    @AfterEach
    void close() {
        engine.close();
    }

    private CallRecord call(String target, String call, PyValue... args) {
        CallRecord r = engine.call(target, call, args);
        assertTrue(!r.failed(), r.toString());
        records.add(r);
        return r;
    }

    private String socket(SockType type) {
        return ((PyValue.SocketRef) call(SocketEngine.MODULE, "socket", Family.AF_INET.constant(), type.constant()).value()).id();
    }

    private long port(String id) {
        return ((PyValue.Int) engine.socket(id).orElseThrow().local().get(1)).value();
    }

    private static List<String> tshark(Path file, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("tshark", "-n", "-r", file.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "tshark finished");
        assertEquals(0, p.exitValue(), "tshark read the file: " + lines);
        return lines.stream().filter(l -> !l.startsWith("Running as user")).toList();
    }

    private Path write() throws IOException {
        PcapCapture.Result r = PcapCapture.of(records, engine.sockets());
        Path file = dir.resolve("capture.pcap");
        Files.write(file, r.file());
        return file;
    }

    @Test
    void aUdpAndATcpConversationReadBackByTshark() throws Exception {
        // UDP: a python3 peer sends to the app's socket, which answers it
        String udp = socket(SockType.SOCK_DGRAM);
        call(udp, "bind", SocketEngine.address("127.0.0.1", 0));
        try (ChildOutput peer = new ChildOutput("udp peer", new ProcessBuilder("python3", "-c", String.join("\n",
                "import socket, sys",
                "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)",
                "s.bind(('127.0.0.1', 0))",
                "print(s.getsockname()[1], flush=True)",
                "s.sendto(b'ping from python', ('127.0.0.1', int(sys.argv[1])))",
                "print(s.recv(100).decode(), flush=True)"), Long.toString(port(udp))).redirectErrorStream(true).start())) {
            long peerPort = Long.parseLong(peer.line());
            call(udp, "recvfrom", PyValue.of(1024));
            call(udp, "sendto", PyValue.of("pong".getBytes()), SocketEngine.address("127.0.0.1", peerPort));
            assertEquals("pong", peer.line());
        }
        // and two of the app's own sockets: the datagram is written once, from its send
        String other = socket(SockType.SOCK_DGRAM);
        call(other, "bind", SocketEngine.address("127.0.0.1", 0));
        call(other, "sendto", PyValue.of("between two app sockets".getBytes()), SocketEngine.address("127.0.0.1", port(udp)));
        call(udp, "recvfrom", PyValue.of(1024));

        // TCP: the app listens, a python3 client sends in two parts and closes; the app answers and closes
        String server = socket(SockType.SOCK_STREAM);
        call(server, "bind", SocketEngine.address("127.0.0.1", 0));
        call(server, "listen", PyValue.of(1));
        StringBuilder fromClient = new StringBuilder();
        try (ChildOutput client = new ChildOutput("tcp client", new ProcessBuilder("python3", "-c", String.join("\n",
                "import socket, sys, time",
                "c = socket.create_connection(('127.0.0.1', int(sys.argv[1])))",
                "c.sendall(b'GET / HTTP/1.0\\r\\n')",
                "time.sleep(0.1)",
                "c.sendall(b'\\r\\n')",
                "data = b''",
                "while True:",
                "    got = c.recv(100)",
                "    if not got: break",
                "    data += got",
                "print(data.decode(), flush=True)",
                "c.close()",
                "print('closed', flush=True)"), Long.toString(port(server))).redirectErrorStream(true).start())) {
            String conn = ((PyValue.SocketRef) ((PyValue.Tuple) call(server, "accept").value()).get(0)).id();
            while (fromClient.length() < 18) {
                fromClient.append(new String(((PyValue.Bytes) call(conn, "recv", PyValue.of(1024)).value()).value(), StandardCharsets.UTF_8));
            }
            call(conn, "sendall", PyValue.of("HTTP/1.0 200 OK".getBytes()));
            call(conn, "shutdown", PyValue.of(1));   // SHUT_WR: the client's recv loop ends
            assertEquals("HTTP/1.0 200 OK", client.line());
            assertEquals("closed", client.line());
            call(conn, "recv", PyValue.of(1024));   // b'': the client's FIN
            call(conn, "close");
        }
        assertEquals("GET / HTTP/1.0\r\n\r\n", fromClient.toString());

        Path file = write();
        long udpPort = port(udp);
        List<String> datagrams = tshark(file, "-Y", "udp", "-T", "fields", "-E", "separator=,", "-e", "ip.src", "-e", "udp.srcport",
                "-e", "ip.dst", "-e", "udp.dstport", "-e", "udp.length", "-e", "data.data");
        assertEquals(3, datagrams.size(), "three datagrams, the app-to-app one once: " + datagrams);
        assertTrue(datagrams.get(0).matches("127\\.0\\.0\\.1,\\d+,127\\.0\\.0\\.1," + udpPort + ",24,"
                + HexFormat.of().formatHex("ping from python".getBytes())), datagrams.get(0));
        assertTrue(datagrams.get(1).matches("127\\.0\\.0\\.1," + udpPort + ",127\\.0\\.0\\.1,\\d+,12," + HexFormat.of().formatHex("pong".getBytes())),
                datagrams.get(1));
        assertTrue(datagrams.get(2).startsWith("127.0.0.1," + port(other) + ",127.0.0.1," + udpPort + ",31,"), datagrams.get(2));

        // the TCP stream reassembled both ways, as Wireshark's Follow TCP Stream shows it
        String follow = String.join("\n", tshark(file, "-q", "-z", "follow,tcp,ascii,0"));
        assertTrue(follow.contains("GET / HTTP/1.0") && follow.contains("HTTP/1.0 200 OK"), follow);
        List<String> flags = tshark(file, "-Y", "tcp", "-T", "fields", "-e", "tcp.flags.str");
        assertTrue(flags.get(0).contains("S") && !flags.get(0).contains("A"), "a SYN first: " + flags);
        assertTrue(flags.stream().filter(f -> f.contains("F")).count() == 2, "a FIN each way: " + flags);
        // nothing tshark finds wrong: checksums, sequence and acknowledgement numbers
        List<String> wrong = tshark(file, "-o", "tcp.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE",
                "-o", "ip.check_checksum:TRUE", "-Y",
                "tcp.checksum.status == 0 || udp.checksum.status == 0 || ip.checksum.status == 0 || _ws.malformed || _ws.expert.severity >= warning");
        assertEquals(List.of(), wrong, "no bad checksum, malformed packet or analysis warning");
    }

    @Test
    void anEmptyLogIsACaptureWithNoPackets() throws Exception {
        Path file = write();
        assertEquals(24, Files.size(file), "the file's header only");
        assertEquals(List.of(), tshark(file));
    }
}
