package org.socketplayground.ui.session;

import org.socketplayground.engine.CallRecord;
import org.socketplayground.engine.PyError;
import org.socketplayground.engine.py.PyValue;

/** A plain-words line for each outcome a student meets, and a hint where one helps. */
public final class Explanations {

    public record Explanation(String meaning, String hint) {
    }

    private Explanations() {
    }

    public static Explanation of(CallRecord r) {
        if (r.isPending()) {
            return new Explanation(r.call() + "() is waiting: a blocking call returns only when the network gives it something.",
                    "Send it something from another socket, or press Esc to abandon the call.");
        }
        PyError e = r.error();
        if (e == null) {
            return success(r);
        }
        String call = r.call();
        if (e.type().equals("socket.gaierror")) {
            return e.errno() != null && e.errno() == -9
                    ? new Explanation("That address belongs to the other family (IPv4 vs IPv6).",
                            "An AF_INET socket takes addresses like 127.0.0.1; an AF_INET6 socket takes ::1.")
                    : looksLikeIpv4(r)
                    ? new Explanation("That is not an IPv4 address: each of the four numbers goes from 0 to 255, so the resolver"
                            + " took it for a name, and found no such host.", "Use an address such as 127.0.0.1.")
                    : new Explanation("The resolver found no such host.", "Check the spelling, or use an address such as 127.0.0.1.");
        }
        if (e.errno() == null) {
            return switch (e.type()) {
                case "TimeoutError" -> new Explanation("Nothing came within the timeout, so " + call + "() gave up.",
                        "Send something first, or make the timeout longer.");
                case "KeyboardInterrupt" -> new Explanation("You abandoned the waiting call, as Ctrl+C would in Python.", null);
                case "OverflowError" -> new Explanation("That number does not fit: ports go from 0 to 65535.", null);
                case "ValueError", "TypeError" -> new Explanation("Python refuses that argument before calling the system.", null);
                default -> new Explanation(e.message(), null);
            };
        }
        return switch (e.errno()) {
            case 11 -> new Explanation("Nothing is waiting, and a non-blocking socket never waits: it raises at once.",
                    "That is normal: try again later, or switch to blocking mode.");
            case 115 -> new Explanation("The connection has started but is not finished; non-blocking connect returns at once.",
                    "Call connect() again to find out whether it finished.");
            case 114 -> new Explanation("A connect on this socket is still in progress.", null);
            case 98 -> new Explanation("Another socket already uses that address and port.",
                    "Pick another port, use port 0 for a free one, or set SO_REUSEADDR before bind.");
            case 99 -> new Explanation("No interface on this machine has that address.", "Use 127.0.0.1, or '' for every interface.");
            case 13 -> new Explanation("The system refused: broadcasts need SO_BROADCAST, and ports below 1024 need privileges.",
                    "Set SO_BROADCAST to 1 on the socket, or use a port above 1023.");
            case 111 -> call.startsWith("connect")
                    ? new Explanation("Nobody is listening at that address and port.",
                            "Start a server there first (bind, listen), or check the port.")
                    // Only a connected UDP socket hears of a refusal, on a later call: ICMP "port unreachable".
                    : new Explanation("An earlier datagram from this connected UDP socket found nobody at the peer's port:"
                            + " the peer's machine answered \"port unreachable\", and this call reports it.",
                            "Bind a socket to that port first (UDP needs no listen), then send again.");
            case 104 -> new Explanation("The peer closed the connection abruptly (a reset), for example with unread data.", null);
            case 32 -> new Explanation("This side can no longer send: the connection is shut down or was never made.", null);
            case 107 -> new Explanation("The socket is not connected to a peer.", "Connect first; UDP sockets can use sendto and recvfrom instead.");
            case 106 -> new Explanation("The socket is already connected (or listening).", null);
            case 9 -> new Explanation("The socket is closed; a closed socket cannot be used again.", "Create a new socket.");
            case 22 -> new Explanation("The call does not fit the socket's state, such as a second bind or accept before listen.", null);
            case 95 -> new Explanation("UDP sockets have no connections: listen() and accept() are for SOCK_STREAM.", null);
            case 89 -> new Explanation("send() needs a peer: use sendto() with an address, or connect() first.", null);
            case 90 -> new Explanation("The datagram is larger than UDP allows (65,507 bytes over IPv4).", null);
            case 92 -> new Explanation("This socket type has no such option.", null);
            default -> new Explanation(e.message(), null);
        };
    }

    /** Whether the call's address has a host of four dotted numbers, such as 999.1.1.1. */
    private static boolean looksLikeIpv4(CallRecord r) {
        for (PyValue arg : r.args()) {
            if (arg instanceof PyValue.Tuple t && t.size() >= 2 && t.get(0) instanceof PyValue.Str host) {
                return host.value().matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
            }
        }
        return false;
    }

    private static Explanation success(CallRecord r) {
        return switch (r.call()) {
            case "socket" -> new Explanation("A new socket " + r.socketId() + " exists; it has no address until bind, connect or sendto.", null);
            case "bind" -> new Explanation("The socket now owns that address and port.", null);
            case "listen" -> new Explanation("The socket is a server now: connections queue up until accept() takes them.", null);
            case "accept" -> new Explanation("A connection was taken from the queue: it is a new socket, talking to the client.", null);
            case "connect" -> new Explanation("Connected: send() and recv() now need no address.", null);
            case "sendto", "send" -> new Explanation(r.call() + "() returns how many bytes went out.", null);
            case "sendall" -> new Explanation("sendall() returns None once every byte is sent.", null);
            case "recvfrom" -> r.discarded() > 0
                    ? new Explanation("The datagram was cut to bufsize: " + r.discarded() + " bytes were lost.", "Use a larger bufsize.")
                    : r.source() != null && r.source().size() == 1
                    ? new Explanation("recvfrom() returns the data and the sender's path (None when the sender never bound one).", null)
                    : new Explanation("recvfrom() returns the data and the sender's (host, port).", null);
            case "recv" -> r.receivedData() != null && r.receivedData().length() == 0
                    ? new Explanation("b'' means the peer closed its side: there will be no more data.", null)
                    : new Explanation("recv() returns the data only, without the sender's address.", null);
            case "close" -> new Explanation("Closed. For UDP nobody is told; for TCP the peer's recv() returns b''.", null);
            default -> new Explanation("", null);
        };
    }
}
