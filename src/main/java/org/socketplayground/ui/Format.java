package org.socketplayground.ui;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Numbers and times as the window shows them. */
final class Format {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    private Format() {
    }

    static String time(Instant t) {
        return TIME.format(t);
    }

    static String bytes(long n) {
        if (n < 10_000) {
            return n + " B";
        }
        if (n < 10_000_000) {
            return (n / 1000) + " kB";
        }
        return (n / 1_000_000) + " MB";
    }

    static String count(long n) {
        return String.format("%,d", n);
    }

    static String seconds(long nanos) {
        return String.format("%.1f s", nanos / 1e9);
    }
}
