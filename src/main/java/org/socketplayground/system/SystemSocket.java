package org.socketplayground.system;

/**
 * One socket of the machine as {@code ss -tuxan} lists it: its kind ({@code udp}, {@code tcp}, {@code u_str},
 * {@code u_dgr}, {@code u_seq}), its state in ss's words, the bytes waiting in its queues and its two addresses. For a
 * listening TCP socket Recv-Q is the clients waiting for {@code accept()}. {@code inode} identifies it while it lives.
 *
 * @param recvQ bytes waiting to be read (for a listening socket, connections waiting), or -1 where the system does
 *              not say (Unix sockets in /proc/net/unix)
 * @param sendQ bytes waiting to be sent, or -1 where /proc/net does not say (a listening socket's backlog, which ss
 *              shows there, and Unix sockets)
 */
public record SystemSocket(String netid, String state, long recvQ, long sendQ, String local, String peer, long inode) {

    /** The Recv-Q column's text: empty where the system does not say. */
    public String recvQText() {
        return recvQ < 0 ? "" : Long.toString(recvQ);
    }

    /** The Send-Q column's text: empty where the system does not say. */
    public String sendQText() {
        return sendQ < 0 ? "" : Long.toString(sendQ);
    }

    /** Whether this is an Internet socket (udp or tcp) rather than a Unix one. */
    public boolean isInternet() {
        return netid.equals("udp") || netid.equals("tcp");
    }

    /** The port of the local address, or -1 (a Unix socket, or a port not chosen yet). */
    public int localPort() {
        return port(local);
    }

    /** The port of the peer address, or -1 (a Unix socket, or no peer). */
    public int peerPort() {
        return port(peer);
    }

    private int port(String address) {
        int colon = address.lastIndexOf(':');
        if (!isInternet() || colon < 0 || address.endsWith(":*")) {
            return -1;
        }
        return Integer.parseInt(address.substring(colon + 1));
    }
}
