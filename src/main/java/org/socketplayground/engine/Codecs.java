package org.socketplayground.engine;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * {@code str.encode} and {@code bytes.decode} with CPython's results and its exact Unicode errors, which the JDK's
 * decoders word otherwise: UTF-8 (by hand, to report the same byte ranges), ASCII and Latin-1, and the error
 * handlers strict, ignore, replace and backslashreplace. Other encodings the JDK knows are passed to it.
 */
final class Codecs {
    private Codecs() {
    }

    static byte[] encode(String text, String encoding, String errors) throws PyException {
        String codec = canonical(encoding);
        int limit = codec.equals("ascii") ? 0x80 : codec.equals("latin-1") ? 0x100 : -1;
        if (codec.equals("utf-8") || limit < 0) {
            return text.getBytes(charset(codec, encoding));
        }
        int[] cps = text.codePoints().toArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream(cps.length);
        for (int i = 0; i < cps.length; i++) {
            if (cps[i] < limit) {
                out.write(cps[i]);
                continue;
            }
            int end = i;
            while (end < cps.length && cps[end] >= limit) {
                end++;
            }
            switch (errors) {
                case "strict" -> throw new PyException(new PyError("UnicodeEncodeError", null, "'" + codec
                        + "' codec can't encode " + (end - i == 1 ? "character " + escaped(cps[i]) + " in position " + i
                        : "characters in position " + i + "-" + (end - 1)) + ": ordinal not in range(" + limit + ")"));
                case "ignore" -> { }
                case "replace" -> out.writeBytes("?".repeat(end - i).getBytes(StandardCharsets.US_ASCII));
                case "backslashreplace" -> {
                    for (int k = i; k < end; k++) {
                        out.writeBytes(escaped(cps[k]).replace("'", "").getBytes(StandardCharsets.US_ASCII));
                    }
                }
                default -> throw unknownHandler(errors);
            }
            i = end - 1;
        }
        return out.toByteArray();
    }

    static String decode(byte[] data, String encoding, String errors) throws PyException {
        String codec = canonical(encoding);
        if (codec.equals("latin-1")) {
            return new String(data, StandardCharsets.ISO_8859_1);
        }
        if (!codec.equals("utf-8") && !codec.equals("ascii")) {
            return new String(data, charset(codec, encoding));
        }
        StringBuilder out = new StringBuilder(data.length);
        int i = 0;
        while (i < data.length) {
            int b = data[i] & 0xff;
            int end;
            String reason;
            if (b < 0x80) {
                out.append((char) b);
                i++;
                continue;
            }
            if (codec.equals("ascii")) {
                end = i + 1;
                reason = "ordinal not in range(128)";
            } else {
                int need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
                int got = 0;
                int lo = b == 0xe0 ? 0xa0 : b == 0xf0 ? 0x90 : 0x80;
                int hi = b == 0xed ? 0x9f : b == 0xf4 ? 0x8f : 0xbf;
                while (got < need && i + 1 + got < data.length) {
                    int c = data[i + 1 + got] & 0xff;
                    if (c < (got == 0 ? lo : 0x80) || c > (got == 0 ? hi : 0xbf)) {
                        break;
                    }
                    got++;
                }
                if (need > 0 && got == need) {
                    out.append(new String(data, i, need + 1, StandardCharsets.UTF_8));
                    i += need + 1;
                    continue;
                }
                end = i + 1 + got;
                reason = need == 0 ? "invalid start byte" : end >= data.length ? "unexpected end of data" : "invalid continuation byte";
                end = Math.max(end, i + 1);
            }
            switch (errors) {
                case "strict" -> throw new PyException(new PyError("UnicodeDecodeError", null, "'" + codec + "' codec can't decode "
                        + (end - i == 1 ? String.format("byte 0x%02x in position %d", b, i) : "bytes in position " + i + "-" + (end - 1))
                        + ": " + reason));
                case "ignore" -> { }
                case "replace" -> out.append('\ufffd');
                case "backslashreplace" -> {
                    for (int k = i; k < end; k++) {
                        out.append(String.format("\\x%02x", data[k] & 0xff));
                    }
                }
                default -> throw unknownHandler(errors);
            }
            i = end;
        }
        return out.toString();
    }

    /** Python's own spellings of the three codecs it always has ("UTF8", "utf_8", "latin1", "us-ascii"). */
    private static String canonical(String encoding) {
        String e = encoding.toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (e) {
            case "utf-8", "utf8", "u8", "utf" -> "utf-8";
            case "ascii", "us-ascii", "646" -> "ascii";
            case "latin-1", "latin1", "iso-8859-1", "iso8859-1", "l1", "8859", "cp819" -> "latin-1";
            default -> e;
        };
    }

    private static Charset charset(String codec, String asked) throws PyException {
        try {
            return codec.equals("utf-8") ? StandardCharsets.UTF_8 : Charset.forName(codec);
        } catch (IllegalArgumentException e) {
            throw new PyException(new PyError("LookupError", null, "unknown encoding: " + asked));
        }
    }

    private static PyException unknownHandler(String errors) {
        return new PyException(new PyError("LookupError", null, "unknown error handler name '" + errors + "'"));
    }

    /** A character as Unicode errors quote it: {@code '\xe9'}, {@code '\u20ac'}. */
    private static String escaped(int cp) {
        return "'" + (cp < 0x100 ? String.format("\\x%02x", cp) : cp < 0x10000 ? String.format("\\u%04x", cp)
                : String.format("\\U%08x", cp)) + "'";
    }
}
