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
 * {@code s1.getsockname()[1]}, so that the script still reaches the right socket when run again.
 */
public final class PythonTranscript {
    /** The lines the pane and the script show before the calls. */
    public static final List<String> HEADER = List.of("import socket", "");

    private final int maxCalls;
    private final Function<String, PyValue.Tuple> localAddressOf;
    /** The calls kept, by sequence number, in the order they finished. */
    private final Map<Long, CallRecord> kept = new LinkedHashMap<>();
    private final java.util.Collection<CallRecord> calls = kept.values();
    /** The kept calls that only moved data, oldest first: they are the first to go, so the set-up stays. */
    private final ArrayDeque<Long> dataCalls = new ArrayDeque<>();
    /** Ports the system chose, and the socket that owns each. */
    private final Map<Long, String> chosenPorts = new HashMap<>();
    private final Set<Long> userPorts = new HashSet<>();
    private final Set<String> knownSockets = new HashSet<>();
    private long dropped;
    private long droppedData;

    /**
     * @param maxCalls       how many calls to keep; older ones leave, with a note in the script
     * @param localAddressOf a socket's current local address (from the engine), or null
     */
    public PythonTranscript(int maxCalls, Function<String, PyValue.Tuple> localAddressOf) {
        this.maxCalls = maxCalls;
        this.localAddressOf = localAddressOf;
    }

    /** Adds a finished call. */
    public void add(CallRecord r) {
        if (r.isPending()) {
            return;
        }
        learnPorts(r);
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
            return r.socketId() + " = " + call;
        }
        if (r.call().equals("accept") && r.value() instanceof PyValue.Tuple t && t.get(0) instanceof PyValue.SocketRef conn) {
            return conn.id() + ", addr" + conn.id().replaceAll("\\D", "") + " = " + call;
        }
        return call;
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
        sb.append(r.socketId() == null || r.call().equals("socket") ? "socket" : r.socketId()).append('.').append(r.call()).append('(');
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
                    return owner + ".getsockname()";
                }
                return "(" + host.repr() + ", " + owner + ".getsockname()[1])";
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
        if (dropped > 0) {
            sb.append("# ").append(dropped).append(dropped == droppedData ? " calls that sent or received data" : " earlier calls")
                    .append(" are left out: the playground keeps ").append(maxCalls).append(" calls, and each socket's set-up first.\n");
        }
        for (CallRecord r : calls) {
            String comment = comment(r);
            if (interrupted(r)) {
                sb.append(line(r)).append('\n');
            } else if (r.failed()) {
                sb.append("try:\n    ").append(code(r)).append("\nexcept Exception as e:  # ").append(comment)
                        .append("\n    print(error(e))\n");
            } else if (comment == null) {
                sb.append(code(r)).append('\n');
            } else if (r.call().equals("accept")) {
                String conn = ((PyValue.SocketRef) ((PyValue.Tuple) r.value()).get(0)).id();
                sb.append(code(r)).append("  # ").append(comment).append('\n');
                sb.append("print(repr(addr").append(conn.replaceAll("\\D", "")).append("))\n");
            } else {
                sb.append("print(repr(").append(code(r)).append("))  # ").append(comment).append('\n');
            }
        }
        return sb.toString();
    }
}
