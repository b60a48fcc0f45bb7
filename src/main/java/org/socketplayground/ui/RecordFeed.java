package org.socketplayground.ui;

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
 * <p>A few records (a student's clicks, a chat) are handed over at the very next pulse. Under a flood the
 * window would redo its tables and repaint the log at every pulse, 60 times a second, for rows no one can read
 * at that pace, and take the processor the receiving loop needs; so when many records wait, they are handed
 * over at most every {@link #FLOOD_INTERVAL_NANOS}: the pulses go on at full rate (the window answers at once),
 * the log moves 25 times a second, and nothing is dropped or reordered.
 */
final class RecordFeed implements RecordListener {
    /** From this many waiting records on, the feed counts as a flood. */
    static final int FLOOD_RECORDS = 256;
    /** The shortest time between two batches during a flood (system property playground.floodBatchMs). */
    static final long FLOOD_INTERVAL_NANOS = Long.getLong("playground.floodBatchMs", 40) * 1_000_000L;

    private final ConcurrentLinkedQueue<CallRecord> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private long lastBatchNanos = System.nanoTime() - FLOOD_INTERVAL_NANOS;

    @Override
    public void onRecord(CallRecord record) {
        queue.add(record);
        size.incrementAndGet();
    }

    /** Everything that arrived since the last batch, oldest first; empty while a flood waits for its next batch. */
    List<CallRecord> drain() {
        return drain(System.nanoTime());
    }

    List<CallRecord> drain(long nowNanos) {
        int waiting = size.get();
        if (waiting == 0 || (waiting >= FLOOD_RECORDS && nowNanos - lastBatchNanos < FLOOD_INTERVAL_NANOS)) {
            return new ArrayList<>(0);
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
}
