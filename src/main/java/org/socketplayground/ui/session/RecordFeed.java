package org.socketplayground.ui.session;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.engine.RecordListener;

/**
 * Collects records from the engine's threads so that the window can take them in one batch per pulse: no
 * Platform.runLater per datagram, and the engine never waits for the user interface.
 *
 * <p>A few records (a student's clicks, a chat) are handed over at the very next pulse. Under a flood, redoing
 * the tables and repainting the log at every pulse would take the processor the receiving threads need and make
 * the pulses late; so while many records wait, they are handed over in batches, at most every
 * {@link #MIN_FLOOD_INTERVAL_NANOS} (ten times a second: more than anyone can read, and each move of the log
 * costs a repaint that the receiving threads would rather have). When the pulses come late all the same (the window's
 * work, or the machine, cannot keep up), the batches come further apart, up to {@link #MAX_FLOOD_INTERVAL_NANOS};
 * when the pulses are on time again, closer. The window keeps answering at every pulse, the log moves as often as
 * the machine allows, and no record is dropped or reordered.
 */
final class RecordFeed implements RecordListener {
    /** From this many waiting records on, the feed counts as a flood. */
    static final int FLOOD_RECORDS = 256;
    /** The shortest time between two batches during a flood (system property playground.floodBatchMs). */
    static final long MIN_FLOOD_INTERVAL_NANOS = Long.getLong("playground.floodBatchMs", 100) * 1_000_000L;
    /** The longest: the log still moves four times a second (system property playground.floodBatchMaxMs). */
    static final long MAX_FLOOD_INTERVAL_NANOS = Math.max(MIN_FLOOD_INTERVAL_NANOS,
            Long.getLong("playground.floodBatchMaxMs", 250) * 1_000_000L);
    /** A pulse that comes later than this after the one before is late (two frames at 60 Hz). */
    static final long LATE_PULSE_NANOS = 34_000_000L;

    private final ConcurrentLinkedQueue<CallRecord> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    // Used by the window's thread only.
    private long lastBatchNanos = Long.MIN_VALUE / 2;
    private long lastDrainNanos;
    private long floodInterval = MIN_FLOOD_INTERVAL_NANOS;

    @Override
    public void onRecord(CallRecord record) {
        queue.add(record);
        size.incrementAndGet();
    }

    /**
     * Called once per pulse: everything that arrived since the last batch, oldest first; empty while a flood
     * waits for its next batch.
     */
    List<CallRecord> drain() {
        return drain(System.nanoTime());
    }

    List<CallRecord> drain(long nowNanos) {
        long sincePulse = lastDrainNanos == 0 ? 0 : nowNanos - lastDrainNanos;
        lastDrainNanos = nowNanos;
        int waiting = size.get();
        if (waiting == 0) {
            return new ArrayList<>(0);
        }
        if (waiting >= FLOOD_RECORDS) {
            if (sincePulse > LATE_PULSE_NANOS) {
                floodInterval = Math.min(MAX_FLOOD_INTERVAL_NANOS, floodInterval * 3 / 2);
            } else {
                floodInterval = Math.max(MIN_FLOOD_INTERVAL_NANOS, floodInterval - floodInterval / 16);
            }
            if (nowNanos - lastBatchNanos < floodInterval) {
                return new ArrayList<>(0);
            }
        }
        lastBatchNanos = nowNanos;
        List<CallRecord> batch = new ArrayList<>(waiting);
        // Only what was there when the batch began: a fast sender must not keep the window's thread here.
        CallRecord r;
        while (batch.size() < waiting && (r = queue.poll()) != null) {
            batch.add(r);
        }
        size.addAndGet(-batch.size());
        return batch;
    }

    /** The current shortest time between two batches, for tests and measurements. */
    long floodIntervalNanos() {
        return floodInterval;
    }
}
