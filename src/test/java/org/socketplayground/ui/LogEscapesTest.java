package org.socketplayground.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.engine.SocketEngine;
import org.socketplayground.engine.py.PyValue;
import org.socketplayground.robustness.Robustness;
import org.socketplayground.ui.session.LogRow;
import org.socketplayground.ui.session.SenderColors;

/**
 * Issue 17: every code point that must never be shown raw ({@link MustEscape}: Cc, Cf, Zl, Zp, Cs, Co, chosen by
 * Unicode's categories and not by the log's own function) comes out escaped in every text of a log row (its
 * columns, the copied row, the detail pane), whether it came in a datagram, in an argument, in a call's name or in
 * an error message. Every such code point, not a random sample.
 */
@ExtendWith(Robustness.class)
@Robustness.Group(Robustness.SECURITY)
class LogEscapesTest {
    private static final PyValue.Tuple SENDER = SocketEngine.address("127.0.0.1", 40000);

    /** Every code point the oracle says must be escaped. */
    private static List<Integer> mustEscape() {
        List<Integer> out = new ArrayList<>();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (MustEscape.codePoint(cp)) {
                out.add(cp);
            }
        }
        return out;
    }

    /** The code point's bytes, as UTF-8, or for a surrogate as the three bytes a lax encoder writes (invalid UTF-8). */
    private static byte[] utf8(int cp) {
        if (Character.getType(cp) == Character.SURROGATE) {
            return new byte[] {(byte) 0xed, (byte) (0x80 | ((cp >> 6) & 0x3f)), (byte) (0x80 | (cp & 0x3f))};
        }
        return new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
    }

    /** The problems with every text of the row, or nothing. */
    private static String problem(LogRow row) {
        List<String> texts = new ArrayList<>(row.cells(false));
        texts.add(row.hex());
        texts.addAll(List.of(row.copyText().split("\t", -1)));   // tabs part the cells
        for (String t : texts) {
            String raw = MustEscape.raw(t, false);
            if (raw != null) {
                return "a cell shows " + raw;
            }
        }
        String raw = MustEscape.raw(row.detail(), true);
        return raw == null ? null : "the detail pane shows " + raw;
    }

    @Test
    void everyControlFormatBidiSeparatorSurrogateAndPrivateUseCodePointInADatagramIsEscaped() {
        List<Integer> all = mustEscape();
        assertTrue(all.containsAll(List.of(0x0, 0x1b, 0x7f, 0x85, 0x202e, 0x2066, 0x2069, 0x200e, 0x200f, 0x061c, 0x2028,
                0x2029, 0xd800, 0xdfff, 0xe000, 0x10fffd)), "the oracle knows the code points the issue names");
        SenderColors colours = new SenderColors();
        List<String> failures = new ArrayList<>();
        long seq = 0;
        for (int cp : all) {
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            data.writeBytes("a".getBytes(StandardCharsets.US_ASCII));
            data.writeBytes(utf8(cp));
            data.writeBytes("b".getBytes(StandardCharsets.US_ASCII));
            byte[] bytes = data.toByteArray();
            seq++;
            CallRecord received = new CallRecord(seq, Instant.now(), "s1", "recvfrom", List.of(PyValue.of(1024)),
                    CallRecord.Status.DONE, PyValue.tuple(PyValue.of(bytes), SENDER), null, 1000, false, 0, SENDER);
            seq++;
            CallRecord sent = new CallRecord(seq, Instant.now(), "s2", "sendto", List.of(PyValue.of(bytes), SENDER),
                    CallRecord.Status.DONE, PyValue.of(bytes.length), null, 1000, false, 0, SENDER);
            for (CallRecord r : List.of(received, sent)) {
                LogRow row = new LogRow(r, colours);
                String p = problem(row);
                // The datagram's bytes are shown as escapes: each one of the code point as \xNN.
                StringBuilder escaped = new StringBuilder();
                for (byte b : utf8(cp)) {
                    escaped.append(String.format("\\x%02x", b & 0xff));
                }
                String named = cp == '\t' ? "\\t" : cp == '\n' ? "\\n" : cp == '\r' ? "\\r" : null;   // as Python writes them
                if (named != null) {
                    escaped = new StringBuilder(named);
                }
                if (p == null && !row.text().contains(escaped)) {
                    p = "the data column " + row.text() + " lacks " + escaped;
                }
                if (p != null && failures.size() < 10) {
                    failures.add(String.format("U+%04X in %s: %s", cp, r.call(), p));
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        Robustness.figure(String.format("%,d code points of categories Cc, Cf, Zl, Zp, Cs and Co, each in a datagram "
                + "received and sent: every one escaped in the log", all.size()));
    }

    @Test
    void everySuchCodePointInACallsNameArgumentsOrErrorIsEscaped() {
        List<String> failures = new ArrayList<>();
        long seq = 0;
        try (SocketEngine engine = new SocketEngine()) {
            String s = ((PyValue.SocketRef) engine.call(SocketEngine.MODULE, "socket",
                    List.of(PyValue.of(2), PyValue.of(2))).value()).id();
            for (int cp : mustEscape()) {
                String ch = new String(Character.toChars(cp));
                List<CallRecord> records = new ArrayList<>();
                if (cp == 0x202e || cp == 0x2066 || cp == 0x0 || cp == 0x1b || cp == 0x2028 || cp == 0xe000) {
                    // Real calls for a few: a method name the socket lacks, and a host no resolver knows.
                    records.add(engine.call(s, "send" + ch, List.of(PyValue.of(new byte[] {'x'}))));
                    records.add(engine.call(s, "sendto", List.of(PyValue.of(new byte[] {'x'}),
                            SocketEngine.address("evil" + ch + "host", 9))));
                }
                // What those calls record, for every code point: made here, as the engine makes them.
                seq++;
                records.add(new CallRecord(seq, Instant.now(), s, "send" + ch, List.of(PyValue.of(new byte[] {'x'})),
                        CallRecord.Status.DONE, null, new org.socketplayground.engine.PyError("AttributeError", null,
                        "'socket' object has no attribute 'send" + ch + "'"), 1000, false, 0, null));
                seq++;
                records.add(new CallRecord(seq, Instant.now(), s, "bind", List.of(SocketEngine.address("a" + ch, 0)),
                        CallRecord.Status.DONE, null, new org.socketplayground.engine.PyError("socket.gaierror", -2,
                        "Name or service not known " + ch), 1000, false, 0, null));
                for (CallRecord r : records) {
                    String p = problem(new LogRow(r, new SenderColors()));
                    if (p != null && failures.size() < 10) {
                        failures.add(String.format("U+%04X in %s: %s", cp, r.call().length() > 12 ? "a call's name" : r.call(), p));
                    }
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }
}
