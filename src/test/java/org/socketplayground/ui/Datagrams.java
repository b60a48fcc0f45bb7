package org.socketplayground.ui;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Random datagrams for the fuzz: random bytes, control characters, invalid UTF-8, NUL, ANSI escapes,
 * right-to-left and other invisible marks, valid text from every Unicode plane, spreadsheet formulas, text long
 * enough to be cut, and now and then 64 KiB.
 */
final class Datagrams {
    static final String[] KINDS = {"random bytes", "control characters", "invalid UTF-8", "NUL", "ANSI escapes",
        "bidi marks", "Unicode text", "formulas", "long text", "quotes and commas"};
    private static final String[] ANSI = {"\u001b[31m", "\u001b[0m", "\u001b[2J", "\u001b[H", "\u001b]0;pwned\u0007",
        "\u001b[?1049h", "\u001b[1;1H", "\u001b[K", "\u001bc", "\u009b31m", "\u001b[6n", "\u001bP+q\u001b\\"};
    private static final int[] MARKS = {0x202e, 0x202d, 0x202a, 0x202b, 0x202c, 0x200e, 0x200f, 0x061c, 0x2066, 0x2067,
        0x2068, 0x2069, 0x200b, 0x200c, 0x200d, 0xfeff, 0x2028, 0x2029, 0x00ad, 0x034f, 0x180e, 0x3000, 0x00a0, 0xfffd,
        0xe000, 0xfff9, 0x1d173, 0xe0001, 0x05d0, 0x0627, 0x0301};
    private static final String[] FORMULAS = {"=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1:A2)", "=HYPERLINK(\"http://x\")",
        "\t=1", "\r=1", "=1+1", "-", "@"};
    private static final byte[][] INVALID = {{(byte) 0x80}, {(byte) 0xbf}, {(byte) 0xc0, (byte) 0x80}, {(byte) 0xc3},
        {(byte) 0xe2, (byte) 0x82}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
        {(byte) 0xfe}, {(byte) 0xff}, {(byte) 0xf0, (byte) 0x9f, (byte) 0x98}, {(byte) 0xe0, (byte) 0x80, (byte) 0xaf}};

    private final Random random;
    private final int largest;

    /** @param largest the size of the largest datagrams (64 KiB for the log, 65,507 for UDP over IPv4) */
    Datagrams(long seed, int largest) {
        this.random = new Random(seed);
        this.largest = largest;
    }

    /** The n-th datagram: a kind in turn, and every 1000th one of the largest size, of random bytes. */
    byte[] next(int n) {
        if (n % 1000 == 999) {
            byte[] big = new byte[largest];
            random.nextBytes(big);
            return big;
        }
        return of(n % KINDS.length);
    }

    byte[] of(int kind) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int parts = 1 + random.nextInt(kind == 8 ? 80 : 24);
        switch (kind) {
            case 0 -> {
                byte[] b = new byte[random.nextInt(300)];
                random.nextBytes(b);
                out.writeBytes(b);
            }
            case 1 -> {
                for (int i = 0; i < parts; i++) {
                    out.write(random.nextBoolean() ? random.nextInt(0x20) : random.nextBoolean() ? 0x7f : 'a' + random.nextInt(26));
                }
            }
            case 2 -> {
                for (int i = 0; i < parts; i++) {
                    out.writeBytes(random.nextBoolean() ? INVALID[random.nextInt(INVALID.length)] : utf8("ok é "));
                }
            }
            case 3 -> {
                for (int i = 0; i < parts; i++) {
                    out.writeBytes(random.nextBoolean() ? new byte[1 + random.nextInt(8)] : utf8("nul"));
                }
            }
            case 4 -> {
                for (int i = 0; i < parts; i++) {
                    out.writeBytes(utf8(random.nextBoolean() ? ANSI[random.nextInt(ANSI.length)] : "text "));
                }
            }
            case 5 -> {
                for (int i = 0; i < parts; i++) {
                    out.writeBytes(random.nextBoolean() ? utf8(new String(Character.toChars(MARKS[random.nextInt(MARKS.length)])))
                            : utf8("abc.txt "));
                }
            }
            case 6 -> {
                for (int i = 0; i < parts; i++) {
                    int cp = random.nextInt(4) == 0 ? random.nextInt(0x80) : random.nextInt(0x110000);
                    if (cp >= 0xd800 && cp < 0xe000) {
                        cp = 'x';   // a lone surrogate has no UTF-8; invalid UTF-8 is kind 2
                    }
                    out.writeBytes(utf8(new String(Character.toChars(cp))));
                }
            }
            case 7 -> out.writeBytes(utf8(FORMULAS[random.nextInt(FORMULAS.length)] + (random.nextBoolean() ? "" : ",x")));
            case 8 -> {
                for (int i = 0; i < parts; i++) {
                    out.writeBytes(utf8("word" + i + " "));
                }
            }
            default -> {
                String[] bits = {",", "\"", "'", "\\", "\\n", "\\x00", ";", "a", " ", "\"\""};
                for (int i = 0; i < parts; i++) {
                    out.writeBytes(utf8(bits[random.nextInt(bits.length)]));
                }
            }
        }
        return out.toByteArray();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
