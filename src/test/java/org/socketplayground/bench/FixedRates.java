package org.socketplayground.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark's fixed-rate floods: at each rate, the datagrams the kernel dropped at the app's socket against those
 * it dropped at the bare loop's. Counted per socket ({@code drops} in /proc/net/udp), not machine-wide, so that
 * another build's traffic on a shared machine does not count.
 */
final class FixedRates {
    /** Datagrams a second (bench.rates, comma-separated). */
    static final List<Long> RATES = List.of(System.getProperty("bench.rates", "20000,50000,100000").split(",")).stream()
            .map(String::trim).map(Long::parseLong).toList();

    private FixedRates() {
    }

    record Pair(long rate, FloodBenchmark.Flood app, FloodBenchmark.Flood bare) {
        String label() {
            return String.format(Locale.ROOT, "kernel drops at %,d/s, app / bare loop", rate);
        }

        String value() {
            return String.format(Locale.ROOT, "%,d / %,d", app.socketDrops(), bare.socketDrops());
        }

        String detail() {
            return String.format(Locale.ROOT, "of %,d / %,d sent (%.1f%% / %.1f%%); receiving CPU %.1f / %.1f µs per datagram;"
                            + " longest pulse gap %d ms; app: %s; bare: %s; target: app <= bare at 100,000/s",
                    app.sent(), bare.sent(), percent(app), percent(bare), app.receiveMicros(), bare.receiveMicros(),
                    app.stallMs(), app.cpu(), bare.cpu());
        }

        private static double percent(FloodBenchmark.Flood f) {
            return f.sent() == 0 ? 0 : 100.0 * f.socketDrops() / f.sent();
        }
    }

    /** What the kernel dropped so far at the UDP socket bound to this local port (IPv4 and IPv6); 0 if none is. */
    static long socketDrops(int port) throws IOException {
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        long drops = 0;
        for (String table : List.of("/proc/net/udp", "/proc/net/udp6")) {
            Path p = Path.of(table);
            if (!Files.exists(p)) {
                continue;
            }
            for (String line : Files.readAllLines(p)) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 12 && f[1].endsWith(hexPort)) {
                    drops += Long.parseLong(f[f.length - 1]);
                }
            }
        }
        return drops;
    }
}
