package org.socketplayground.system;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every UDP, TCP and Unix socket of the machine, read from {@code /proc/net/{udp,udp6,tcp,tcp6,unix}} and written as
 * {@code ss -tuxan} writes them. Plain files, no privileges needed; on a system without /proc/net (not Linux) it
 * says so through {@link #available()}.
 */
public final class ProcNet {
    private static final Map<Integer, String> TCP_STATES = Map.ofEntries(Map.entry(0x01, "ESTAB"),
            Map.entry(0x02, "SYN-SENT"), Map.entry(0x03, "SYN-RECV"), Map.entry(0x04, "FIN-WAIT-1"),
            Map.entry(0x05, "FIN-WAIT-2"), Map.entry(0x06, "TIME-WAIT"), Map.entry(0x07, "UNCONN"),
            Map.entry(0x08, "CLOSE-WAIT"), Map.entry(0x09, "LAST-ACK"), Map.entry(0x0A, "LISTEN"),
            Map.entry(0x0B, "CLOSING"), Map.entry(0x0C, "NEW-SYN-RECV"));
    /** The socket is listening (__SO_ACCEPTCON in /proc/net/unix's Flags). */
    private static final int UNIX_ACCEPTCON = 0x10000;

    private final Path dir;

    /** The machine's own: /proc/net. */
    public ProcNet() {
        this(Path.of("/proc/net"));
    }

    /** Files of the same form in another folder (tests). */
    public ProcNet(Path dir) {
        this.dir = dir;
    }

    /** Whether this system lists its sockets in /proc/net at all. */
    public boolean available() {
        return Files.isReadable(dir.resolve("tcp"));
    }

    /** Every socket, UDP first, then TCP, then Unix, each in the order the kernel lists them. */
    public List<SystemSocket> read() throws IOException {
        List<SystemSocket> all = new ArrayList<>();
        inet("udp", "udp", all);
        inet("udp6", "udp", all);
        inet("tcp", "tcp", all);
        inet("tcp6", "tcp", all);
        unix(all);
        return all;
    }

    private List<String> lines(String file) throws IOException {
        try {
            return Files.readAllLines(dir.resolve(file), StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            return List.of();   // a kernel without IPv6 has no tcp6
        }
    }

    private void inet(String file, String netid, List<SystemSocket> out) throws IOException {
        List<String> lines = lines(file);
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).trim().split("\\s+");
            if (f.length < 10) {
                continue;
            }
            try {
                out.add(inetSocket(netid, f));
            } catch (RuntimeException e) {
                // a line of a form this reader does not know: the others still show
            }
        }
    }

    /** A line's fields: sl, local, remote, st, tx_queue:rx_queue, tr, tm->when, retrnsmt, uid, timeout, inode. */
    private static SystemSocket inetSocket(String netid, String[] f) {
        int st = Integer.parseInt(f[3], 16);
        String state = netid.equals("udp") ? (st == 0x01 ? "ESTAB" : "UNCONN") : TCP_STATES.getOrDefault(st, "UNKNOWN");
        String[] queues = f[4].split(":");
        // A listening socket's Send-Q is its backlog in ss, which only netlink tells: left blank rather than a false 0.
        long sendQ = st == 0x0A && netid.equals("tcp") ? -1 : Long.parseLong(queues[0], 16);
        return new SystemSocket(netid, state, Long.parseLong(queues[1], 16), sendQ,
                address(f[1], false), address(f[2], true), Long.parseLong(f[9]));
    }

    /**
     * An address as the kernel writes it, {@code 0100007F:1F90}: the IP in 32-bit words of the machine's byte order
     * (little-endian on x86 and ARM), the port in hex. ss's way: {@code 127.0.0.1:8080}, {@code [::1]:8080}, and
     * {@code *} for the port of a peer that is not there.
     */
    static String address(String field, boolean peer) {
        int colon = field.indexOf(':');
        String hex = field.substring(0, colon);
        int port = Integer.parseInt(field.substring(colon + 1), 16);
        byte[] ip = new byte[hex.length() / 2];
        for (int word = 0; word < ip.length / 4; word++) {
            for (int b = 0; b < 4; b++) {
                int at = word * 8 + (3 - b) * 2;
                ip[word * 4 + b] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        String host;
        try {
            InetAddress a = InetAddress.getByAddress(ip);
            if (ip.length == 4) {
                host = a.getHostAddress();
            } else if (a instanceof java.net.Inet4Address) {
                host = "[::ffff:" + a.getHostAddress() + "]";   // Java unmaps an IPv4-mapped address; ss does not
            } else {
                host = "[" + compress(a.getHostAddress()) + "]";
            }
        } catch (UnknownHostException e) {
            host = hex;   // not 4 or 16 bytes: show what the kernel wrote
        }
        return host + ":" + (port == 0 && peer ? "*" : Integer.toString(port));
    }

    /** Java writes 0:0:0:0:0:0:0:1; ss (and Python) write ::1, the longest run of zero groups as "::". */
    private static String compress(String full) {
        String[] groups = full.split(":");
        int bestAt = -1;
        int bestLength = 1;   // a single zero group stays
        for (int i = 0; i < groups.length; i++) {
            int run = 0;
            while (i + run < groups.length && groups[i + run].equals("0")) {
                run++;
            }
            if (run > bestLength) {
                bestAt = i;
                bestLength = run;
            }
        }
        if (bestAt < 0) {
            return full;
        }
        return String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestAt)) + "::"
                + String.join(":", java.util.Arrays.copyOfRange(groups, bestAt + bestLength, groups.length));
    }

    private void unix(List<SystemSocket> out) throws IOException {
        List<String> lines = lines("unix");
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).trim().split("\\s+", 8);
            if (f.length < 7) {
                continue;
            }
            try {
                out.add(unixSocket(f));
            } catch (RuntimeException e) {
                // a line of a form this reader does not know: the others still show
            }
        }
    }

    /** A line's fields: Num, RefCount, Protocol, Flags, Type, St, Inode, and Path when it has one. */
    private static SystemSocket unixSocket(String[] f) {
        int flags = Integer.parseInt(f[3], 16);
        String netid = switch (Integer.parseInt(f[4], 16)) {
            case 1 -> "u_str";
            case 2 -> "u_dgr";
            case 5 -> "u_seq";
            default -> "u_" + f[4];
        };
        int st = Integer.parseInt(f[5], 16);
        String state = (flags & UNIX_ACCEPTCON) != 0 ? "LISTEN" : st == 3 ? "ESTAB" : st == 2 ? "SYN-SENT" : "UNCONN";
        String path = f.length == 8 ? f[7] : "*";
        return new SystemSocket(netid, state, -1, -1, path, "*", Long.parseLong(f[6]));
    }
}
