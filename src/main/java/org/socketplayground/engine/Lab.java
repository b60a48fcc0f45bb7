package org.socketplayground.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * An unreliable network in front of one UDP socket: what the socket receives, from any sender, passes through it
 * first and may be lost, duplicated, held back behind the next datagram, delayed (with jitter) or corrupted (one byte
 * flipped). A seed makes a run repeatable: each datagram draws its fate in the same order. Nothing is hidden: a dropped
 * datagram is handed to {@link Drops} (the engine makes a log row of it), the others carry a mark in their record.
 * Costs nothing when off: the socket has no lab then.
 */
public final class Lab {
    /**
     * What the lab does, in percent of datagrams (0 to 100) and milliseconds.
     *
     * @param jitterMs a delay varies by up to this much either way, never below 0
     */
    public record Settings(int lossPercent, int duplicatePercent, int reorderPercent, int delayMs, int jitterMs,
                    int corruptPercent, long seed) {
        /** As the window says it: only what is on, such as {@code loss 30%, delay 150±50 ms}. */
        public String describe() {
            List<String> parts = new ArrayList<>();
            if (lossPercent > 0) {
                parts.add("loss " + lossPercent + "%");
            }
            if (duplicatePercent > 0) {
                parts.add("dup " + duplicatePercent + "%");
            }
            if (reorderPercent > 0) {
                parts.add("reorder " + reorderPercent + "%");
            }
            if (delayMs > 0 || jitterMs > 0) {
                parts.add("delay " + delayMs + (jitterMs > 0 ? "±" + jitterMs : "") + " ms");
            }
            if (corruptPercent > 0) {
                parts.add("corrupt " + corruptPercent + "%");
            }
            return parts.isEmpty() ? "nothing changed" : String.join(", ", parts);
        }
    }

    /** Takes each datagram the lab drops. */
    interface Drops {
        void dropped(KeptDatagrams.Datagram datagram);
    }

    /** A source of datagrams that may fail as the channel fails; null when none is waiting. */
    interface Source {
        KeptDatagrams.Datagram next() throws IOException;
    }

    /** A datagram on its way through the lab: due at a time (System.nanoTime), in the order it came. */
    private record Pending(KeptDatagrams.Datagram datagram, long dueNanos, long order) {
    }

    /**
     * The bytes the lab may hold on their way (delayed or held back): a flood through a long delay would otherwise
     * take the heap. Beyond it a datagram is dropped, as a router's full queue drops it, and shown like any drop.
     */
    static final long MAX_HELD_BYTES = 4L << 20;
    /**
     * The datagrams one receive takes in from the kernel at most: under a flood it returns (or waits, and the channel,
     * still readable, wakes it at once) rather than take in, and drop, for as long as the flood lasts.
     */
    static final int MAX_INTAKE = 64;

    private final Settings settings;
    private final Random random;
    private long heldBytes;
    private final Drops drops;
    private final PriorityQueue<Pending> queue = new PriorityQueue<>((a, b) -> a.dueNanos != b.dueNanos
            ? Long.compare(a.dueNanos, b.dueNanos) : Long.compare(a.order, b.order));
    /** A datagram held back until the next one has passed (reorder), or null. */
    private Pending held;
    private long arrivals;

    Lab(Settings settings, Drops drops) {
        this.settings = settings;
        this.random = new Random(settings.seed());
        this.drops = drops;
    }

    Settings settings() {
        return settings;
    }

    /** The next datagram that is due by now, after taking in what the source has (a few dozen at most); null when none is due yet. */
    synchronized KeptDatagrams.Datagram next(Source source, long nowNanos) throws IOException {
        KeptDatagrams.Datagram raw;
        for (int taken = 0; taken < MAX_INTAKE && (raw = source.next()) != null; taken++) {
            admit(raw, nowNanos);
        }
        Pending head = queue.peek();
        if (head == null || head.dueNanos > nowNanos) {
            return null;
        }
        KeptDatagrams.Datagram out = queue.poll().datagram;
        heldBytes -= out.data().length;
        return out;
    }

    /** When the next datagram is due (System.nanoTime), or Long.MAX_VALUE when none is on its way but a held one. */
    synchronized long nextDueNanos() {
        Pending head = queue.peek();
        return head == null ? Long.MAX_VALUE : head.dueNanos;
    }

    /** Whether a datagram is due by now. */
    synchronized boolean hasDue(long nowNanos) {
        Pending head = queue.peek();
        return head != null && head.dueNanos <= nowNanos;
    }

    /** Everything on its way, in the order it would have come, for a socket whose lab is turned off. */
    synchronized List<KeptDatagrams.Datagram> release() {
        List<KeptDatagrams.Datagram> out = new ArrayList<>();
        while (!queue.isEmpty()) {
            out.add(queue.poll().datagram);
        }
        if (held != null) {
            out.add(held.datagram);
            held = null;
        }
        heldBytes = 0;
        return out;
    }

    /** One datagram's fate, drawn in a fixed order so that a seed repeats a run. */
    private void admit(KeptDatagrams.Datagram d, long nowNanos) {
        boolean lost = random.nextInt(100) < settings.lossPercent();
        boolean duplicated = random.nextInt(100) < settings.duplicatePercent();
        boolean reordered = random.nextInt(100) < settings.reorderPercent();
        boolean corrupted = random.nextInt(100) < settings.corruptPercent();
        double jitter = random.nextDouble() * 2 - 1;
        int flipAt = d.data().length == 0 ? 0 : random.nextInt(d.data().length);
        if (lost || heldBytes + 2L * d.data().length > MAX_HELD_BYTES) {
            drops.dropped(d);
            return;
        }
        KeptDatagrams.Datagram passed = d;
        if (corrupted && d.data().length > 0) {
            byte[] flipped = d.data().clone();
            flipped[flipAt] ^= (byte) 0xFF;
            passed = new KeptDatagrams.Datagram(flipped, d.from(), marked(d, "corrupted by the lab: byte " + flipAt + " flipped"));
        }
        long delay = Math.max(0, Math.round((settings.delayMs() + jitter * settings.jitterMs()) * 1_000_000));
        Pending p = new Pending(passed, nowNanos + delay, arrivals++);
        heldBytes += passed.data().length;
        if (reordered && held == null) {
            held = p;   // it waits for the next one to pass it
            return;
        }
        queue.add(p);
        if (duplicated) {
            heldBytes += passed.data().length;
            queue.add(new Pending(new KeptDatagrams.Datagram(passed.data(), passed.from(), marked(passed, "duplicated by the lab")),
                    p.dueNanos, arrivals++));
        }
        if (held != null && held != p) {
            Pending late = held;
            held = null;
            queue.add(new Pending(new KeptDatagrams.Datagram(late.datagram.data(), late.datagram.from(),
                    marked(late.datagram, "late: reordered by the lab")), Math.max(late.dueNanos, p.dueNanos), arrivals++));
        }
    }

    /** A datagram's marks with one more: a corrupted datagram may be duplicated too. */
    private static String marked(KeptDatagrams.Datagram d, String mark) {
        return d.lab() == null ? mark : d.lab() + "; " + mark;
    }
}
