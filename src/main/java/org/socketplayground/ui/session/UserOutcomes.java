package org.socketplayground.ui.session;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.engine.SocketEngine;

/**
 * Which of the user's calls the outcome box shows. Calls report from the engine's threads; of those that report
 * between two pulses, and against the one shown, the call that returned last in effect order wins: a select() woken by
 * a send returns after it, although the send's thread may report later. A pending call (one that starts to wait) has
 * no effect number yet and always shows. Also the socket a socket() press made, which the table selects once it has it.
 */
final class UserOutcomes {
    private final AtomicReference<CallRecord> latest = new AtomicReference<>();
    /** The effect number of the call shown last; the JavaFX thread. */
    private long shownEffect;
    /** The user's last call, as target.call; the JavaFX thread. */
    private String lastCall;
    /** The socket to select once the table has it: "" while the user's socket() has not returned; else null. */
    private String toSelect;

    /** The user pressed a call; the JavaFX thread. */
    void called(String target, String call) {
        lastCall = target + "." + call;
        toSelect = call.equals("socket") ? "" : toSelect;
    }

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

    /** Of a burst of waits that started (200 accept() presses), the newest of the user's last call, to show once; or null. */
    CallRecord newestWaitOf(List<CallRecord> pending) {
        CallRecord newest = null;
        for (CallRecord r : pending) {
            if (((r.socketId() == null ? SocketEngine.MODULE : r.socketId()) + "." + r.call()).equals(lastCall)) {
                newest = r;
            }
        }
        return newest;
    }

    /** The outcome box shows this call: a socket() it made is the one to select. */
    void shown(CallRecord r) {
        if (r.call().equals("socket") && !r.failed() && !r.isPending()) {
            toSelect = r.socketId();
        }
    }

    /** The row of the socket the user's socket() made, once the table has it (then only once); else null. */
    SocketRow madeSocketIn(SocketRows rows) {
        SocketRow row = toSelect == null || toSelect.isEmpty() ? null : rows.get(toSelect);
        if (row != null) {
            toSelect = null;
        }
        return row;
    }
}
