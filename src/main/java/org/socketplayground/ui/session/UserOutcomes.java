package org.socketplayground.ui.session;

import java.util.concurrent.atomic.AtomicReference;
import org.socketplayground.engine.CallRecord;

/**
 * Which of the user's calls the outcome box shows. Calls report from the engine's threads; of those that report
 * between two pulses, and against the one shown, the call that returned last in effect order wins: a select() woken by
 * a send returns after it, although the send's thread may report later. A pending call (one that starts to wait) has
 * no effect number yet and always shows.
 */
final class UserOutcomes {
    private final AtomicReference<CallRecord> latest = new AtomicReference<>();
    /** The effect number of the call shown last; the JavaFX thread. */
    private long shownEffect;

    /** A call of the user's reported; any thread. */
    void reported(CallRecord record) {
        if (record != null) {
            latest.accumulateAndGet(record, (kept, now) -> kept == null || now.isPending() || kept.isPending()
                    || now.effect() >= kept.effect() ? now : kept);
        }
    }

    /** The call whose outcome to show at this pulse, or null; the JavaFX thread. */
    CallRecord take() {
        CallRecord r = latest.getAndSet(null);
        if (r == null || !r.isPending() && r.effect() < shownEffect) {
            return null;
        }
        shownEffect = Math.max(shownEffect, r.effect());
        return r;
    }
}
