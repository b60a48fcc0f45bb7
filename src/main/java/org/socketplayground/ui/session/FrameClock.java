package org.socketplayground.ui.session;

import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;

/**
 * When the views refresh. After each batch of records ({@link RecordFeed}: at most ten a second under traffic) the
 * views of calls refresh (the log, the outcome, the Python pane); four times a second, whatever comes, the views of
 * rates, counters and times (the sparkline, the status bar). A frame in which neither is due does no work at all, so
 * that a window with nothing new repaints nothing. The JavaFX thread only.
 */
final class FrameClock {
    /** How often the slow views refresh: often enough for a rate or a waiting time, rarely enough to cost nothing. */
    static final long TICK_NANOS = 250_000_000L;

    private final ReadOnlyLongWrapper refreshed = new ReadOnlyLongWrapper(this, "refreshed");
    private final ReadOnlyLongWrapper ticks = new ReadOnlyLongWrapper(this, "ticks");
    private long lastTick = Long.MIN_VALUE / 2;

    /** Whether this frame is one of the slow views' four a second. */
    boolean tickDue(long now) {
        return now - lastTick >= TICK_NANOS;
    }

    /** Tells the views: the fast ones always, the slow ones when their tick is due. */
    void refresh(long now, boolean tick) {
        refreshed.set(now);
        if (tick) {
            lastTick = now;
            ticks.set(now);
        }
    }

    ReadOnlyLongProperty refreshedProperty() {
        return refreshed.getReadOnlyProperty();
    }

    ReadOnlyLongProperty ticksProperty() {
        return ticks.getReadOnlyProperty();
    }
}
