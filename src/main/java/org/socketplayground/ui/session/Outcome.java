package org.socketplayground.ui.session;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.engine.py.PyValue;
import org.socketplayground.i18n.Texts;
import org.socketplayground.transcript.SocketNames;

/**
 * What the calls pane says about the user's last call: the call, its outcome in Python's words, a style
 * ({@code pending}, {@code success}, {@code error}, or {@code refused} for input that never became a call) and a
 * line in plain words. A class rather than a record on purpose: two refusals that read the same are still two
 * events for the views that show them.
 */
public final class Outcome {
    /** The most the call or the outcome shows, whatever else it holds: about two lines of the pane. */
    static final int SHOWN_CHARS = 160;
    /** Data whose Python form is longer than this shows {@link #DATA_CHARS} of it and how many more bytes there are. */
    static final int WHOLE_DATA_CHARS = 48;
    static final int DATA_CHARS = 24;

    private final String call;
    private final String text;
    private final String style;
    private final String explanation;
    private final CallRecord record;
    private final String field;

    private Outcome(String call, String text, String style, String explanation, CallRecord record, String field) {
        this.call = call;
        this.text = text;
        this.style = style;
        this.explanation = explanation;
        this.record = record;
        this.field = field;
    }

    /**
     * A call's outcome, short enough for the two lines the pane gives the call and its outcome each: data longer than
     * a few words shows its beginning and how many more bytes there are, as the log does (the details tab has every
     * byte). A 70,000-byte send must not push the controls off the screen.
     */
    public static Outcome of(CallRecord r) {
        return of(r, new SocketNames());
    }

    /** As {@link #of(CallRecord)}, the socket called by the name a lesson gave it, as the table and the log call it. */
    public static Outcome of(CallRecord r, SocketNames names) {
        Explanations.Explanation e = Explanations.of(r);
        String call = (r.isModuleCall() ? r.module() : Inputs.escaped(names.of(r.socketId()))) + "." + r.call()
                + r.args().stream().map(a -> brief(a, true)).collect(Collectors.joining(", ", "(", ")"));
        return new Outcome(Format.cap(call, SHOWN_CHARS),
                r.isPending() ? Texts.get("session.outcome.waiting") : Format.cap(r.failed() ? r.outcome() : brief(r.value(), false), SHOWN_CHARS),
                r.isPending() ? "pending" : r.failed() ? "error" : "success",
                e.hint() == null ? e.meaning() : Texts.get("session.outcome.withHint", e.meaning(), e.hint()), r, null);
    }

    /** A value as Python writes it (source) or prints it (repr), long data shortened; tuples (recvfrom's) looked into. */
    static String brief(PyValue value, boolean source) {
        if (value instanceof PyValue.Tuple t) {
            return t.items().stream().map(v -> brief(v, source))
                    .collect(Collectors.joining(", ", "(", t.size() == 1 ? ",)" : ")"));
        }
        if (value instanceof PyValue.Bytes b) {
            // a long datagram's Python form is never made whole: 65,507 bytes can be 260,000 characters
            String whole = b.length() <= WHOLE_DATA_CHARS ? b.repr() : null;
            return whole != null && whole.length() <= WHOLE_DATA_CHARS ? whole : shortened(b);
        }
        return source ? value.source() : value.repr();
    }

    /** The beginning of the data, at most DATA_CHARS of Python, then how many more bytes there are. */
    private static String shortened(PyValue.Bytes b) {
        byte[] data = b.value();
        int n = Math.min(data.length, DATA_CHARS);
        String part = PyValue.of(Arrays.copyOf(data, n)).repr();
        while (part.length() > DATA_CHARS + 3 && n > 1) {   // escapes (\x00) take four characters a byte
            n--;
            part = PyValue.of(Arrays.copyOf(data, n)).repr();
        }
        return part + Format.moreBytes(data.length - n);   // as the log writes it
    }

    /** No call was made: what stopped it, why, and the fx:id of the field to fix (or null). */
    public static Outcome refused(String what, String why, String field) {
        return new Outcome(what, why, "refused", "", null, field);
    }

    public String call() {
        return call;
    }

    public String text() {
        return text;
    }

    public String style() {
        return style;
    }

    public String explanation() {
        return explanation;
    }

    /** The call's record; null for a refusal. */
    public CallRecord record() {
        return record;
    }

    /** For a refusal, the fx:id of the field that needs fixing: the calls pane puts the cursor there. */
    public String field() {
        return field;
    }
}
