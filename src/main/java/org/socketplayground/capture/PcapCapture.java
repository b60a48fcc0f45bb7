package org.socketplayground.capture;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.engine.SockType;
import org.socketplayground.engine.SocketInfo;
import org.socketplayground.engine.UnixAddresses;
import org.socketplayground.engine.py.PyValue;

/**
 * The records' datagrams and stream segments as a classic pcap file (link type LINKTYPE_RAW, 101) that Wireshark and
 * tshark open: synthesised IPv4 or IPv6 headers, UDP and TCP headers with their checksums, TCP with a handshake for
 * each connection, consistent sequence and acknowledgement numbers, and a FIN for each shutdown and close; the real
 * times and payloads. What one app socket sent to another is written once, from its send: the receive that took it
 * would be the same packet again. AF_UNIX traffic has no IP form; it is left out and counted. No library: pcap4j and
 * jnetpcap need the native libpcap for writing, and this is a few headers.
 */
public final class PcapCapture {
    /** LINKTYPE_RAW: each packet begins with its IP header. */
    static final int LINKTYPE_RAW = 101;
    /** The largest packet a capture holds; a larger send is cut into segments of a TCP's size. */
    private static final int SNAPLEN = 262_144;
    /** The most a TCP segment here carries (an IPv4 packet's length is 16 bits). */
    private static final int SEGMENT = 65_000;
    private static final int TCP_SYN = 0x02;
    private static final int TCP_FIN = 0x01;
    private static final int TCP_PSH_ACK = 0x18;
    private static final int TCP_ACK = 0x10;

    /** What the capture holds, and what it left out. */
    public record Result(byte[] file, int packets, int unixLeftOut) {
    }

    /** One direction of a TCP connection: the next sequence number. */
    private static final class Flow {
        long next;

        Flow(long isn) {
            this.next = isn;
        }
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Map<String, SockType> types = new HashMap<>();
    /** The addresses of the app's own sockets (host:port, and *:port for a socket on every interface). */
    private final Set<String> appAddresses = new HashSet<>();
    private final Map<String, Flow> flows = new HashMap<>();
    /** A stream socket's own address and its peer, for its close. */
    private final Map<String, PyValue.Tuple[]> connections = new HashMap<>();
    /** Stream sockets that connected (the client of their connection) and that accept() made (the server's side). */
    private final Set<String> clients = new HashSet<>();
    private final Set<String> accepted = new HashSet<>();
    private final Set<String> finished = new HashSet<>();
    private final Map<String, SocketInfo> now = new HashMap<>();
    private int packets;
    private int unix;
    private int ipId = 1;

    private PcapCapture(List<SocketInfo> sockets) {
        for (SocketInfo s : sockets) {
            types.put(s.id(), s.type());
            now.put(s.id(), s);
            if (s.local() != null && !UnixAddresses.isUnix(s.local())) {
                appAddresses.add(addressKey(s.local()));
            }
        }
    }

    /** The capture of these records (oldest first), the app's sockets as they are now telling the app's own addresses. */
    public static Result of(List<CallRecord> records, List<SocketInfo> sockets) {
        PcapCapture c = new PcapCapture(sockets);
        for (CallRecord r : records) {   // the app's own addresses first: a receive from one of them is written from its send
            c.learn(r);
        }
        c.header();
        for (CallRecord r : records) {
            c.write(r);
        }
        return new Result(c.out.toByteArray(), c.packets, c.unix);
    }

    private void learn(CallRecord r) {
        if (r.failed() || r.socketId() == null || r.isModuleCall()) {
            return;
        }
        PyValue.Tuple own = isSend(r.call()) ? r.source() : r.receivedData() != null || r.call().equals("accept") ? r.destination() : null;
        if (own != null && !UnixAddresses.isUnix(own)) {
            appAddresses.add(addressKey(own));
        }
        if (r.call().equals("accept") && r.value() instanceof PyValue.Tuple t && t.get(0) instanceof PyValue.SocketRef conn) {
            types.put(conn.id(), SockType.SOCK_STREAM);
            accepted.add(conn.id());
        }
        if (r.call().equals("connect") && types.get(r.socketId()) == SockType.SOCK_STREAM) {
            clients.add(r.socketId());
        }
    }

    private void header() {
        ByteBuffer b = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(SNAPLEN).putInt(LINKTYPE_RAW);
        out.writeBytes(b.array());
    }

    private void write(CallRecord r) {
        if (r.failed() || r.isPending() || r.socketId() == null || r.isModuleCall() || r.isLabChange()) {
            return;
        }
        boolean stream = types.get(r.socketId()) == SockType.SOCK_STREAM;
        Instant at = r.time().plusNanos(r.durationNanos());
        PyValue.Bytes received = r.isLabDrop() ? null : r.receivedData();
        PyValue.Bytes sent = isSend(r.call()) && !r.args().isEmpty() && r.args().get(0) instanceof PyValue.Bytes b ? b : null;
        if (r.isLabDrop()) {
            received = (PyValue.Bytes) r.value();   // it crossed the network; the lab dropped it inside the app
        }
        PyValue.Tuple from;
        PyValue.Tuple to;
        byte[] data;
        if (sent != null && r.source() != null && r.destination() != null) {
            from = r.source();
            to = r.destination();
            data = sent.value();
        } else if (received != null && r.source() != null && r.destination() != null) {
            if (!UnixAddresses.isUnix(r.source()) && isApp(r.source())) {
                return;   // written from the app socket's send
            }
            from = r.source();
            to = r.destination();
            data = received.value();
        } else if (stream && r.call().equals("connect")) {
            // Both addresses, if the socket still has them; else the handshake comes with the connection's first packet.
            SocketInfo info = now.get(r.socketId());
            if (info != null && info.local() != null && info.peer() != null && !UnixAddresses.isUnix(info.local())) {
                PyValue.Tuple own = concrete(info.local(), info.peer());
                connections.put(r.socketId(), new PyValue.Tuple[] {own, info.peer()});
                handshake(own, info.peer(), at);
            }
            return;
        } else if (r.call().equals("accept") && r.source() != null && r.destination() != null
                && !UnixAddresses.isUnix(r.source()) && !isApp(r.source())) {
            handshake(r.source(), r.destination(), at);
            return;
        } else if (stream && (r.call().equals("close") || r.call().equals("shutdown")) && connections.containsKey(r.socketId())) {
            String how = r.call().equals("close") ? "" : r.args().get(0).source();
            boolean readOnly = how.endsWith("SHUT_RD") || how.equals("0");
            if (!readOnly && finished.add(r.socketId())) {   // one FIN: a close after shutdown(SHUT_WR) sends none
                PyValue.Tuple[] c = connections.get(r.socketId());
                segment(c[0], c[1], new byte[0], TCP_FIN | TCP_ACK, at);
            }
            return;
        } else {
            return;
        }
        if (UnixAddresses.isUnix(from) || UnixAddresses.isUnix(to)) {
            unix++;
            return;
        }
        from = concrete(from, to);
        to = concrete(to, from);
        if (stream) {
            PyValue.Tuple own = sent != null ? from : to;
            PyValue.Tuple peer = sent != null ? to : from;
            connections.put(r.socketId(), new PyValue.Tuple[] {own, peer});
            if (clients.contains(r.socketId())) {
                handshake(own, peer, at);
            } else if (accepted.contains(r.socketId())) {
                handshake(peer, own, at);
            } else {
                handshake(from, to, at);
            }
            if (data.length == 0) {   // recv returned b'': the peer's FIN
                segment(from, to, data, TCP_FIN | TCP_ACK, at);
            }
            for (int off = 0; off < data.length; off += SEGMENT) {
                segment(from, to, java.util.Arrays.copyOfRange(data, off, Math.min(data.length, off + SEGMENT)), TCP_PSH_ACK, at);
            }
        } else {
            udp(from, to, data, at);
        }
    }

    // ---------------------------------------------------------------- packets

    private void udp(PyValue.Tuple from, PyValue.Tuple to, byte[] data, Instant at) {
        int length = Math.min(data.length, 65_507);   // the most a UDP datagram carries over IPv4
        ByteBuffer u = ByteBuffer.allocate(8 + length);
        u.putShort((short) port(from)).putShort((short) port(to)).putShort((short) (8 + length)).putShort((short) 0);
        u.put(data, 0, length);
        packet(from, to, 17, u.array(), 6, at);
    }

    /** The three-way handshake of a connection not seen before, client first. */
    private void handshake(PyValue.Tuple client, PyValue.Tuple server, Instant at) {
        String key = flowKey(client, server);
        if (flows.containsKey(key) || flows.containsKey(flowKey(server, client))) {
            return;
        }
        flows.put(key, new Flow(isn(client)));
        flows.put(flowKey(server, client), new Flow(isn(server)));
        segment(client, server, new byte[0], TCP_SYN, at);
        segment(server, client, new byte[0], TCP_SYN | TCP_ACK, at);
        segment(client, server, new byte[0], TCP_ACK, at);
    }

    private void segment(PyValue.Tuple from, PyValue.Tuple to, byte[] data, int flags, Instant at) {
        Flow out = flows.get(flowKey(from, to));
        Flow back = flows.get(flowKey(to, from));
        if (out == null || back == null) {
            return;
        }
        ByteBuffer t = ByteBuffer.allocate(20 + data.length);
        t.putShort((short) port(from)).putShort((short) port(to)).putInt((int) out.next)
                .putInt((flags & TCP_ACK) != 0 ? (int) back.next : 0)
                .put((byte) (5 << 4)).put((byte) flags).putShort((short) 65_535).putShort((short) 0).putShort((short) 0);
        t.put(data);
        out.next += data.length + ((flags & (TCP_SYN | TCP_FIN)) != 0 ? 1 : 0);
        packet(from, to, 6, t.array(), 16, at);
    }

    /** An IP packet around the transport header and data, the transport's checksum filled in at its offset. */
    private void packet(PyValue.Tuple from, PyValue.Tuple to, int protocol, byte[] transport, int checksumAt, Instant at) {
        byte[] src = ip(from);
        byte[] dst = ip(to);
        if (src.length != dst.length) {
            dst = src.length == 16 ? mapped(dst) : dst;
            src = dst.length == 16 && src.length == 4 ? mapped(src) : src;
        }
        int sum = checksum(pseudo(src, dst, protocol, transport.length), transport);
        if (protocol == 17 && sum == 0) {
            sum = 0xffff;   // UDP writes a computed 0 as all ones; 0 means no checksum
        }
        transport[checksumAt] = (byte) (sum >> 8);
        transport[checksumAt + 1] = (byte) sum;
        ByteBuffer p;
        if (src.length == 4) {
            p = ByteBuffer.allocate(20 + transport.length);
            p.put((byte) 0x45).put((byte) 0).putShort((short) (20 + transport.length)).putShort((short) ipId++)
                    .putShort((short) 0x4000).put((byte) 64).put((byte) protocol).putShort((short) 0).put(src).put(dst);
            int ipSum = checksum(new byte[0], java.util.Arrays.copyOf(p.array(), 20));
            p.putShort(10, (short) ipSum);
        } else {
            p = ByteBuffer.allocate(40 + transport.length);
            p.putInt(0x6000_0000).putShort((short) transport.length).put((byte) protocol).put((byte) 64).put(src).put(dst);
        }
        p.put(transport);
        byte[] bytes = p.array();
        ByteBuffer rec = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        rec.putInt((int) at.getEpochSecond()).putInt(at.getNano() / 1000).putInt(bytes.length).putInt(bytes.length);
        out.writeBytes(rec.array());
        out.writeBytes(bytes);
        packets++;
    }

    private static byte[] pseudo(byte[] src, byte[] dst, int protocol, int length) {
        ByteBuffer b = ByteBuffer.allocate(src.length * 2 + (src.length == 4 ? 4 : 8));
        b.put(src).put(dst);
        if (src.length == 4) {
            b.put((byte) 0).put((byte) protocol).putShort((short) length);
        } else {
            b.putInt(length).put(new byte[3]).put((byte) protocol);
        }
        return b.array();
    }

    /** The Internet checksum (RFC 1071) of two byte runs, one after the other; the first is of even length. */
    static int checksum(byte[] first, byte[] second) {
        long sum = 0;
        byte[][] parts = {first, second};
        for (byte[] part : parts) {
            for (int i = 0; i < part.length; i += 2) {
                int hi = part[i] & 0xff;
                int lo = i + 1 < part.length ? part[i + 1] & 0xff : 0;
                sum += (hi << 8) | lo;
            }
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) (~sum & 0xffff);
    }

    // ---------------------------------------------------------------- addresses

    private static boolean isSend(String call) {
        return call.equals("send") || call.equals("sendto") || call.equals("sendall");
    }

    private boolean isApp(PyValue.Tuple address) {
        return appAddresses.contains(addressKey(address)) || isLocal(host(address)) && appAddresses.contains("*:" + port(address));
    }

    private static String addressKey(PyValue.Tuple a) {
        String host = host(a);
        return (host.equals("0.0.0.0") || host.equals("::") || host.isEmpty() ? "*" : host) + ":" + port(a);
    }

    /** A socket on every interface sends from a real address: the loopback one to loopback, else the other end's kind. */
    private static PyValue.Tuple concrete(PyValue.Tuple a, PyValue.Tuple other) {
        String host = host(a);
        if (!(host.equals("0.0.0.0") || host.equals("::") || host.isEmpty())) {
            return a;
        }
        String otherHost = host(other);
        String real = isLoopback(otherHost) ? otherHost : a.size() > 2 ? "::1" : "127.0.0.1";
        return PyValue.tuple(PyValue.of(real), a.get(1));
    }

    private static boolean isLoopback(String host) {
        return host.startsWith("127.") || host.equals("::1");
    }

    private static boolean isLocal(String host) {
        return isLoopback(host) || host.equals("localhost");
    }

    private static String host(PyValue.Tuple a) {
        return a.get(0) instanceof PyValue.Str s ? s.value() : "";
    }

    private static int port(PyValue.Tuple a) {
        return (int) ((PyValue.Int) a.get(1)).value();
    }

    private static byte[] ip(PyValue.Tuple a) {
        String host = host(a);
        try {
            return InetAddress.getByName(host.contains("%") ? host.substring(0, host.indexOf('%')) : host).getAddress();
        } catch (UnknownHostException e) {
            return new byte[4];   // records hold numeric addresses; a name that is not is left 0.0.0.0
        }
    }

    private static byte[] mapped(byte[] v4) {
        if (v4.length == 16) {
            return v4;
        }
        byte[] v6 = new byte[16];
        v6[10] = (byte) 0xff;
        v6[11] = (byte) 0xff;
        System.arraycopy(v4, 0, v6, 12, 4);
        return v6;
    }

    private static String flowKey(PyValue.Tuple from, PyValue.Tuple to) {
        return host(from) + ":" + port(from) + ">" + host(to) + ":" + port(to);
    }

    /** A connection's first sequence number, the same for the same address in every export. */
    private static long isn(PyValue.Tuple a) {
        return (flowKey(a, a).hashCode() * 2_654_435_761L) & 0xffff_ffffL;
    }
}
