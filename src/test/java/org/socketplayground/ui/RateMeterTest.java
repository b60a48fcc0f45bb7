package org.socketplayground.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.socketplayground.ui.session.RateMeter;

/** The rate over the last second, and one sparkline point per second on a fixed beat, from samples at any time. */
class RateMeterTest {
    private static final long MS = 1_000_000L;

    @Test
    void theRateIsTheGrowthOverTheLastSecond() {
        RateMeter meter = new RateMeter();
        for (long t = 0; t <= 2000; t += 250) {
            meter.sample(t * MS, t / 2, t * 32);   // 500 datagrams and 32 kB a second
        }
        assertEquals(500, meter.datagramsPerSecond(), 1e-9);
        assertEquals(32_000, meter.bytesPerSecond(), 1e-9);
        meter.sample(3250 * MS, 1000, 64_000);   // nothing new for 1.25 s
        assertEquals(0, meter.datagramsPerSecond(), 1e-9);
    }

    @Test
    void samplesAQuarterSecondLateStillGiveOnePointPerSecond() {
        RateMeter meter = new RateMeter();
        // Samples every 260 ms: a beat taken from the samples would put a point every 1.04 s and drift.
        long count = 0;
        for (long t = 0; t <= 60_000; t += 260) {
            meter.sample(t * MS, count, count * 64);
            count += 26;   // 100 datagrams a second
        }
        double[] history = meter.history();
        assertEquals(RateMeter.HISTORY_SECONDS, history.length);
        assertEquals(100, history[history.length - 1], 1e-9);
        assertEquals(6400, meter.bytesHistory()[history.length - 1], 1e-9);
    }

    @Test
    void aPauseWithoutSamplesStillAdvancesTheMinute() {
        RateMeter meter = new RateMeter();
        meter.sample(0, 0, 0);
        meter.sample(500 * MS, 50, 500);
        meter.sample(5_000 * MS, 50, 500);   // the window was busy for 4.5 s, and nothing came meanwhile
        // A point for each of the seconds 0 to 5, at the rate as it stood when the samples came.
        assertArrayEquals(new double[] {0, 0, 0, 0, 0, 0}, meter.history(), 1e-9);
        meter.sample(5_500 * MS, 100, 1000);
        meter.sample(6_000 * MS, 150, 1500);
        assertArrayEquals(new double[] {0, 0, 0, 0, 0, 0, 100}, meter.history(), 1e-9);
    }
}
