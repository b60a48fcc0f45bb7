package org.socketplayground.ui.session;

import java.util.stream.Collectors;
import org.socketplayground.engine.Addresses;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.engine.UnixAddresses;
import org.socketplayground.engine.py.PyValue;
import org.socketplayground.i18n.Texts;
import org.socketplayground.transcript.SocketNames;

/**
 * One finished call as a row of the live log. Data calls fill the source and bytes columns: for what came in,
 * the source is the sender; for what went out, it is this socket's own address.
 */
public final class LogRow {
    /** How much of a payload the data column shows; the detail pane shows more, and saves all of it. */
    public static final int SHOWN_BYTES = 200;
    /** How much of a data argument the detail pane writes in the call; its hex dump has more. */
    public static final int DETAIL_BYTES = 512;
    /**
     * How much of the data the detail pane dumps: a 1 MiB dump is 3.8 million characters and seconds of frozen window;
     * Save all bytes… writes the rest.
     */
    public static final int DUMP_BYTES = 64 * 1024;
    /** The fixed part of a row's cost in memory: the record, its arguments, the cells' texts once made. */
    static final long ROW_BYTES = 512;

    private final CallRecord record;
    /** The names sockets are shown by; asked each time, for a socket may be named after its row was made. */
    private final SocketNames names;
    private final String sourceHost;
    private final String sourcePort;
    /** The data that came in or went out, kept as the record holds it: copied only when asked for. */
    private final PyValue.Bytes payload;
    private final int colour;
    private final long bytes;
    // Made on first use: the log keeps thousands of rows, the table shows a screenful.
    private String time;
    private String call;
    private String text;

    /**
     * Cheap on purpose: under a flood the window makes a row for every call it keeps, but only the rows on
     * screen ever show their text, so the texts are made when a cell first asks for them. The sender's colour is
     * taken here, in the order the calls arrived.
     */
    public LogRow(CallRecord record, SenderColors colours) {
        this(record, colours, new SocketNames());
    }

    /** As above, showing sockets by the names given to them. */
    public LogRow(CallRecord record, SenderColors colours, SocketNames names) {
        this.record = record;
        this.names = names;
        PyValue.Bytes bytes = dataOf(record);
        PyValue.Tuple source = bytes != null || !record.failed() && record.call().equals("accept") ? record.source() : null;
        this.payload = bytes;
        this.bytes = cost(record);
        if (UnixAddresses.isUnix(source)) {   // an AF_UNIX sender: its path, @name, or None, and no port
            sourceHost = UnixAddresses.text(source);
            sourcePort = "";
            colour = colours.indexOf(sourceHost, sourcePort);
        } else if (source != null) {
            sourceHost = ((PyValue.Str) source.get(0)).value();
            sourcePort = Long.toString(((PyValue.Int) source.get(1)).value());
            colour = colours.indexOf(sourceHost, sourcePort);
        } else {
            sourceHost = "";
            sourcePort = "";
            colour = -1;
        }
    }

    private static boolean isSend(String call) {
        return call.equals("send") || call.equals("sendto") || call.equals("sendall");
    }

    /** The data a call that did not fail received or sent (shared with the record, not copied), or null. */
    public static PyValue.Bytes dataOf(CallRecord record) {
        if (record.failed()) {
            return null;
        }
        if (record.isLabDrop()) {
            return (PyValue.Bytes) record.value();   // what the lab took away, from its sender
        }
        PyValue.Bytes got = record.receivedData();
        if (got != null) {
            return got;
        }
        return isSend(record.call()) && record.args().get(0) instanceof PyValue.Bytes sent ? sent : null;
    }

    /**
     * The call with its arguments, payloads shortened to b'…' (the Data column shows them) so that where a
     * sendto went stays in view; an arrow tells the direction of data.
     */
    private static String callText(CallRecord r) {
        if (r.isLabDrop()) {
            return Texts.get("sessionRows.logRow.labDrop");
        }
        if (r.isLabChange()) {
            return Texts.get("sessionRows.logRow.labChange", ((PyValue.Str) r.value()).value());
        }
        String args = r.args().stream().map(a -> {
            String s = a instanceof PyValue.Const c ? c.name() : source(a, 32);
            if (a instanceof PyValue.Bytes && s.length() > 10) {
                return "b'…'";
            }
            return s.length() > 24 ? s.substring(0, 20) + "…" + s.charAt(s.length() - 1) : s;
        }).collect(Collectors.joining(", "));
        String arrow = r.receivedData() != null ? "← " : isSend(r.call()) && !r.failed() ? "→ " : "";
        String lab = r.lab() == null ? "" : " — " + r.lab();   // duplicated, corrupted or reordered on its way
        return arrow + Inputs.escaped(r.call()) + "(" + args + ")" + lab;   // a name typed at the prompt may hold anything
    }

    /**
     * An argument as Python source; of data longer than maxBytes, only the beginning (a 64 KiB payload would be a
     * line of 260,000 characters in the detail pane, and cost as much to make for a column that shows 24).
     */
    private static String source(PyValue a, int maxBytes) {
        if (a instanceof PyValue.Bytes b && b.length() > maxBytes) {
            return PyValue.of(java.util.Arrays.copyOf(b.value(), maxBytes)).source()
                    + Format.moreBytes(b.length() - maxBytes);
        }
        return a.source();
    }

    /** The call as Python, as {@link CallRecord#expression()} writes it, sockets by name, data arguments shortened. */
    private static String expression(CallRecord r, SocketNames names) {
        if (r.isLabDrop()) {
            return "# the lab dropped a datagram on its way to " + Inputs.escaped(names.of(r.socketId()));
        }
        if (r.isLabChange()) {
            return "# the lab on " + Inputs.escaped(names.of(r.socketId())) + ": " + ((PyValue.Str) r.value()).value();
        }
        return (r.isModuleCall() ? r.module() : Inputs.escaped(names.of(r.socketId()))) + "."
                + Inputs.escaped(r.call())
                + r.args().stream().map(a -> source(a, DETAIL_BYTES)).collect(Collectors.joining(", ", "(", ")"));
    }

    /**
     * What a call costs the memory while the log keeps it, roughly: its data (sent or received, held once) and a
     * fixed part for the record, its arguments and the texts its cells make.
     */
    public static long cost(CallRecord record) {
        PyValue.Bytes data = record.receivedData();
        if (data == null && !record.args().isEmpty() && record.args().get(0) instanceof PyValue.Bytes sent) {
            data = sent;
        }
        return ROW_BYTES + (data == null ? 0 : data.length());
    }

    /** This row's {@link #cost(CallRecord)}. */
    public long bytes() {
        return bytes;
    }

    public CallRecord record() {
        return record;
    }

    /** The moment the call returned: for a blocking receive, when the data arrived. */
    public String time() {
        if (time == null) {
            time = Format.time(record.time().plusNanos(record.durationNanos()));
        }
        return time;
    }

    /** The socket by the name a lesson gave it, else its id. */
    public String socket() {
        return record.socketId() == null ? record.module() : Inputs.escaped(names.of(record.socketId()));
    }

    public String call() {
        if (call == null) {
            call = callText(record);
        }
        return call;
    }

    public String sourceHost() {
        return sourceHost;
    }

    public String sourcePort() {
        return sourcePort;
    }

    /** Where the data went: for a send its destination, for a receive this socket's own address (ss's way). */
    public String destination() {
        PyValue.Tuple to = payload == null && !record.call().equals("accept") ? null : record.destination();
        return to == null ? "" : Addresses.display(to);
    }

    public String bytesText() {
        if (payload == null) {
            return "";
        }
        int bytes = payload.length();
        return record.discarded() > 0 ? Texts.get("sessionRows.logRow.bytesLost", bytes, record.discarded()) : Integer.toString(bytes);
    }

    public String text() {
        if (record.value() instanceof PyValue.SocketRef made) {
            return Inputs.escaped(names.of(made.id()));   // asked each time: the socket may be named after its row was made
        }
        if (payload == null && record.call().equals("accept") && record.value() instanceof PyValue.Tuple t
                && t.get(0) instanceof PyValue.SocketRef conn) {
            return "(" + Inputs.escaped(names.of(conn.id())) + ", " + t.get(1).repr() + ")";
        }
        if (text == null) {
            text = payload == null ? Inputs.escaped(record.outcome())   // an error's message may quote what was typed
                    : payload.length() == 0 ? "b''"   // an empty cell would hide that a recv returned b''
                    : Inputs.text(payload.value(), SHOWN_BYTES);
        }
        return text;
    }

    public String hex() {
        return payload == null || payload.length() == 0 ? text() : Inputs.hex(payload.value(), SHOWN_BYTES);
    }

    public byte[] data() {
        return payload == null ? null : payload.value();
    }

    /** How many bytes of data the row has (0 for none), without copying them. */
    public int dataLength() {
        return payload == null ? 0 : payload.length();
    }

    /** Whether the row has data, without copying it. */
    public boolean hasData() {
        return payload != null;
    }

    public int colour() {
        return colour;
    }

    /** The row's look: "failed", "lab-drop" for a datagram the lab dropped, "lab-marked" for one it changed; or null. */
    public String style() {
        return record.failed() ? "failed" : record.isLabDrop() || record.isLabChange() ? "lab-drop"
                : record.lab() != null ? "lab-marked" : null;
    }

    public boolean failed() {
        return record.failed();
    }

    /** Whether the row mentions the text: its socket, its sender as host:port, its call or its data. */
    public boolean matches(String needle) {
        String n = needle.toLowerCase(java.util.Locale.ROOT);
        return names.isCalled(record.socketId(), n) || socket().toLowerCase(java.util.Locale.ROOT).equals(n)
                || (sourceHost + ":" + sourcePort).contains(n)
                || call().toLowerCase(java.util.Locale.ROOT).contains(n)
                || text().toLowerCase(java.util.Locale.ROOT).contains(n);
    }

    /** The row's cells as the log's columns show them, Data as text or as hex. */
    public java.util.List<String> cells(boolean hexData) {
        return java.util.List.of(time(), socket(), call(), sourceHost, sourcePort, destination(), bytesText(),
                hexData ? hex() : text());
    }

    /**
     * Tab-separated, as pasted into a spreadsheet or an e-mail; a cell a spreadsheet would take for a formula
     * gets a leading quote, as in the exported CSV.
     */
    public String copyText() {
        return cells(false).stream().map(LogExport::spreadsheetSafe).collect(Collectors.joining("\t"));
    }

    /** Everything about a call, with a hex dump of its data, for the detail pane. */
    public static String detail(CallRecord record) {
        return detail(record, new SocketNames());
    }

    /** As above, with sockets by the names given to them. */
    public static String detail(CallRecord record, SocketNames names) {
        return new LogRow(record, new SenderColors(), names).detail();
    }

    /**
     * Everything about the call, with a hex dump of the data, for the detail pane: of data longer than
     * {@link #DUMP_BYTES}, the first DUMP_BYTES and how many more there are. Of large data no more than that is copied
     * or written out, whatever its size.
     */
    public String detail() {
        StringBuilder sb = new StringBuilder();
        String outcome = Inputs.escaped(record.isPending() || record.failed() ? record.outcome() : PyValue.shortRepr(record.value(), DETAIL_BYTES));
        sb.append(expression(record, names)).append('\n');
        sb.append("→ ").append(outcome.length() > 2000 ? outcome.substring(0, 2000) + "…" : outcome).append('\n');
        String took = String.format(java.util.Locale.ROOT, "%.3f", record.durationNanos() / 1e6);
        sb.append(record.blocked() ? Texts.get("sessionRows.logRow.detail.timingWaited", time(), took)
                : Texts.get("sessionRows.logRow.detail.timing", time(), took)).append('\n');
        if (!sourceHost.isEmpty()) {
            sb.append(Texts.get("sessionRows.logRow.detail.source", sourceHost, sourcePort)).append('\n');
        }
        if (record.discarded() > 0) {
            sb.append(Texts.get("sessionRows.logRow.detail.discarded", record.discarded())).append('\n');
        }
        if (payload != null && payload.length() > DUMP_BYTES) {
            int more = payload.length() - DUMP_BYTES;
            sb.append('\n').append(Texts.get("sessionRows.logRow.detail.dumpCut", payload.length(), Texts.count(DUMP_BYTES),
                    Texts.count(more))).append('\n');
            sb.append(Inputs.hexDump(payload.head(DUMP_BYTES).value()));
            sb.append(Texts.get("sessionRows.logRow.detail.dumpMore", Texts.count(more))).append('\n');
        } else if (payload != null) {
            byte[] data = payload.value();
            sb.append('\n').append(Texts.get("sessionRows.logRow.detail.dumpAll", data.length)).append('\n')
                    .append(Inputs.hexDump(data));
        }
        return sb.toString();
    }
}
