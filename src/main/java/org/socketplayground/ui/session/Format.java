package org.socketplayground.ui.session;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.socketplayground.i18n.Language;
import org.socketplayground.i18n.Texts;

/**
 * Numbers and times as the window shows them: in the window's language (12,345 and 2.5 in English, 12.345 and 2,5 in
 * Spanish), whatever the system's locale. Times stay HH:mm:ss.SSS in every language.
 */
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
            return String.format(numbers(), "%.1f kB/s", n / 1000);
        }
        return String.format(numbers(), "%.1f MB/s", n / 1_000_000);
    }

    public static String count(long n) {
        return Texts.count(n);
    }

    /** The text, or its first max characters and how many more there are. */
    public static String cap(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        return text.substring(0, max) + Texts.get("session.format.moreCharacters", count(text.length() - max));
    }

    public static String seconds(long nanos) {
        return String.format(numbers(), "%.1f s", nanos / 1e9);
    }

    /** After the first bytes of long data: how many more there are, "…(65504 more bytes)", the count ungrouped. */
    public static String moreBytes(long n) {
        return Texts.get("session.format.moreBytes", n);
    }

    /** The locale whose decimal sign the window's language uses: a point in English, a comma in Spanish. */
    private static Locale numbers() {
        return Texts.language() == Language.ENGLISH ? Locale.ROOT : Locale.forLanguageTag(Texts.language().code());
    }
}
