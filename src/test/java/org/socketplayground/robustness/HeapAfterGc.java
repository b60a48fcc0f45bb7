package org.socketplayground.robustness;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The heap in use after a full collection that really ran. {@code System.gc()} alone is not enough: while any thread
 * is inside a JNI critical region (JavaFX's render thread, QuantumRenderer, often is while it paints; -Xlog:gc+jni=debug
 * names it), G1 skips the requested full collection without a word, and the heap then still holds every young object
 * a flood left behind. Measured so, one run in four of the memory test read 700–1,300 MB where a collection that ran
 * found 140 MB. Here a request that did not add to the full collections' count is asked again.
 */
public final class HeapAfterGc {
    /** Enough tries for a renderer busy under a flood; each that fails waits a moment for the region to end. */
    private static final int TRIES = 200;
    /** Requests that ran no full collection, so far: the figures say how often the measure had to ask again. */
    private static final AtomicLong SKIPPED = new AtomicLong();

    private HeapAfterGc() {
    }

    /** The heap in use after full collections, in bytes: the least of three that ran. */
    public static long bytes() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            fullCollection();
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /** As {@link #bytes()}, in MiB. */
    public static long megabytes() {
        return bytes() >> 20;
    }

    /** How many requests for a full collection ran none (and were asked again), in this JVM so far. */
    public static long skipped() {
        return SKIPPED.get();
    }

    private static void fullCollection() {
        for (int i = 0; i < TRIES; i++) {
            long before = fullCollections();
            System.gc();
            if (fullCollections() > before) {
                return;
            }
            SKIPPED.incrementAndGet();
            try {
                Thread.sleep(10);   // a critical region is short: the next try finds it ended
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("no full collection ran in " + TRIES + " requests: the heap cannot be measured");
    }

    /**
     * The full collections so far. G1 and the parallel collector name that collector "... Old Generation", the serial
     * one "MarkSweepCompact"; with another collector every collection counts, which can only ask again needlessly.
     */
    private static long fullCollections() {
        long full = 0;
        long all = 0;
        boolean known = false;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            String name = gc.getName();
            all += gc.getCollectionCount();
            if (name.contains("Old") || name.contains("MarkSweep")) {
                known = true;
                full += gc.getCollectionCount();
            }
        }
        return known ? full : all;
    }
}
