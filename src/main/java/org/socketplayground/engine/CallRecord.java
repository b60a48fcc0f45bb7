package org.socketplayground.engine;

import java.time.Instant;
import java.util.List;
import org.socketplayground.engine.py.PyValue;

/**
 * One socket call as the user made it, and what came of it. Everything the user sees (the log, the socket
 * table, the Python transcript, the lesson checks) is a view of these records.
 *
 * @param seq         order of the call, unique in an engine
 * @param time        when the call started
 * @param socketId    the socket the call concerns ({@code s1}, {@code conn2}); for {@code socket()} the new one;
 *                    null for module functions such as {@code htons}
 * @param call        the Python name of the call ({@code recvfrom}, {@code gethostbyname})
 * @param args        the arguments as Python values
 * @param status      pending while the call waits, done once it returned or raised
 * @param value       what the call returned (null while pending or when it raised)
 * @param error       what the call raised (null unless it did)
 * @param durationNanos how long the call took (so far, while pending)
 * @param blocked     whether the call had to wait for the network
 * @param discarded   bytes of a datagram that did not fit in the receive buffer and were lost
 * @param source      for recv, recvfrom and accept: the address the data or connection came from; for
 *                    send, sendto and sendall: this socket's own address, where the data went out from
 * @param destination for send, sendto and sendall: where the data went; for recv, recvfrom and accept: this
 *                    socket's own address, where it arrived
 * @param effect      when the call's effect happened, in the order of the engine's effects: a call that reaches
 *                    a peer (send, connect, shutdown, close) takes its number just before it acts, every other
 *                    call when it returns, so that a send numbers before the receive it woke; 0 while pending
 * @param lab         what the datagram lab did to the datagram received ("duplicated by the lab", "corrupted by the
 *                    lab", "late: reordered by the lab"), or {@link #LAB_DROP} for a datagram it dropped; else null
 */
public record CallRecord(long seq, Instant time, String socketId, String call, List<PyValue> args,
                         Status status, PyValue value, PyError error, long durationNanos, boolean blocked,
                         int discarded, PyValue.Tuple source, PyValue.Tuple destination, long effect, String lab) {

    /** The call of a record that is no call: the lab put in front of a socket (its value says how) or taken away. */
    public static final String LAB = "lab";

    /** The call of a record that is no call: a datagram the lab dropped before any receive could take it. */
    public static final String LAB_DROP = "dropped by the lab";

    public enum Status { PENDING, DONE }

    public CallRecord {
        args = List.copyOf(args);
    }

    /** A record the lab had nothing to do with. */
    public CallRecord(long seq, Instant time, String socketId, String call, List<PyValue> args, Status status,
                      PyValue value, PyError error, long durationNanos, boolean blocked, int discarded,
                      PyValue.Tuple source, PyValue.Tuple destination, long effect) {
        this(seq, time, socketId, call, args, status, value, error, durationNanos, blocked, discarded, source, destination,
                effect, null);
    }

    /** Whether this is the note of the lab put on or taken off, not a call. */
    public boolean isLabChange() {
        return LAB.equals(call);
    }

    /** Whether this is the lab's note of a datagram it dropped, not a call. */
    public boolean isLabDrop() {
        return LAB_DROP.equals(call);
    }

    /** A record whose effect is numbered as its call: for records made outside the engine. */
    public CallRecord(long seq, Instant time, String socketId, String call, List<PyValue> args, Status status,
                      PyValue value, PyError error, long durationNanos, boolean blocked, int discarded,
                      PyValue.Tuple source) {
        this(seq, time, socketId, call, args, status, value, error, durationNanos, blocked, discarded, source, null,
                status == Status.PENDING ? 0 : seq);
    }

    public boolean isPending() {
        return status == Status.PENDING;
    }

    public boolean failed() {
        return error != null;
    }

    /** The outcome in Python's words: the value's repr, or the traceback's last line. */
    public String outcome() {
        if (isPending()) {
            return "(waiting)";
        }
        return error != null ? error.toString() : value.repr();
    }

    /** The data a recv or recvfrom returned, or null for any other record. */
    public PyValue.Bytes receivedData() {
        if (error != null || value == null) {
            return null;
        }
        if (value instanceof PyValue.Bytes b && call.equals("recv")) {
            return b;
        }
        if (call.equals("recvfrom") && value instanceof PyValue.Tuple t && t.get(0) instanceof PyValue.Bytes b) {
            return b;
        }
        return null;
    }

    /** The call as a Python expression, e.g. {@code s1.bind(('127.0.0.1', 9999))}. */
    public String expression() {
        StringBuilder sb = new StringBuilder();
        sb.append(isModuleCall() ? module() : socketId).append('.').append(call).append('(');
        for (int i = 0; i < args.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(i == 2 ? membershipSource().orElse(args.get(i).source()) : args.get(i).source());
        }
        return sb.append(')').toString();
    }

    /** A setsockopt's group membership request as a Python program builds it with struct.pack, where it is one. */
    public java.util.Optional<String> membershipSource() {
        if (!call.equals("setsockopt") || args.size() != 3 || !(args.get(2) instanceof PyValue.Bytes b)) {
            return java.util.Optional.empty();
        }
        long level = args.get(0) instanceof PyValue.Const c ? c.value() : args.get(0) instanceof PyValue.Int i ? i.value() : -1;
        long name = args.get(1) instanceof PyValue.Const c ? c.value() : args.get(1) instanceof PyValue.Int i ? i.value() : -1;
        return Memberships.isMembership(level, name) ? java.util.Optional.ofNullable(Memberships.source(level, name, b.value()))
                : java.util.Optional.empty();
    }

    /** Whether the call is a module's function ({@code socket.socket}, {@code socket.htons}, {@code select.select}). */
    public boolean isModuleCall() {
        return socketId == null || call.equals("socket");
    }

    /** The module of a module call, as Python names it: {@code select} for select(), {@code os} for unlink(), else {@code socket}. */
    public String module() {
        return socketId == null && call.equals("select") ? "select" : socketId == null && call.equals("unlink") ? "os" : "socket";
    }

    @Override
    public String toString() {
        return "#" + seq + " " + expression() + " -> " + outcome();
    }
}
