package org.socketplayground.ui;

import java.util.stream.Collectors;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.engine.py.PyValue;

/**
 * One finished call as a row of the live log. Data calls fill the source and bytes columns: for what came in,
 * the source is the sender; for what went out, it is this socket's own address.
 */
public final class LogRow {
    /** How much of a payload the data column shows; the detail pane has all of it. */
    static final int SHOWN_BYTES = 200;

    private final CallRecord record;
    private final String sourceHost;
    private final String sourcePort;
    /** The data that came in or went out, kept as the record holds it: copied only when asked for. */
    private final PyValue.Bytes payload;
    private final int colour;
    // Made on first use: the log keeps thousands of rows, the table shows a screenful.
    private String time;
    private String call;
    private String text;

    /**
     * Cheap on purpose: under a flood the window makes a row for every call it keeps, but only the rows on
     * screen ever show their text, so the texts are made when a cell first asks for them. The sender's colour is
     * taken here, in the order the calls arrived.
     */
    LogRow(CallRecord record, SenderColors colours) {
        this.record = record;
        PyValue.Tuple source = null;
        PyValue.Bytes bytes = null;
        if (!record.failed()) {
            PyValue.Bytes got = record.receivedData();
            if (got != null) {
                bytes = got;
                source = record.source();
            } else if (isSend(record.call()) && record.args().get(0) instanceof PyValue.Bytes sent) {
                bytes = sent;
                source = record.source();
            } else if (record.call().equals("accept")) {
                source = record.source();
            }
        }
        this.payload = bytes;
        if (source != null) {
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

    /** The call with its arguments, payloads shortened; an arrow tells the direction of data. */
    private static String callText(CallRecord r) {
        String args = r.args().stream().map(a -> {
            String s = a instanceof PyValue.Const c ? c.name() : a.source();
            return s.length() > 24 ? s.substring(0, 20) + "…" + s.charAt(s.length() - 1) : s;
        }).collect(Collectors.joining(", "));
        String arrow = r.receivedData() != null ? "← " : isSend(r.call()) && !r.failed() ? "→ " : "";
        return arrow + r.call() + "(" + args + ")";
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

    public String socket() {
        return record.socketId() == null ? "socket" : record.socketId();
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

    public String bytesText() {
        if (payload == null) {
            return "";
        }
        int bytes = payload.length();
        return record.discarded() > 0 ? bytes + " (+" + record.discarded() + " lost)" : Integer.toString(bytes);
    }

    public String text() {
        if (text == null) {
            text = payload == null ? record.outcome() : Inputs.text(payload.value(), SHOWN_BYTES);
        }
        return text;
    }

    public String hex() {
        return payload == null ? text() : Inputs.hex(payload.value(), SHOWN_BYTES);
    }

    public byte[] data() {
        return payload == null ? null : payload.value();
    }

    /** Whether the row has data, without copying it. */
    boolean hasData() {
        return payload != null;
    }

    public int colour() {
        return colour;
    }

    public boolean failed() {
        return record.failed();
    }

    /** Whether the row mentions the text: its socket, its sender as host:port, its call or its data. */
    boolean matches(String needle) {
        String n = needle.toLowerCase(java.util.Locale.ROOT);
        return socket().toLowerCase(java.util.Locale.ROOT).equals(n)
                || (sourceHost + ":" + sourcePort).contains(n)
                || call().toLowerCase(java.util.Locale.ROOT).contains(n)
                || text().toLowerCase(java.util.Locale.ROOT).contains(n);
    }

    /** Tab-separated, as pasted into a spreadsheet or an e-mail. */
    String copyText() {
        return String.join("\t", time(), socket(), call(), sourceHost, sourcePort, bytesText(), text());
    }

    /** Everything about the call, with a hex dump of the data, for the detail pane. */
    String detail() {
        StringBuilder sb = new StringBuilder();
        sb.append(record.expression()).append('\n');
        sb.append("→ ").append(record.outcome().length() > 2000 ? record.outcome().substring(0, 2000) + "…" : record.outcome()).append('\n');
        sb.append("at ").append(time()).append(", took ").append(String.format("%.3f ms", record.durationNanos() / 1e6));
        sb.append(record.blocked() ? ", waited for the network" : "").append('\n');
        if (!sourceHost.isEmpty()) {
            sb.append("source ").append(sourceHost).append(" port ").append(sourcePort).append('\n');
        }
        if (record.discarded() > 0) {
            sb.append(record.discarded()).append(" bytes did not fit in bufsize and were lost\n");
        }
        if (payload != null) {
            byte[] data = payload.value();
            sb.append('\n').append(data.length).append(" bytes:\n").append(Inputs.hexDump(data));
        }
        return sb.toString();
    }
}
