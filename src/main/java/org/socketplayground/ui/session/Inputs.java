package org.socketplayground.ui.session;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.socketplayground.engine.py.PyParser;
import org.socketplayground.engine.py.PyValue;
import org.socketplayground.i18n.Texts;

/**
 * Reads what the user typed into the call fields. Text that cannot even be written as the Python argument
 * (a port of "abc", malformed hex) is refused here with the reason, before any call; values Python itself
 * refuses (a port of 70000) pass, so that the user sees Python's own error.
 */
public final class Inputs {

    /** A field's value, or why it cannot be one; {@code warning} marks a value Python will refuse. */
    public record Parsed<T>(T value, String error, String warning) {
        static <T> Parsed<T> ok(T value) {
            return new Parsed<>(value, null, null);
        }

        static <T> Parsed<T> warn(T value, String warning) {
            return new Parsed<>(value, null, warning);
        }

        static <T> Parsed<T> fail(String error) {
            return new Parsed<>(null, error, null);
        }

        public boolean ok() {
            return error == null;
        }
    }

    private Inputs() {
    }

    /** A port: a whole number; outside 0-65535 it is passed on, with a warning, for Python to refuse. */
    public static Parsed<Long> port(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return Parsed.fail(Texts.get("session.inputs.port.empty"));
        }
        long n;
        try {
            n = Long.parseLong(t);
        } catch (NumberFormatException e) {
            return Parsed.fail(Texts.get("session.inputs.port.notNumber", t));
        }
        if (n < 0 || n > 65535) {
            return Parsed.warn(n, Texts.get("session.inputs.port.outOfRange"));
        }
        return Parsed.ok(n);
    }

    /**
     * A host: an address or name; {@code ''} (two quotes) is Python's empty string, every interface.
     * An empty field is refused because it is easy to leave empty by mistake.
     */
    public static Parsed<String> host(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return Parsed.fail(Texts.get("session.inputs.host.empty"));
        }
        if (t.equals("''") || t.equals("\"\"")) {
            return Parsed.ok("");
        }
        if (t.matches(".*\\s.*")) {
            return Parsed.fail(Texts.get("session.inputs.host.spaces", t));
        }
        return Parsed.ok(t);
    }

    /**
     * An AF_UNIX address: a path as typed, or a Linux abstract name written as Python writes it ({@code \0name}) or as
     * ss shows it ({@code @name}); the abstract name's NUL byte is put in its place.
     */
    public static Parsed<String> unixPath(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return Parsed.fail(Texts.get("session.inputs.unixPath.empty"));
        }
        String name = t.startsWith("\\0") ? t.substring(2) : t.startsWith("@") ? t.substring(1) : null;
        if (name != null) {
            return name.isEmpty() ? Parsed.fail(Texts.get("session.inputs.unixPath.noName"))
                    : Parsed.ok("\0" + name);
        }
        return Parsed.ok(t);
    }

    /** recv's bufsize: a whole number; a negative one is passed on for Python's ValueError. */
    public static Parsed<Long> bufsize(String text) {
        String t = text == null ? "" : text.strip();
        try {
            long n = Long.parseLong(t);
            if (n < 0) {
                return Parsed.warn(n, Texts.get("session.inputs.bufsize.negative"));
            }
            if (n > 1 << 20) {
                return Parsed.warn(n, Texts.get("session.inputs.bufsize.tooLarge", n));
            }
            if (n == 0) {
                return Parsed.warn(n, Texts.get("session.inputs.bufsize.zero"));
            }
            return Parsed.ok(n);
        } catch (NumberFormatException e) {
            return Parsed.fail(Texts.get("session.inputs.bufsize.notNumber"));
        }
    }

    /** settimeout's seconds: a number, 0 meaning non-blocking; negative passes on for Python's ValueError. */
    public static Parsed<Double> timeout(String text) {
        String t = text == null ? "" : text.strip();
        try {
            double d = Double.parseDouble(t);
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            if (d < 0) {
                return Parsed.warn(d, Texts.get("session.inputs.timeout.negative"));
            }
            if (d == 0) {
                return Parsed.warn(d, Texts.get("session.inputs.timeout.zero"));
            }
            return Parsed.ok(d);
        } catch (NumberFormatException e) {
            return Parsed.fail(Texts.get("session.inputs.timeout.notNumber"));
        }
    }

    /** The payload, as text with Python escapes (\n, \x00) encoded in UTF-8, or as hex digits. */
    public static Parsed<byte[]> payload(String text, boolean hex) {
        String t = text == null ? "" : text;
        if (hex) {
            String digits = t.replaceAll("[\\s:]", "");
            if (digits.startsWith("0x") || digits.startsWith("0X")) {
                digits = digits.substring(2);
            }
            if (digits.length() % 2 != 0) {
                return Parsed.fail(digits.length() == 1 ? Texts.get("session.inputs.hex.oddDigits.one", digits.length())
                        : Texts.get("session.inputs.hex.oddDigits.other", digits.length()));
            }
            try {
                return Parsed.ok(HexFormat.of().parseHex(digits));
            } catch (IllegalArgumentException e) {
                return Parsed.fail(Texts.get("session.inputs.hex.badDigit", firstNonHex(digits)));
            }
        }
        try {
            return Parsed.ok(PyParser.unescape(t));
        } catch (PyParser.SyntaxError e) {
            return Parsed.fail(Texts.get("session.inputs.payload.badEscape"));
        }
    }

    private static String firstNonHex(String digits) {
        for (char c : digits.toCharArray()) {
            if (Character.digit(c, 16) < 0) {
                return String.valueOf(c);
            }
        }
        return "?";
    }

    /** The data of a record as readable text: printable characters as they are, everything else escaped. */
    public static String printable(byte[] data, int limit) {
        String repr = PyValue.of(data.length > limit ? java.util.Arrays.copyOf(data, limit) : data).repr();
        String inner = repr.substring(2, repr.length() - 1);
        return data.length > limit ? inner + " " + Format.moreBytes(data.length - limit) : inner;
    }

    /**
     * Bytes as text where they are valid UTF-8 that Python would print as it is (str.isprintable), else escaped
     * as Python's bytes repr; for the data column. Nothing a datagram holds is ever interpreted: control
     * characters, ANSI escapes, NUL, invalid UTF-8, bidirectional marks and line separators all come out escaped.
     */
    public static String text(byte[] data, int limit) {
        if (data.length > limit) {
            return printable(data, limit);
        }
        String s = new String(data, StandardCharsets.UTF_8);
        return s.codePoints().allMatch(Inputs::shownAsIs) ? s : printable(data, limit);
    }

    /**
     * Text that is not data (a call's name, an error's message, a socket's name) as the log may show it: every code
     * point {@link #shownAsIs} refuses (controls, bidi and other format characters, separators, lone surrogates,
     * private use) escaped as Python's str repr writes it, a backslash and x, u or U with 2, 4 or 8 hex digits.
     */
    public static String escaped(String text) {
        return text.codePoints().allMatch(Inputs::shownAsIs) ? text : escapedAlways(text);
    }

    private static String escapedAlways(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(cp -> {
            if (shownAsIs(cp)) {
                sb.appendCodePoint(cp);
                return;
            }
            if (cp == '\t' || cp == '\n' || cp == '\r') {
                sb.append('\\').append(cp == '\t' ? 't' : cp == '\n' ? 'n' : 'r');
                return;
            }
            int digits = cp < 0x100 ? 2 : cp < 0x10000 ? 4 : 8;
            sb.append('\\').append(digits == 2 ? 'x' : digits == 4 ? 'u' : 'U');
            for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
                sb.append(HEX[(cp >>> shift) & 0xf]);
            }
        });
        return sb.toString();
    }

    /** Python's str.isprintable, less U+FFFD (the decoder's mark for invalid UTF-8). */
    public static boolean shownAsIs(int cp) {
        if (cp >= 0x20 && cp < 0x7f) {
            return true;
        }
        if (cp < 0xa0 || cp == 0xad || cp == 0xfffd) {
            return false;
        }
        int type = Character.getType(cp);
        return type != Character.CONTROL && type != Character.FORMAT && type != Character.SURROGATE
                && type != Character.PRIVATE_USE && type != Character.UNASSIGNED
                && type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR
                && type != Character.SPACE_SEPARATOR;
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private static StringBuilder appendHex(StringBuilder sb, int b) {
        return sb.append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
    }

    public static String hex(byte[] data, int limit) {
        int n = Math.min(data.length, limit);
        StringBuilder sb = new StringBuilder(n * 3 + 24);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            appendHex(sb, data[i]);
        }
        if (data.length > limit) {
            sb.append(' ').append(Format.moreBytes(data.length - limit));
        }
        return sb.toString();
    }

    /** A classic hex dump: offset, sixteen bytes in hex, and the printable ASCII beside them. */
    public static String hexDump(byte[] data) {
        StringBuilder sb = new StringBuilder((data.length + 15) / 16 * 79);
        for (int off = 0; off < data.length; off += 16) {
            for (int shift = 28; shift >= 0; shift -= 4) {
                sb.append(HEX[(off >>> shift) & 0xf]);
            }
            sb.append("  ");
            for (int i = 0; i < 16; i++) {
                if (off + i < data.length) {
                    appendHex(sb, data[off + i]).append(' ');
                } else {
                    sb.append("   ");
                }
                if (i == 7) {
                    sb.append(' ');
                }
            }
            sb.append(" |");
            for (int i = off; i < Math.min(off + 16, data.length); i++) {
                int b = data[i] & 0xff;
                sb.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
            }
            sb.append("|\n");
        }
        return sb.toString();
    }
}
