package org.socketplayground.ui.session;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import javafx.application.Platform;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.engine.RecordListener;

/**
 * Collects records from the engine's threads so that the window can take them in batches at its pulses: no
 * Platform.runLater per datagram, and the engine never waits for the user interface. (A flood's batch is then taken
 * a slice a frame, {@link RecordIntake#step}; the next batch is drained when it is done.)
 *
 * <p>A record after a quiet moment (a student's click) is handed over at the very next pulse; after that, batches
 * come at most every {@link #MIN_FLOOD_INTERVAL_NANOS} (ten times a second: more than anyone can read, and each move
 * of the log costs a repaint that the receiving threads would rather have), whether a chat or a flood comes in. Under
 * a flood, when the pulses come late all the same (the window's work, or the machine, cannot keep up), the batches
 * come further apart, up to {@link #MAX_FLOOD_INTERVAL_NANOS}; when the pulses are on time again, closer. The window
 * keeps answering at every pulse, the log moves as often as the machine allows, and no record is dropped.
 *
 * <p>Records leave in the order their effects happened ({@link CallRecord#effect()}), not the order their threads
 * published them: a send before the receive it woke, a call that waited where it returned. A finished record waits
 * here until every effect numbered before it has been published (the engine's horizon) — a few microseconds.
 * Pending records (a call starts to wait) leave at once: they announce, they are no effect.
 *
 * <p>What waits here has a budget in bytes too ({@link #MAX_QUEUED_BYTES}): a peer flooding 64 KiB datagrams fills
 * gigabytes between two batches when the window's thread is busy for a moment. Over the budget, a batch is handed
 * over at the next pulse, and a thread that publishes more waits (never the window's thread, never for long) until the
 * window has taken what is there: the kernel keeps or drops what comes meanwhile, as for any slow receiver, and the
 * counters count what the sockets received.
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
    /**
     * The data the queue holds at most before publishers wait (playground.feedBytes): more than a flood of small
     * datagrams brings between two batches (200,000 a second for 250 ms), a few pulses' worth of 64 KiB ones.
     */
    static final long MAX_QUEUED_BYTES = Long.getLong("playground.feedBytes", 48_000_000L);
    /** A publisher waits no longer than this, and not at all when the window has taken nothing for as long (closing). */
    private static final long MAX_WAIT_NANOS = 1_000_000_000L;

    private final ConcurrentLinkedQueue<CallRecord> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final Object room = new Object();
    private volatile long lastDrainAt = System.nanoTime();
    private static final Comparator<CallRecord> BY_EFFECT = Comparator.comparingLong(CallRecord::effect);
    private final LongSupplier horizon;
    private final long minInterval;
    /** Finished records taken from the queue whose turn has not come yet, in order; the window's thread only. */
    private List<CallRecord> early = new ArrayList<>();
    // Used by the window's thread only.
    private long lastBatchNanos = Long.MIN_VALUE / 2;
    private long lastDrainNanos;
    private long floodInterval;

    /** @param horizon the engine's effect horizon ({@code SocketEngine::effectHorizon}) */
    RecordFeed(LongSupplier horizon) {
        this(horizon, MIN_FLOOD_INTERVAL_NANOS);
    }

    /** With the shortest time between two batches: 0 hands over what came at every drain (the tests of the order). */
    RecordFeed(LongSupplier horizon, long minIntervalNanos) {
        this.horizon = horizon;
        this.minInterval = minIntervalNanos;
        this.floodInterval = Math.max(minIntervalNanos, MIN_FLOOD_INTERVAL_NANOS);
    }

    @Override
    public void onRecord(CallRecord record) {
        // Counted before queued: a drain then never takes a record it has not counted in place of one it has.
        size.incrementAndGet();
        long bytes = queuedBytes.addAndGet(bytes(record));
        queue.add(record);
        if (bytes > MAX_QUEUED_BYTES && !Platform.isFxApplicationThread()) {
            awaitRoom();   // after queuing: the record's own turn never waits for this thread
        }
    }

    /** What a queued record costs: its data, and a little for the record, its arguments and addresses. */
    private static long bytes(CallRecord r) {
        return r.isPending() ? 0 : LogRow.cost(r) - LogRow.ROW_BYTES + 256;
    }

    private void awaitRoom() {
        long start = System.nanoTime();
        synchronized (room) {
            while (queuedBytes.get() > MAX_QUEUED_BYTES) {
                long now = System.nanoTime();
                long left = Math.min(start + MAX_WAIT_NANOS, lastDrainAt + MAX_WAIT_NANOS) - now;
                if (left <= 0) {
                    return;
                }
                try {
                    room.wait(Math.max(1, left / 1_000_000L));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * The window is still taking records (the slices of the last batch) without draining: publishers over the byte
     * budget keep waiting for it rather than take it for closed.
     */
    void taking() {
        lastDrainAt = System.nanoTime();
    }

    /**
     * Called once per pulse: everything that arrived since the last batch, oldest first; empty while a flood
     * waits for its next batch.
     */
    List<CallRecord> drain() {
        return drain(System.nanoTime());
    }

    List<CallRecord> drain(long nowNanos) {
        return drain(nowNanos, false);
    }

    /** As {@link #drain()}; now hands over what came without waiting for the batch's turn (the user's own call). */
    List<CallRecord> drain(long nowNanos, boolean now) {
        long sincePulse = lastDrainNanos == 0 ? 0 : nowNanos - lastDrainNanos;
        lastDrainNanos = nowNanos;
        lastDrainAt = System.nanoTime();
        // First the horizon, then the queue: every record numbered below it is in the queue by now.
        long released = horizon.getAsLong();
        int waiting = size.get();
        if (waiting == 0 && early.isEmpty()) {
            return List.of();   // nothing came: nothing to do, nothing made
        }
        boolean flood = waiting >= FLOOD_RECORDS;
        if (flood) {
            if (sincePulse > LATE_PULSE_NANOS) {
                floodInterval = Math.min(MAX_FLOOD_INTERVAL_NANOS, floodInterval * 3 / 2);
            } else {
                floodInterval = Math.max(MIN_FLOOD_INTERVAL_NANOS, floodInterval - floodInterval / 16);
            }
        }
        // Over half the byte budget a batch goes at once, so that the publishers need not wait.
        if (!now && nowNanos - lastBatchNanos < (flood ? floodInterval : minInterval) && queuedBytes.get() < MAX_QUEUED_BYTES / 2) {
            return List.of();
        }
        lastBatchNanos = nowNanos;
        if (waiting == 0) {
            return inOrder(new ArrayList<>(early.size()), released);
        }
        List<CallRecord> batch = new ArrayList<>(waiting);
        // Only what was there when the batch began: a fast sender must not keep the window's thread here.
        List<CallRecord> done = new ArrayList<>(waiting);
        CallRecord r;
        int taken = 0;
        long takenBytes = 0;
        while (taken < waiting && (r = queue.poll()) != null) {
            taken++;
            takenBytes += bytes(r);
            (r.isPending() ? batch : done).add(r);
        }
        size.addAndGet(-taken);
        if (queuedBytes.getAndAdd(-takenBytes) > MAX_QUEUED_BYTES) {
            synchronized (room) {
                room.notifyAll();
            }
        }
        // Mostly in order already (a flood comes from one receiving thread), which the sort sees in one pass.
        done.sort(BY_EFFECT);
        early = merge(early, done);
        return inOrder(batch, released);
    }

    /** Two lists in effect order, as one. */
    private static List<CallRecord> merge(List<CallRecord> a, List<CallRecord> b) {
        if (a.isEmpty()) {
            return b;
        }
        List<CallRecord> out = new ArrayList<>(a.size() + b.size());
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            boolean fromA = j == b.size() || i < a.size() && a.get(i).effect() < b.get(j).effect();
            out.add(fromA ? a.get(i++) : b.get(j++));
        }
        return out;
    }

    /** Adds the finished records whose turn has come, in the order of their effects. */
    private List<CallRecord> inOrder(List<CallRecord> batch, long released) {
        int ready = 0;
        while (ready < early.size() && early.get(ready).effect() < released) {
            ready++;
        }
        batch.addAll(early.subList(0, ready));
        if (ready == early.size()) {
            early.clear();   // the common case: everything's turn has come
        } else {
            early = new ArrayList<>(early.subList(ready, early.size()));
        }
        return batch;
    }
}
