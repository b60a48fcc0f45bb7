package org.socketplayground.ui.session;

import java.util.ArrayDeque;

/**
 * How fast one socket's counters grow. The window feeds it the counters each time it refreshes the socket table
 * (every frame under a flood, every quarter second otherwise); it answers with the rate over the last second and
 * keeps one point per second for the sparkline.
 */
public final class RateMeter {
    public static final int HISTORY_SECONDS = 60;
    private static final long SECOND = 1_000_000_000L;

    private record Sample(long nanos, long datagrams, long bytes) {
    }

    private final ArrayDeque<Sample> lastSecond = new ArrayDeque<>();
    private final double[] history = new double[HISTORY_SECONDS];
    private final double[] bytesHistory = new double[HISTORY_SECONDS];
    private int points;
    private long nextPoint = Long.MIN_VALUE;
    private double datagramsPerSecond;
    private double bytesPerSecond;

    /** Takes the counters as they stand at this moment ({@link System#nanoTime()}). */
    public void sample(long nanos, long datagrams, long bytes) {
        lastSecond.addLast(new Sample(nanos, datagrams, bytes));
        // Keep the newest sample that is at least a second old, as the start of the window.
        while (lastSecond.size() > 2) {
            Sample oldest = lastSecond.pollFirst();
            if (nanos - lastSecond.peekFirst().nanos() < SECOND) {
                lastSecond.addFirst(oldest);
                break;
            }
        }
        Sample start = lastSecond.peekFirst();
        long elapsed = nanos - start.nanos();
        datagramsPerSecond = elapsed <= 0 ? 0 : (datagrams - start.datagrams()) * (double) SECOND / elapsed;
        bytesPerSecond = elapsed <= 0 ? 0 : (bytes - start.bytes()) * (double) SECOND / elapsed;
        if (nextPoint == Long.MIN_VALUE) {
            nextPoint = nanos;
        }
        // One point per whole second on a fixed beat, so that sixty points are a minute however the samples fall;
        // seconds without a sample (a busy window) get the rate as it stands.
        for (int n = 0; nanos - nextPoint >= 0 && n < HISTORY_SECONDS; n++) {
            push(history, datagramsPerSecond);
            push(bytesHistory, bytesPerSecond);
            points = Math.min(points + 1, HISTORY_SECONDS);
            nextPoint += SECOND;
        }
        if (nanos - nextPoint >= 0) {
            nextPoint = nanos + SECOND;   // more than a minute without a sample: start the beat again
        }
    }

    private static void push(double[] series, double value) {
        System.arraycopy(series, 1, series, 0, HISTORY_SECONDS - 1);
        series[HISTORY_SECONDS - 1] = value;
    }

    public double datagramsPerSecond() {
        return datagramsPerSecond;
    }

    public double bytesPerSecond() {
        return bytesPerSecond;
    }

    /** Datagrams per second, one point per second, oldest first; at most {@link #HISTORY_SECONDS}. */
    public double[] history() {
        return java.util.Arrays.copyOfRange(history, HISTORY_SECONDS - points, HISTORY_SECONDS);
    }

    /** Bytes per second, as {@link #history()}. */
    public double[] bytesHistory() {
        return java.util.Arrays.copyOfRange(bytesHistory, HISTORY_SECONDS - points, HISTORY_SECONDS);
    }
}
