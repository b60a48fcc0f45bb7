package org.socketplayground.ui.session;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Numbers and times as the window shows them: in English, like the rest of the window, whatever the locale. */
public final class Format {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    private Format() {
    }

    public static String time(Instant t) {
        return TIME.format(t);
    }

    public static String bytes(long n) {
        if (n < 10_000) {
            return n + " B";
        }
        if (n < 10_000_000) {
            return (n / 1000) + " kB";
        }
        return (n / 1_000_000) + " MB";
    }

    /** A rate in bytes per second, to one decimal above a thousand: "850 B/s", "2.5 kB/s", "5.9 MB/s". */
    public static String bytesPerSecond(double n) {
        if (n < 999.5) {
            return Math.round(n) + " B/s";
        }
        if (n < 999_500) {
            return String.format(Locale.ROOT, "%.1f kB/s", n / 1000);
        }
        return String.format(Locale.ROOT, "%.1f MB/s", n / 1_000_000);
    }

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** The text, or its first max characters and how many more there are. */
    public static String cap(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        return text.substring(0, max) + "… (" + count(text.length() - max) + " more characters)";
    }

    public static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
