package org.socketplayground.transcript;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.engine.py.PyValue;

/**
 * Large payloads as the Python pane and the saved script keep them: the first bytes and the length, never the whole.
 * The log keeps whole payloads within its byte budget ({@code SessionLog}); the pane keeps thousands of calls for
 * longer, so a call whose data is longer than {@link #WHOLE_BYTES} is kept as a copy of the record with only the first
 * {@link #SHOWN_BYTES} bytes, and a {@link Cut} that says how long the data was. Written as Python, it still runs
 * and sends as many bytes: {@code b'x' * 65507} when every byte is the same, else the first bytes padded with zeros
 * ({@code b'hello' + bytes(65502)}).
 */
final class Payloads {
    /** Data up to this long is kept and written whole. */
    static final int WHOLE_BYTES = 256;
    /** Of longer data, the pane and the script show this many bytes. */
    static final int SHOWN_BYTES = 64;

    private Payloads() {
    }

    /**
     * What is left of a large payload.
     *
     * @param length  how many bytes there were
     * @param uniform the one value every byte had (0-255), or -1
     */
    record Cut(int length, int uniform) {
        /** The data as a Python expression that makes as many bytes: {@code b'x' * 65507}, {@code b'...' + bytes(n)}. */
        String source(PyValue.Bytes head) {
            if (uniform >= 0) {
                return PyValue.of(new byte[] {(byte) uniform}).repr() + " * " + length;
            }
            return head.repr() + " + bytes(" + (length - head.length()) + ")";
        }

        /** Said after a send's outcome when the script's data differs from what was sent, or null. */
        String note(PyValue.Bytes head) {
            return uniform >= 0 ? null : String.format(Locale.ROOT, "%,d bytes sent; the first %d shown, zeros for the rest",
                    length, head.length());
        }

        /** The data's repr, shortened: its first bytes and how many more there were. */
        String repr(PyValue.Bytes head) {
            return head.repr() + "…(" + (length - head.length()) + " more bytes)";
        }
    }

    /** A call as the transcript keeps it: the record (its data cut if it was large), and the cut, or null. */
    record Kept(CallRecord record, Cut cut) {
        /** The data the record keeps: the first bytes of a cut payload, or the whole of a small one; else null. */
        PyValue.Bytes data() {
            return dataOf(record);
        }
    }

    /** The payload of a send (its first argument) or of a receive (what it returned), or null. */
    static PyValue.Bytes dataOf(CallRecord r) {
        PyValue.Bytes received = r.receivedData();
        if (received != null) {
            return received;
        }
        return isSend(r) && !r.args().isEmpty() && r.args().get(0) instanceof PyValue.Bytes sent ? sent : null;
    }

    static boolean isSend(CallRecord r) {
        return r.call().equals("send") || r.call().equals("sendto") || r.call().equals("sendall");
    }

    /** The call as the transcript keeps it: small data whole, large data cut to its first bytes. */
    static Kept keep(CallRecord r) {
        PyValue.Bytes data = dataOf(r);
        if (data == null || data.length() <= WHOLE_BYTES) {
            return new Kept(r, null);
        }
        PyValue.Bytes head = data.head(SHOWN_BYTES);
        List<PyValue> args = r.args();
        PyValue value = r.value();
        if (r.receivedData() == data) {
            value = value instanceof PyValue.Tuple t ? withFirst(t.items(), head) : head;
        } else {
            args = withFirst(args, head).items();
        }
        CallRecord slim = new CallRecord(r.seq(), r.time(), r.socketId(), r.call(), args, r.status(), value, r.error(),
                r.durationNanos(), r.blocked(), r.discarded(), r.source(), r.destination(), r.effect(), r.lab());
        return new Kept(slim, new Cut(data.length(), data.uniform()));
    }

    private static PyValue.Tuple withFirst(List<PyValue> items, PyValue first) {
        List<PyValue> out = new ArrayList<>(items);
        out.set(0, first);
        return new PyValue.Tuple(out);
    }
}
