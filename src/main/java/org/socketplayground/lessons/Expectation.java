package org.socketplayground.lessons;

import java.util.Locale;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.i18n.Texts;

/**
 * The call a step waits for, written {@code recvfrom -> BlockingIOError} or {@code socket(SOCK_DGRAM) -> ok}:
 * the call's name, optionally text its arguments contain, and optionally what its outcome must be
 * ({@code ok}, {@code error}, or text the outcome contains).
 */
public record Expectation(String call, String argsContain, String outcome) {

    public static Expectation parse(String text) {
        String t = text.strip();
        String outcome = null;
        int arrow = t.indexOf("->");
        if (arrow >= 0) {
            outcome = t.substring(arrow + 2).strip();
            t = t.substring(0, arrow).strip();
        }
        String args = null;
        int paren = t.indexOf('(');
        if (paren >= 0) {
            args = t.substring(paren + 1, t.lastIndexOf(')') > paren ? t.lastIndexOf(')') : t.length()).strip();
            t = t.substring(0, paren).strip();
        }
        return new Expectation(t, args == null || args.isEmpty() ? null : args, outcome == null || outcome.isEmpty() ? null : outcome);
    }

    public boolean matches(CallRecord r) {
        if (r.isPending() || !r.call().equals(call)) {
            return false;
        }
        if (argsContain != null && !r.expression().contains(argsContain)) {
            return false;
        }
        if (outcome == null) {
            return true;
        }
        return switch (outcome.toLowerCase(Locale.ROOT)) {
            case "ok" -> !r.failed();
            case "error" -> r.failed();
            default -> r.outcome().contains(outcome);
        };
    }

    /** In words, for the lesson pane: what the student should make happen. */
    public String describe() {
        String what = call + "(" + (argsContain == null ? "" : "… " + argsContain + " …") + ")";
        if (outcome == null) {
            return what;
        }
        return switch (outcome.toLowerCase(Locale.ROOT)) {
            case "ok" -> Texts.get("lessons.expectation.succeeds", what);
            case "error" -> Texts.get("lessons.expectation.raises", what);
            default -> Texts.get("lessons.expectation.giving", what, outcome);
        };
    }
}
