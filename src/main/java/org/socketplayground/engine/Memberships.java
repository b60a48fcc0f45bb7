package org.socketplayground.engine;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.nio.channels.MembershipKey;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.socketplayground.engine.py.PyValue;

/**
 * The multicast groups one UDP socket has joined, through setsockopt() as Python programs join them: IP_ADD_MEMBERSHIP
 * and IP_DROP_MEMBERSHIP with an ip_mreq ({@code struct.pack('4s4s', group, interface)}) or ip_mreqn, IPV6_JOIN_GROUP
 * and IPV6_LEAVE_GROUP with an ipv6_mreq ({@code struct.pack('16sI', group, ifindex)}). Each becomes the JDK's
 * {@link DatagramChannel#join}, with Linux's errors: EADDRINUSE for a group joined twice, EADDRNOTAVAIL for one not
 * joined, EINVAL for an address that is no group, ENODEV for an interface the machine lacks.
 */
final class Memberships {
    static final int IP_ADD_MEMBERSHIP = 35;
    static final int IP_DROP_MEMBERSHIP = 36;
    static final int IPV6_JOIN_GROUP = 20;
    static final int IPV6_LEAVE_GROUP = 21;

    /** Joined groups by "group%interface", in the order they were joined. */
    private final Map<String, MembershipKey> joined = new ConcurrentHashMap<>();

    /** Whether (level, name) joins or leaves a group. */
    static boolean isMembership(long level, long name) {
        return level == SocketOptions.IPPROTO_IP && (name == IP_ADD_MEMBERSHIP || name == IP_DROP_MEMBERSHIP)
                || level == SocketOptions.IPPROTO_IPV6 && (name == IPV6_JOIN_GROUP || name == IPV6_LEAVE_GROUP);
    }

    /** setsockopt(level, name, mreq) on this UDP socket's channel. */
    void set(DatagramChannel channel, long level, long name, PyValue value) throws PyException, IOException {
        byte[] mreq = value instanceof PyValue.Int ? new byte[4] : Args.bytesLike(value);   // an int is 4 bytes: too short
        boolean v6 = level == SocketOptions.IPPROTO_IPV6;
        if (mreq.length < (v6 ? 20 : 8)) {
            throw Errno.EINVAL.exception();
        }
        InetAddress group = InetAddress.getByAddress(Arrays.copyOf(mreq, v6 ? 16 : 4));
        if (!group.isMulticastAddress()) {
            throw Errno.EINVAL.exception();
        }
        NetworkInterface nif = v6 ? byIndex(littleEndianInt(mreq, 16)) : ipv4Interface(mreq);
        String key = group.getHostAddress() + "%" + nif.getName();
        boolean join = name == IP_ADD_MEMBERSHIP || name == IPV6_JOIN_GROUP;
        if (join) {
            if (joined.containsKey(key)) {
                throw Errno.EADDRINUSE.exception();   // the JDK would hand back the same membership
            }
            joined.put(key, channel.join(group, nif));
        } else {
            MembershipKey k = joined.remove(key);
            if (k == null) {
                throw Errno.EADDRNOTAVAIL.exception();
            }
            k.drop();
        }
    }

    /** Forgets the groups of a channel that closed, and with it left them. */
    void clear() {
        joined.clear();
    }

    /** The groups joined, as the socket table lists them: {@code 239.1.2.3 on lo}. */
    List<String> groups() {
        return joined.keySet().stream().sorted().map(k -> k.replace("%", " on ")).toList();
    }

    /** ip_mreqn's interface index where it has one, else ip_mreq's interface address, else the group's route. */
    private static NetworkInterface ipv4Interface(byte[] mreq) throws PyException, IOException {
        if (mreq.length >= 12 && littleEndianInt(mreq, 8) != 0) {
            return byIndex(littleEndianInt(mreq, 8));
        }
        InetAddress address = InetAddress.getByAddress(Arrays.copyOfRange(mreq, 4, 8));
        if (address.isAnyLocalAddress()) {
            return byIndex(0);
        }
        NetworkInterface nif = NetworkInterface.getByInetAddress(address);
        if (nif == null) {
            throw Errno.ENODEV.exception();
        }
        return nif;
    }

    /** An interface by index; 0 is the one the default route leaves by, as Linux routes a group with no interface. */
    private static NetworkInterface byIndex(int index) throws PyException, IOException {
        NetworkInterface nif = index != 0 ? NetworkInterface.getByIndex(index)
                : NetworkInterface.getByName(org.socketplayground.system.Interfaces.defaultRouteInterface());
        if (nif == null) {
            throw Errno.ENODEV.exception();
        }
        return nif;
    }

    private static int littleEndianInt(byte[] b, int at) {
        return ByteBuffer.wrap(b, at, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    /**
     * A membership request as a Python program builds it, for the Python pane: {@code struct.pack('4s4s',
     * socket.inet_aton('239.1.2.3'), socket.inet_aton('127.0.0.1'))}, or {@code struct.pack('16sI', ...)} for IPv6;
     * null for bytes of another shape.
     */
    static String source(long level, long name, byte[] mreq) {
        try {
            if (level == SocketOptions.IPPROTO_IP && mreq.length == 8) {
                return "struct.pack('4s4s', socket.inet_aton('" + InetAddress.getByAddress(Arrays.copyOf(mreq, 4)).getHostAddress()
                        + "'), socket.inet_aton('" + InetAddress.getByAddress(Arrays.copyOfRange(mreq, 4, 8)).getHostAddress() + "'))";
            }
            if (level == SocketOptions.IPPROTO_IPV6 && mreq.length == 20) {
                return "struct.pack('16sI', socket.inet_pton(socket.AF_INET6, '" + Addresses.ipv6Text(Arrays.copyOf(mreq, 16))
                        + "'), " + littleEndianInt(mreq, 16) + ")";
            }
        } catch (UnknownHostException e) {
            return null;
        }
        return null;
    }
}
