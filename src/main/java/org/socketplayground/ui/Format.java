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

    /** The most a label shows of a call or an outcome; the detail pane shows all of it. */
    static final int LABEL_CHARS = 4096;

    /** The text, or its first max characters and how many more there are. */
    static String cap(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        return text.substring(0, max) + "… (" + String.format("%,d", text.length() - max) + " more characters)";
    }

    static String seconds(long nanos) {
        return String.format("%.1f s", nanos / 1e9);
    }
}
