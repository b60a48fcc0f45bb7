package org.socketplayground.engine;

import java.util.List;
import org.socketplayground.engine.py.PyValue;

/**
 * {@code inet_aton}, {@code inet_ntoa}, {@code inet_pton} and {@code inet_ntop}, with the rules of glibc's own
 * functions, which CPython calls: inet_aton's shorthand ({@code '127.1'}, octal {@code '010'}, hex, anything after
 * a space ignored), inet_pton's strict dotted quad, and inet_ntop's {@code ::} and IPv4 tails. The JDK's
 * InetAddress reads these otherwise (it resolves names, and has no octal).
 */
final class InetText {
    private InetText() {
    }

    static boolean isFunction(String name) {
        return name.startsWith("inet_") && List.of("inet_aton", "inet_ntoa", "inet_pton", "inet_ntop").contains(name);
    }

    static PyValue call(String name, List<PyValue> args) throws PyException {
        int wanted = name.equals("inet_aton") || name.equals("inet_ntoa") ? 1 : 2;
        if (args.size() != wanted) {
            throw new PyException(PyError.typeError(name + "() takes exactly " + wanted + " argument" + (wanted == 1 ? "" : "s")
                    + " (" + args.size() + " given)"));
        }
        switch (name) {
            case "inet_aton" -> {
                byte[] packed = aton(text(name, 1, args.get(0)));
                if (packed == null) {
                    throw illegal(name);
                }
                return PyValue.of(packed);
            }
            case "inet_ntoa" -> {
                byte[] packed = Args.bytesLike(args.get(0));
                if (packed.length != 4) {
                    throw new PyException(new PyError("OSError", null, "packed IP wrong length for inet_ntoa"));
                }
                return PyValue.of(ntop4(packed, 0));
            }
            case "inet_pton" -> {
                long family = Args.integer(args.get(0));
                String text = text(name, 2, args.get(1));
                byte[] packed = family == 2 ? pton4(text) : family == 10 ? pton6(text) : null;
                if (family != 2 && family != 10) {
                    throw Errno.EAFNOSUPPORT.exception();
                }
                if (packed == null) {
                    throw illegal(name);
                }
                return PyValue.of(packed);
            }
            default -> {
                long family = Args.integer(args.get(0));
                byte[] packed = Args.bytesLike(args.get(1));
                if (family != 2 && family != 10) {
                    throw new PyException(PyError.valueError("unknown address family " + family));
                }
                if (packed.length != (family == 2 ? 4 : 16)) {
                    throw new PyException(PyError.valueError("invalid length of packed IP address string"));
                }
                return PyValue.of(family == 2 ? ntop4(packed, 0) : ntop6(packed));
            }
        }
    }

    private static String text(String name, int position, PyValue v) throws PyException {
        if (v instanceof PyValue.Str s) {
            return s.value();
        }
        throw new PyException(PyError.typeError(name + "() argument " + position + " must be str, not " + v.typeName()));
    }

    private static PyException illegal(String name) {
        return new PyException(new PyError("OSError", null, "illegal IP address string passed to " + name));
    }

    /** glibc's inet_aton: one to four parts, each read as strtoul(base 0) reads it; null when illegal. */
    static byte[] aton(String s) {
        long[] parts = new long[4];
        int count = 0;
        int p = 0;
        long val;
        while (true) {
            if (p >= s.length() || !isDigit(s.charAt(p))) {
                return null;
            }
            int base = 10;
            if (s.charAt(p) == '0') {
                boolean hex = p + 2 < s.length() && (s.charAt(p + 1) | 0x20) == 'x' && Character.digit(s.charAt(p + 2), 16) >= 0;
                base = hex ? 16 : 8;
                p += hex ? 2 : 0;
            }
            val = 0;
            while (p < s.length() && s.charAt(p) < 0x80 && Character.digit(s.charAt(p), base) >= 0) {
                val = Math.min(val * base + Character.digit(s.charAt(p++), base), 1L << 40);   // capped: only > 2^32 matters
            }
            if (val > 0xffffffffL) {
                return null;
            }
            if (p < s.length() && s.charAt(p) == '.') {
                if (count > 2 || val > 0xff) {
                    return null;
                }
                parts[count++] = val;
                p++;
            } else {
                break;
            }
        }
        if (p < s.length() && " \t\n\r\f\u000b".indexOf(s.charAt(p)) < 0) {
            return null;
        }
        long max = count == 0 ? 0xffffffffL : count == 1 ? 0xffffff : count == 2 ? 0xffff : 0xff;
        if (val > max) {
            return null;
        }
        for (int i = 0; i < count; i++) {
            val |= parts[i] << (24 - 8 * i);
        }
        return new byte[] {(byte) (val >> 24), (byte) (val >> 16), (byte) (val >> 8), (byte) val};
    }

    /** glibc's inet_pton for AF_INET: exactly four decimal parts, no leading zeros; null when illegal. */
    static byte[] pton4(String s) {
        byte[] out = new byte[4];
        int octets = 0;
        int value = 0;
        boolean sawDigit = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isDigit(c)) {
                if (sawDigit && value == 0) {
                    return null;
                }
                value = value * 10 + (c - '0');
                if (value > 255) {
                    return null;
                }
                if (!sawDigit) {
                    if (++octets > 4) {
                        return null;
                    }
                    sawDigit = true;
                }
                out[octets - 1] = (byte) value;
            } else if (c == '.' && sawDigit && octets < 4) {
                sawDigit = false;
                value = 0;
            } else {
                return null;
            }
        }
        return octets == 4 && sawDigit ? out : null;
    }

    /** glibc's inet_pton for AF_INET6: groups of up to four hex digits, one {@code ::}, a dotted tail. */
    static byte[] pton6(String s) {
        byte[] out = new byte[16];
        int tp = 0;
        int colon = -1;
        int p = 0;
        if (s.isEmpty() || (s.charAt(0) == ':' && (s.length() < 2 || s.charAt(1) != ':'))) {
            return null;
        }
        if (s.charAt(0) == ':') {
            p = 1;
        }
        int token = p;
        int digits = 0;
        int val = 0;
        while (p < s.length()) {
            char c = s.charAt(p++);
            int d = c < 0x80 ? Character.digit(c, 16) : -1;
            if (d >= 0) {
                if (digits == 4) {
                    return null;
                }
                val = (val << 4) | d;
                digits++;
            } else if (c == ':') {
                token = p;
                if (digits == 0) {
                    if (colon >= 0) {
                        return null;
                    }
                    colon = tp;
                    continue;
                }
                if (p == s.length() || tp + 2 > 16) {
                    return null;
                }
                out[tp++] = (byte) (val >> 8);
                out[tp++] = (byte) val;
                digits = 0;
                val = 0;
            } else if (c == '.' && tp + 4 <= 16) {
                byte[] v4 = pton4(s.substring(token));
                if (v4 == null) {
                    return null;
                }
                System.arraycopy(v4, 0, out, tp, 4);
                tp += 4;
                digits = 0;
                break;
            } else {
                return null;
            }
        }
        if (digits > 0) {
            if (tp + 2 > 16) {
                return null;
            }
            out[tp++] = (byte) (val >> 8);
            out[tp++] = (byte) val;
        }
        if (colon >= 0) {
            if (tp == 16) {
                return null;
            }
            int n = tp - colon;
            System.arraycopy(out, colon, out, 16 - n, n);
            java.util.Arrays.fill(out, colon, 16 - n, (byte) 0);
            tp = 16;
        }
        return tp == 16 ? out : null;
    }

    static String ntop4(byte[] b, int at) {
        return (b[at] & 0xff) + "." + (b[at + 1] & 0xff) + "." + (b[at + 2] & 0xff) + "." + (b[at + 3] & 0xff);
    }

    /** glibc's inet_ntop for AF_INET6: the first longest run of two or more zero groups as {@code ::}. */
    static String ntop6(byte[] b) {
        int[] words = new int[8];
        for (int i = 0; i < 16; i++) {
            words[i / 2] |= (b[i] & 0xff) << ((1 - i % 2) * 8);
        }
        int bestBase = -1;
        int bestLen = 0;
        int curBase = -1;
        int curLen = 0;
        for (int i = 0; i <= 8; i++) {
            if (i < 8 && words[i] == 0) {
                curBase = curBase == -1 ? i : curBase;
                curLen = curBase == i ? 1 : curLen + 1;
            } else if (curBase != -1) {
                if (bestBase == -1 || curLen > bestLen) {
                    bestBase = curBase;
                    bestLen = curLen;
                }
                curBase = -1;
            }
        }
        if (bestLen < 2) {
            bestBase = -1;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (bestBase != -1 && i >= bestBase && i < bestBase + bestLen) {
                if (i == bestBase) {
                    sb.append(':');
                }
                continue;
            }
            if (i != 0) {
                sb.append(':');
            }
            if (i == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && words[5] == 0xffff))) {
                return sb.append(ntop4(b, 12)).toString();
            }
            sb.append(Integer.toHexString(words[i]));
        }
        if (bestBase != -1 && bestBase + bestLen == 8) {
            sb.append(':');
        }
        return sb.toString();
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
