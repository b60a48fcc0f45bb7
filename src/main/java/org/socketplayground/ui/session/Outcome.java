package org.socketplayground.ui.session;

import org.socketplayground.engine.CallRecord;

/**
 * What the calls pane says about the user's last call: the call, its outcome in Python's words, a style
 * ({@code pending}, {@code success}, {@code error}, or {@code refused} for input that never became a call) and a
 * line in plain words. A class rather than a record on purpose: two refusals that read the same are still two
 * events for the views that show them.
 */
public final class Outcome {
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

    /** A call's outcome; a call with megabytes of data must not become a label of megabytes. */
    public static Outcome of(CallRecord r) {
        Explanations.Explanation e = Explanations.of(r);
        return new Outcome(Format.cap(r.expression(), Format.LABEL_CHARS),
                r.isPending() ? "waiting…" : Format.cap(r.outcome(), Format.LABEL_CHARS),
                r.isPending() ? "pending" : r.failed() ? "error" : "success",
                e.hint() == null ? e.meaning() : e.meaning() + "\nHint: " + e.hint(), r, null);
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
