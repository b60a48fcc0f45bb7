package org.socketplayground.transcript;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.engine.py.PyValue;

/**
 * The Python a student would write for the calls they made: one line per finished call, in the order the
 * calls finished (so that a call that waited comes after the call that woke it), with the outcome as a
 * comment. {@link #script} turns it into a program that makes the same calls and prints the same outcomes.
 *
 * <p>Ports the system chose (bind to port 0, or the port a first sendto picked) are written as
 * {@code s1.getsockname()[1]}, so that the script still reaches the right socket when run again. Sockets are written
 * by the names a lesson gave them ({@link SocketNames}), else by their ids. In the script, a receive or accept of what
 * another program sent waits 10 s at most ({@link OtherPrograms}).
 */
public final class PythonTranscript {
    /** The lines the pane and the script show before the calls. */
    public static final List<String> HEADER = List.of("import socket", "");

    private final int maxCalls;
    private final Function<String, PyValue.Tuple> localAddressOf;
    private final SocketNames names;
    private final OtherPrograms others = new OtherPrograms();
    /** The calls kept, by sequence number, in the order they finished. */
    private final Map<Long, CallRecord> kept = new LinkedHashMap<>();
    private final java.util.Collection<CallRecord> calls = kept.values();
    /** The kept calls that only moved data, oldest first: they are the first to go, so the set-up stays. */
    private final ArrayDeque<Long> dataCalls = new ArrayDeque<>();
    /** Ports the system chose, and the socket that owns each. */
    private final Map<Long, String> chosenPorts = new HashMap<>();
    private final Set<Long> userPorts = new HashSet<>();
    private final Set<String> knownSockets = new HashSet<>();
    /** Each socket's local address when last learned: a closed socket has none, and the script still names it. */
    private final Map<String, PyValue.Tuple> lastLocal = new HashMap<>();
    private long dropped;
    private long droppedData;

    /**
     * @param maxCalls       how many calls to keep; older ones leave, with a note in the script
     * @param localAddressOf a socket's current local address (from the engine), or null
     */
    public PythonTranscript(int maxCalls, Function<String, PyValue.Tuple> localAddressOf) {
        this(maxCalls, localAddressOf, new SocketNames());
    }

    /** As above, writing sockets by the names given to them. */
    public PythonTranscript(int maxCalls, Function<String, PyValue.Tuple> localAddressOf, SocketNames names) {
        this.maxCalls = maxCalls;
        this.localAddressOf = localAddressOf;
        this.names = names;
    }

    /** Adds a finished call. */
    public void add(CallRecord r) {
        if (r.isPending()) {
            return;
        }
        learnPorts(r);
        others.learn(r);
        kept.put(r.seq(), r);
        if (r.call().startsWith("send") || r.call().startsWith("recv")) {
            dataCalls.addLast(r.seq());
        }
        if (kept.size() > maxCalls) {
            // A flood must not push out the socket() and bind() that the rest of the script needs.
            Long oldestData = dataCalls.pollFirst();
            if (oldestData != null) {
                kept.remove(oldestData);
                droppedData++;
            } else {
                kept.remove(kept.keySet().iterator().next());
            }
            dropped++;
        }
    }

    public void clear() {
        dropped += kept.size();
        kept.clear();
        dataCalls.clear();
    }

    public int size() {
        return calls.size();
    }

    private void learnPorts(CallRecord r) {
        if (r.failed() || r.socketId() == null) {
            return;
        }
        String id = r.socketId();
        if (r.call().equals("bind") && r.args().get(0) instanceof PyValue.Tuple t && t.get(1) instanceof PyValue.Int p
                && p.value() != 0) {
            userPorts.add(p.value());
        }
        if (r.call().equals("accept") && r.value() instanceof PyValue.Tuple t && t.get(0) instanceof PyValue.SocketRef conn) {
            knownSockets.add(conn.id());
            remember(conn.id());
        }
        if (!knownSockets.contains(id) || r.call().equals("bind") || r.call().startsWith("send") || r.call().equals("connect")
                || r.call().equals("listen")) {
            knownSockets.add(id);
            remember(id);
        }
    }

    private void remember(String id) {
        PyValue.Tuple local = localAddressOf.apply(id);
        others.own(local);
        if (local != null) {
            lastLocal.put(id, local);
        }
        if (local != null && local.get(1) instanceof PyValue.Int p && p.value() != 0 && !userPorts.contains(p.value())) {
            chosenPorts.putIfAbsent(p.value(), id);
        }
    }

    /** The pane's text: the header, then one line per call. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (String h : HEADER) {
            sb.append(h).append('\n');
        }
        for (CallRecord r : calls) {
            sb.append(line(r)).append('\n');
        }
        return sb.toString();
    }

    /** The line of the pane that shows this call (0-based), or -1 if it is not kept. */
    public int lineOf(long seq) {
        int i = HEADER.size();
        for (CallRecord r : calls) {
            if (r.seq() == seq) {
                return i;
            }
            i++;
        }
        return -1;
    }

    /** The call a line of the pane shows, or null for the header. */
    public CallRecord callAt(int line) {
        int index = line - HEADER.size();
        if (index < 0 || index >= calls.size()) {
            return null;
        }
        for (CallRecord r : calls) {
            if (index-- == 0) {
                return r;
            }
        }
        return null;
    }

    /** The line of the call that made this socket: its socket(), or the accept() that returned it; -1 if gone. */
    public int lineWhereMade(String socketId) {
        int line = HEADER.size();
        for (CallRecord r : calls) {
            if (socketId.equals(r.socketId()) && r.call().equals("socket")
                    || r.call().equals("accept") && r.value() instanceof PyValue.Tuple t && t.get(0) instanceof PyValue.SocketRef c
                    && c.id().equals(socketId)) {
                return line;
            }
            line++;
        }
        return -1;
    }

    /** One call as a student writes it, with its outcome as a comment where it says something. */
    public String line(CallRecord r) {
        String code = code(r);
        if (interrupted(r)) {
            return "# " + code + "  -- abandoned while it waited (KeyboardInterrupt)";
        }
        String comment = comment(r);
        return comment == null ? code : code + "  # " + comment;
    }

    private static boolean interrupted(CallRecord r) {
        return r.failed() && r.error().type().equals("KeyboardInterrupt");
    }

    private String code(CallRecord r) {
        String call = expression(r);
        if (r.failed()) {
            return call;
        }
        if (r.call().equals("socket")) {
            return names.of(r.socketId()) + " = " + call;
        }
        if (r.call().equals("accept") && r.value() instanceof PyValue.Tuple t && t.get(0) instanceof PyValue.SocketRef conn) {
            return names.of(conn.id()) + ", " + addressVariable(conn.id()) + " = " + call;
        }
        return call;
    }

    /** The variable an accept's address goes to: addr and the number of the connection's id, so it is unique. */
    private static String addressVariable(String connectionId) {
        return "addr" + connectionId.replaceAll("\\D", "");
    }

    private static String comment(CallRecord r) {
        if (r.failed()) {
            return r.error().toString();
        }
        if (r.value() instanceof PyValue.None || r.value() instanceof PyValue.SocketRef) {
            return null;
        }
        if (r.call().equals("accept") && r.value() instanceof PyValue.Tuple t) {
            return t.get(1).repr();
        }
        String repr = r.value().repr();
        return repr.length() > 200 ? repr.substring(0, 200) + "…" : repr;
    }

    /** The call with the system's ports written as getsockname() of the socket that owns them. */
    private String expression(CallRecord r) {
        StringBuilder sb = new StringBuilder();
        sb.append(r.socketId() == null || r.call().equals("socket") ? "socket" : names.of(r.socketId())).append('.').append(r.call()).append('(');
        for (int i = 0; i < r.args().size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(argument(r.args().get(i), r.socketId()));
        }
        return sb.append(')').toString();
    }

    private String argument(PyValue arg, String caller) {
        if (arg instanceof PyValue.Tuple t && t.size() >= 2 && t.get(0) instanceof PyValue.Str host
                && t.get(1) instanceof PyValue.Int port) {
            String owner = chosenPorts.get(port.value());
            if (owner != null && !owner.equals(caller)) {
                PyValue.Tuple local = localAddressOf.apply(owner);
                if (local != null && local.get(0) instanceof PyValue.Str ownHost && ownHost.value().equals(host.value())
                        && t.size() == 2 && local.size() == 2) {
                    return names.of(owner) + ".getsockname()";
                }
                return "(" + host.repr() + ", " + names.of(owner) + ".getsockname()[1])";
            }
        }
        return arg.source();
    }

    /**
     * A runnable program: each call as above; a call that returned something prints it, a call that raised
     * is wrapped so that the script prints the same error and goes on.
     */
    public String script(Instant savedAt) {
        String when = DateTimeFormatter.ofPattern("yyyy-MM-dd 'at' HH:mm").withZone(ZoneId.systemDefault()).format(savedAt);
        StringBuilder sb = new StringBuilder();
        sb.append("#!/usr/bin/env python3\n");
        sb.append("\"\"\"What you did in Socket Playground on ").append(when).append(", as a Python script.\n\n");
        sb.append("Run it with python3 once the playground's sockets are closed: it makes the same calls,\n");
        sb.append("prints what each one gave, and catches the errors the playground showed, then goes on.\n");
        sb.append("\"\"\"\n");
        sb.append("import socket\n\n\n");
        sb.append("def error(e):\n");
        sb.append("    \"\"\"An exception as the traceback's last line shows it.\"\"\"\n");
        sb.append("    kind = type(e)\n");
        sb.append("    name = kind.__name__ if kind.__module__ == 'builtins' else kind.__module__ + '.' + kind.__name__\n");
        sb.append("    return f'{name}: {e}' if str(e) else name\n\n\n");
        if (calls.stream().anyMatch(others::isFromAnotherProgram)) {
            sb.append(OtherPrograms.helpers());
        }
        if (dropped > 0) {
            sb.append("# ").append(dropped).append(dropped == droppedData ? " calls that sent or received data" : " earlier calls")
                    .append(" are left out: the playground keeps ").append(maxCalls).append(" calls, and each socket's set-up first.\n");
        }
        for (CallRecord r : calls) {
            String comment = comment(r);
            if (interrupted(r)) {
                sb.append(line(r)).append('\n');
            } else if (others.isFromAnotherProgram(r)) {
                fromAnotherProgram(sb, r, comment);
            } else if (r.failed()) {
                sb.append("try:\n    ").append(code(r)).append("\nexcept Exception as e:  # ").append(comment)
                        .append("\n    print(error(e))\n");
            } else if (comment == null) {
                sb.append(code(r)).append('\n');
            } else if (r.call().equals("accept")) {
                String conn = ((PyValue.SocketRef) ((PyValue.Tuple) r.value()).get(0)).id();
                sb.append(code(r)).append("  # ").append(comment).append('\n');
                sb.append("print(repr(").append(addressVariable(conn)).append("))\n");
            } else {
                sb.append("print(repr(").append(code(r)).append("))  # ").append(comment).append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * A receive or accept of what another program sent: the script cannot send it again itself, so the comment above
     * says who sent it and what to run, and the call waits 10 s at most, then says that nothing came and goes on.
     */
    private void fromAnotherProgram(StringBuilder sb, CallRecord r, String comment) {
        String socket = names.of(r.socketId());
        PyValue.Tuple local = lastLocal.getOrDefault(r.socketId(), localAddressOf.apply(r.socketId()));
        String host = "127.0.0.1";
        Long port = null;
        if (local != null && local.get(0) instanceof PyValue.Str h && local.get(1) instanceof PyValue.Int p) {
            host = h.value().equals("0.0.0.0") ? "127.0.0.1" : h.value().equals("::") ? "::1" : h.value();
            port = userPorts.contains(p.value()) ? p.value() : null;
        }
        sb.append(others.comment(r, host, port)).append('\n');
        String call = others.call(r, socket, expression(r));
        if (r.call().equals("accept")) {
            String conn = ((PyValue.SocketRef) ((PyValue.Tuple) r.value()).get(0)).id();
            sb.append(names.of(conn)).append(", ").append(addressVariable(conn)).append(" = ").append(OtherPrograms.ACCEPT)
                    .append(call).append("  # ").append(comment).append('\n');
            sb.append("print(repr(").append(addressVariable(conn)).append("))\n");
        } else {
            sb.append(OtherPrograms.PRINT).append(call).append("  # ").append(comment).append('\n');
        }
    }
}
