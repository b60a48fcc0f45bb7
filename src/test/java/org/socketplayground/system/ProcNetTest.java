package org.socketplayground.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The machine's sockets as ss lists them: the kernel's files decoded, and the live machine checked against ss itself. */
class ProcNetTest {

    @Test
    void decodesTheKernelsAddressesStatesAndQueuesAsSsWritesThemAndSkipsALineItCannotRead(@TempDir Path dir) throws IOException {
        String header = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";
        Files.writeString(dir.resolve("udp"), header
                + "  12: 0100007F:1388 00000000:0000 07 00000000:00000A80 00:00000000 00000000  1000        0 4242 2 0 0\n"
                + "  13: 0100007F:1389 0100007F:270F 01 00000000:00000000 00:00000000 00000000  1000        0 4243 2 0 0\n"
                + "  14: garbled:zz 00000000:0000 07 00000000:00000000 00:00000000 00000000  1000        0 1 2 0 0\n");
        Files.writeString(dir.resolve("tcp"), header
                + "   0: 00000000:1F90 00000000:0000 0A 00000000:00000002 00:00000000 00000000     0        0 1669 1 0 100 0 0 10 0\n"
                + "   1: 0100007F:B7E9 0100007F:1F90 06 00000000:00000000 03:0000132E 00000000     0        0 0 3 0\n");
        Files.writeString(dir.resolve("tcp6"), header
                + "   0: 00000000000000000000000001000000:1F91 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 7 1 0\n"
                + "   1: 0000000000000000FFFF00000100007F:A9CD 0000000000000000FFFF00000100007F:1F90 01 00000010:00000000 00:00000000 00000000 0 0 8 1 0\n"
                + "   2: 000080FE00000000FF0E0D02FEF102FE:0016 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 9 1 0\n");
        Files.writeString(dir.resolve("unix"), "Num       RefCount Protocol Flags    Type St Inode Path\n"
                + "0000000072b7374d: 00000002 00000000 00010000 0001 01 16294 /run/app.sock\n"
                + "00000000d225c818: 00000002 00000000 00000000 0002 01 16118 @playground\n"
                + "00000000d225c819: 00000003 00000000 00000000 0001 03 16119\n");

        List<SystemSocket> all = new ProcNet(dir).read();

        assertEquals(List.of(
                new SystemSocket("udp", "UNCONN", 2688, 0, "127.0.0.1:5000", "0.0.0.0:*", 4242),
                new SystemSocket("udp", "ESTAB", 0, 0, "127.0.0.1:5001", "127.0.0.1:9999", 4243),
                new SystemSocket("tcp", "LISTEN", 2, -1, "0.0.0.0:8080", "0.0.0.0:*", 1669),
                new SystemSocket("tcp", "TIME-WAIT", 0, 0, "127.0.0.1:47081", "127.0.0.1:8080", 0),
                new SystemSocket("tcp", "LISTEN", 0, -1, "[::1]:8081", "[::]:*", 7),
                new SystemSocket("tcp", "ESTAB", 0, 16, "[::ffff:127.0.0.1]:43469", "[::ffff:127.0.0.1]:8080", 8),
                new SystemSocket("tcp", "LISTEN", 0, -1, "[fe80::20d:eff:fe02:f1fe]:22", "[::]:*", 9),
                new SystemSocket("u_str", "LISTEN", -1, -1, "/run/app.sock", "*", 16294),
                new SystemSocket("u_dgr", "UNCONN", -1, -1, "@playground", "*", 16118),
                new SystemSocket("u_str", "ESTAB", -1, -1, "*", "*", 16119)), all);
        assertEquals("", all.get(2).sendQText(), "a listening socket's backlog is not in /proc/net: blank, not 0");
        assertEquals(8080, all.get(2).localPort());
        assertEquals(-1, all.get(2).peerPort());
    }

    @Test
    void aSystemWithoutProcNetSaysSo(@TempDir Path dir) {
        assertTrue(!new ProcNet(dir.resolve("none")).available());
        assertTrue(new ProcNet().available(), "this Linux machine lists its sockets in /proc/net");
    }

    /**
     * Real sockets on loopback: a UDP socket with three unread datagrams, a connected UDP socket, a listener with a
     * client waiting for accept(), a connection both ways, over IPv4 and IPv6; each row as ss -tuan prints it.
     */
    @Test
    void theLiveMachineReadsAsSsPrintsIt() throws Exception {
        try (DatagramChannel quiet = DatagramChannel.open(StandardProtocolFamily.INET);
             DatagramChannel talker = DatagramChannel.open(StandardProtocolFamily.INET);
             DatagramChannel six = DatagramChannel.open(StandardProtocolFamily.INET6);
             ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.INET);
             SocketChannel waiting = SocketChannel.open(StandardProtocolFamily.INET)) {
            quiet.bind(new InetSocketAddress("127.0.0.1", 0));
            talker.bind(new InetSocketAddress("127.0.0.1", 0));
            talker.connect(quiet.getLocalAddress());
            six.bind(new InetSocketAddress("::1", 0));
            for (int i = 0; i < 3; i++) {
                talker.write(ByteBuffer.wrap("hello".getBytes(StandardCharsets.US_ASCII)));
            }
            listener.bind(new InetSocketAddress("127.0.0.1", 0), 5);
            waiting.connect(listener.getLocalAddress());   // completed by the kernel, not accepted yet
            // By whole local address, and never a TIME-WAIT (none of these is closed): another test's closed connection
            // may still hold one of these ports.
            List<String> locals = List.of("127.0.0.1:" + port(quiet), "127.0.0.1:" + port(talker), "[::1]:" + port(six),
                    "127.0.0.1:" + port(listener), "127.0.0.1:" + port(waiting));

            Predicate<SystemSocket> ours = s -> locals.contains(s.local()) && !s.state().equals("TIME-WAIT");
            List<String> fromSs = List.of();
            List<String> fromProc = List.of();
            // The two reads are moments apart: read both again until they agree (a datagram or a SYN may land between).
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                fromSs = ss(locals);
                fromProc = new ProcNet().read().stream().filter(ours).map(ProcNetTest::asSs).sorted().toList();
                if (fromSs.equals(fromProc)) {
                    break;
                }
            }
            assertEquals(fromSs, fromProc);
            assertEquals(6, fromProc.size(), String.join("\n", fromProc));
            String quietAt = "127.0.0.1:" + port(quiet);
            assertTrue(fromProc.stream().anyMatch(r -> r.startsWith("udp UNCONN ") && r.contains(quietAt)
                    && !r.startsWith("udp UNCONN 0 ")), "three unread datagrams show in Recv-Q: " + fromProc);
            String connected = "udp ESTAB 0 127.0.0.1:" + port(talker) + " " + quietAt;
            assertTrue(fromProc.contains(connected), "a connected UDP socket: " + fromProc);
            assertTrue(fromProc.stream().anyMatch(r -> r.startsWith("tcp LISTEN 1 ")), "a client waits for accept(): " + fromProc);
        }
    }

    private static int port(java.nio.channels.NetworkChannel ch) throws IOException {
        return ((InetSocketAddress) ch.getLocalAddress()).getPort();
    }

    /** A row as "netid state recv-q local peer": ss's Send-Q of a listener is its backlog, which /proc/net lacks. */
    private static String asSs(SystemSocket s) {
        return s.netid() + " " + s.state() + " " + s.recvQ() + " " + s.local() + " " + s.peer();
    }

    /** ss -tuanH's rows for sockets on these local addresses, as {@link #asSs}. */
    private static List<String> ss(List<String> locals) throws Exception {
        Process p = new ProcessBuilder("ss", "-tuanH").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0, out);
        List<String> rows = new ArrayList<>();
        for (String line : out.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 6) {
                continue;
            }
            String local = f[4];
            if (locals.contains(local) && !f[1].equals("TIME-WAIT")) {
                // ss writes an IPv6 listener's missing peer as *:*, a UDP one's as [::]:*: the table always as the latter
                String peer = f[5].equals("*:*") ? "[::]:*" : f[5];
                rows.add(f[0] + " " + f[1] + " " + f[2] + " " + local + " " + peer);
            }
        }
        rows.sort(null);
        return rows;
    }
}
