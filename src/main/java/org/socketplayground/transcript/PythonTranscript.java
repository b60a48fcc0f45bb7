package org.socketplayground.transcript;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
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
 *
 * <p>What it keeps is bounded twice: no more than maxCalls calls, and no more than maxChars characters of lines; the
 * oldest sends and receives leave first, so each socket's set-up stays, and the pane's first line says how many left.
 * Data longer than a few hundred bytes is kept as its first bytes and its length ({@link Payloads}), never whole: the
 * log has the whole data, within its byte budget, and the pane and script cost a few hundred bytes a call at most.
 */
public final class PythonTranscript {
    /** The lines the pane and the script show before the calls. */
    public static final List<String> HEADER = List.of("import socket", "");
    /**
     * How many characters the calls' lines may take together (playground.codeChars): about 3,000 calls of sixty
     * characters, which the pane lays out again in a moment. Beyond it the oldest calls leave, data first.
     */
    public static final int DEFAULT_CHARS = Integer.getInteger("playground.codeChars", 200_000);

    private final int maxCalls;
    private final int maxChars;
    private final SocketNames names;
    private final OtherPrograms others = new OtherPrograms();
    /** The calls kept (large data cut, {@link Payloads}), by sequence number, in the order they finished. */
    private final Map<Long, Line> kept = new LinkedHashMap<>();
    private final java.util.Collection<Line> calls = kept.values();
    /** The kept calls that only moved data, oldest first: they are the first to go, so the set-up stays. */
    private final ArrayDeque<Long> dataCalls = new ArrayDeque<>();
    private final ChosenPorts ports;
    private final CallLines lines;
    private long dropped;
    private long droppedData;
    /** Calls that left to keep the pane within its limits since it was last emptied: its first line says so. */
    private long trimmed;
    /** Counts the calls that left (trimmed or cleared): the pane, which only appends otherwise, is written again. */
    private long removals;
    /** The characters of the measured lines; {@link #unmeasured} lines are not counted yet. */
    private long chars;
    private int unmeasured;
    /** Data calls at the head of the batch being added that newer ones of the same batch will push out. */
    private int doomedData;
    /** The modules the calls use, for the imports: socket always; select, os and struct once a call needs them. */
    private final java.util.SortedSet<String> modules = new java.util.TreeSet<>(List.of("socket"));

    /**
     * A kept call and the length of its line, for the pane's budget: measured when a reader first needs the budget
     * kept ({@link #settle}), for writing a line to count it is most of a call's cost, and under a flood with the pane
     * hidden most calls leave before anyone reads them.
     */
    private static final class Line {
        final Payloads.Kept kept;
        int chars = -1;

        Line(Payloads.Kept kept) {
            this.kept = kept;
        }

        CallRecord record() {
            return kept.record();
        }
    }

    /**
     * @param maxCalls       how many calls to keep; older ones leave, with a note in the script
     * @param localAddressOf a socket's current local address (from the engine), or null
     */
    public PythonTranscript(int maxCalls, Function<String, PyValue.Tuple> localAddressOf) {
        this(maxCalls, localAddressOf, new SocketNames());
    }

    /** As above, writing sockets by the names given to them. */
    public PythonTranscript(int maxCalls, Function<String, PyValue.Tuple> localAddressOf, SocketNames names) {
        this(maxCalls, DEFAULT_CHARS, localAddressOf, names);
    }

    /** As above, keeping no more than maxChars characters of lines (but always the newest call). */
    public PythonTranscript(int maxCalls, int maxChars, Function<String, PyValue.Tuple> localAddressOf, SocketNames names) {
        this.maxCalls = maxCalls;
        this.maxChars = maxChars;
        this.names = names;
        this.ports = new ChosenPorts(localAddressOf, others, names);
        this.lines = new CallLines(names, ports);
    }

    /**
     * Says what a batch of calls about to be added holds: of its sends and receives, only the newest maxCalls can
     * stay (the oldest data calls leave first), so the ones before them are counted as gone without writing their
     * lines. Under a flood that is most of the batch, and writing a line (quoting its data) is most of a call's cost.
     */
    public void expect(List<CallRecord> batch) {
        int data = 0;
        for (CallRecord r : batch) {
            if (!r.isPending() && isDataCall(r)) {
                data++;
            }
        }
        doomedData = Math.max(0, data - maxCalls);
    }

    private static boolean isDataCall(CallRecord r) {
        return r.call().startsWith("send") || r.call().startsWith("recv") || r.isLabDrop();
    }

    /** Adds a finished call. */
    public void add(CallRecord r) {
        if (r.isPending()) {
            return;
        }
        ports.learn(r);
        others.learn(r);
        if (r.isModuleCall() && modules.add(r.module())) {
            removals++;   // the header grows a line: the pane is written again
        }
        if (r.membershipSource().isPresent() && modules.add("struct")) {
            removals++;   // a multicast request is written as struct.pack builds it
        }
        if (doomedData > 0 && isDataCall(r)) {
            doomedData--;   // it would leave again before the batch ends: counted as if it had come and gone
            dropped++;
            droppedData++;
            trimmed++;
            removals++;
            return;
        }
        // Payloads first: nothing below ever sees more than the first bytes of large data.
        kept.put(r.seq(), new Line(Payloads.keep(r)));
        unmeasured++;
        if (isDataCall(r)) {
            dataCalls.addLast(r.seq());
        }
        while (kept.size() > maxCalls) {
            letOldestGo();
        }
    }

    /** The oldest data call leaves, or if none is kept the oldest call: a flood must not push out the set-up. */
    private void letOldestGo() {
        Long oldestData = dataCalls.pollFirst();
        Line gone;
        if (oldestData != null) {
            gone = kept.remove(oldestData);
            droppedData++;
        } else {
            gone = kept.remove(kept.keySet().iterator().next());
        }
        if (gone.chars < 0) {
            unmeasured--;
        } else {
            chars -= gone.chars;
        }
        dropped++;
        trimmed++;
        removals++;
    }

    /**
     * Measures the lines added since a reader last asked and lets the oldest calls go until the lines are within their
     * characters (but always keeps the newest call): what every reader sees. The oldest data calls leave first, as when
     * each line was measured as it came (PythonTranscriptTest compares the two).
     */
    private void settle() {
        if (unmeasured == 0) {
            return;
        }
        for (Line l : calls) {
            if (l.chars < 0) {
                l.chars = lines.line(l.kept).length() + 1;
                chars += l.chars;
            }
        }
        unmeasured = 0;
        while (kept.size() > 1 && chars > maxChars) {
            letOldestGo();
        }
    }

    public void clear() {
        dropped += kept.size();
        removals += kept.size() + 1;
        kept.clear();
        dataCalls.clear();
        chars = 0;
        unmeasured = 0;
        trimmed = 0;
    }

    /** Counts the calls that left the transcript: while it stays the same, the pane's lines only grow at the end. */
    public long removals() {
        settle();
        return removals;
    }

    public int size() {
        settle();
        return calls.size();
    }


    /** The lines the pane shows before the calls: a note when earlier calls left, then {@link #HEADER}. */
    public List<String> header() {
        settle();
        List<String> imports = new java.util.ArrayList<>();
        modules.forEach(m -> imports.add("import " + m));
        imports.add("");
        if (trimmed == 0) {
            return imports;
        }
        String note = String.format(java.util.Locale.ROOT, "# … %,d earlier statement%s trimmed to keep memory bounded",
                trimmed, trimmed == 1 ? "" : "s");
        List<String> withNote = new java.util.ArrayList<>(imports.size() + 1);
        withNote.add(note);
        withNote.addAll(imports);
        return withNote;
    }

    /** The pane's text: the header, then one line per call. */
    public String text() {
        settle();
        StringBuilder sb = new StringBuilder((int) Math.min(chars + 100, Integer.MAX_VALUE - 8));
        for (String h : header()) {
            sb.append(h).append('\n');
        }
        return sb.append(linesFrom(0)).toString();
    }

    /** The lines of the calls from the given one on (0 is the first call kept), each ending in a newline. */
    public String linesFrom(int call) {
        settle();
        StringBuilder sb = new StringBuilder();
        int i = 0;
        for (Line l : calls) {
            if (i++ >= call) {
                sb.append(lines.line(l.kept)).append('\n');
            }
        }
        return sb.toString();
    }

    /** The line of the pane that shows this call (0-based), or -1 if it is not kept. */
    public int lineOf(long seq) {
        int i = header().size();
        for (Line l : calls) {
            if (l.record().seq() == seq) {
                return i;
            }
            i++;
        }
        return -1;
    }

    /**
     * The call a line of the pane shows, or null for the header. Its data is as the transcript keeps it: of large
     * data, the first bytes only ({@link #cutLength}).
     */
    public CallRecord callAt(int line) {
        int index = line - header().size();
        if (index < 0 || index >= calls.size()) {
            return null;
        }
        for (Line l : calls) {
            if (index-- == 0) {
                return l.record();
            }
        }
        return null;
    }

    /** For a call as this transcript keeps it with its data cut: how long the data was; else -1. */
    public int cutLength(CallRecord call) {
        settle();
        Line l = call == null ? null : kept.get(call.seq());
        return l != null && l.record() == call && l.kept.cut() != null ? l.kept.cut().length() : -1;
    }

    /** The line of the call that made this socket: its socket(), or the accept() that returned it; -1 if gone. */
    public int lineWhereMade(String socketId) {
        int line = header().size();
        for (Line l : calls) {
            CallRecord r = l.record();
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
        return lines.line(Payloads.keep(r));
    }

    /**
     * A runnable program: each call as above; a call that returned something prints it, a call that raised
     * is wrapped so that the script prints the same error and goes on.
     */
    public String script(Instant savedAt) {
        settle();
        String when = DateTimeFormatter.ofPattern("yyyy-MM-dd 'at' HH:mm").withZone(ZoneId.systemDefault()).format(savedAt);
        StringBuilder sb = new StringBuilder();
        sb.append("#!/usr/bin/env python3\n");
        sb.append("\"\"\"What you did in Socket Playground on ").append(when).append(", as a Python script.\n\n");
        sb.append("Run it with python3 once the playground's sockets are closed: it makes the same calls,\n");
        sb.append("prints what each one gave, and catches the errors the playground showed, then goes on.\n");
        sb.append("\"\"\"\n");
        modules.forEach(m -> sb.append("import ").append(m).append('\n'));
        sb.append("\n\n");
        sb.append("def error(e):\n");
        sb.append("    \"\"\"An exception as the traceback's last line shows it.\"\"\"\n");
        sb.append("    kind = type(e)\n");
        sb.append("    name = kind.__name__ if kind.__module__ == 'builtins' else kind.__module__ + '.' + kind.__name__\n");
        sb.append("    return f'{name}: {e}' if str(e) else name\n\n\n");
        if (calls.stream().map(Line::record).anyMatch(others::isFromAnotherProgram)) {
            sb.append(OtherPrograms.helpers());
        }
        if (dropped > 0) {
            sb.append("# ").append(dropped).append(dropped == droppedData ? " calls that sent or received data" : " earlier calls")
                    .append(" are left out: the playground keeps ").append(maxCalls).append(" calls, and each socket's set-up first.\n");
        }
        for (Line l : calls) {
            Payloads.Kept k = l.kept;
            CallRecord r = k.record();
            String comment = lines.comment(k);
            if (CallLines.interrupted(r)) {
                sb.append(lines.line(k)).append('\n');
            } else if (others.isFromAnotherProgram(r)) {
                fromAnotherProgram(sb, k, comment);
            } else if (r.failed()) {
                sb.append("try:\n    ").append(lines.code(k)).append("\nexcept Exception as e:  # ").append(comment)
                        .append("\n    print(error(e))\n");
            } else if (comment == null || CallLines.isSelect(r)) {
                sb.append(lines.code(k)).append(comment == null ? "" : "  # " + comment).append('\n');
            } else if (r.call().equals("accept")) {
                String conn = ((PyValue.SocketRef) ((PyValue.Tuple) r.value()).get(0)).id();
                sb.append(lines.code(k)).append("  # ").append(comment).append('\n');
                sb.append("print(repr(").append(CallLines.addressVariable(conn)).append("))\n");
            } else {
                sb.append("print(repr(").append(lines.code(k)).append("))  # ").append(comment).append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * A receive or accept of what another program sent: the script cannot send it again itself, so the comment above
     * says who sent it and what to run, and the call waits 10 s at most, then says that nothing came and goes on.
     */
    private void fromAnotherProgram(StringBuilder sb, Payloads.Kept k, String comment) {
        CallRecord r = k.record();
        String socket = names.of(r.socketId());
        PyValue.Tuple local = ports.lastLocal(r.socketId());
        String host = "127.0.0.1";
        Long port = null;
        if (local != null && local.size() >= 2 && local.get(0) instanceof PyValue.Str h && local.get(1) instanceof PyValue.Int p) {
            host = h.value().equals("0.0.0.0") ? "127.0.0.1" : h.value().equals("::") ? "::1" : h.value();
            port = ports.isUsers(p.value()) ? p.value() : null;
        }
        sb.append(others.comment(r, host, port)).append('\n');
        String call = others.call(r, socket, lines.expression(k));
        if (r.call().equals("accept")) {
            String conn = ((PyValue.SocketRef) ((PyValue.Tuple) r.value()).get(0)).id();
            sb.append(names.of(conn)).append(", ").append(CallLines.addressVariable(conn)).append(" = ").append(OtherPrograms.ACCEPT)
                    .append(call).append("  # ").append(comment).append('\n');
            sb.append("print(repr(").append(CallLines.addressVariable(conn)).append("))\n");
        } else {
            sb.append(OtherPrograms.PRINT).append(call).append("  # ").append(comment).append('\n');
        }
    }
}
