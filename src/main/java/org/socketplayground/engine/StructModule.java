package org.socketplayground.engine;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.List;
import org.socketplayground.engine.py.PyValue;

/**
 * Python's {@code struct.pack(format, v1, v2, ...)} and {@code struct.calcsize(format)} for the formats a socket
 * program packs: byte order {@code @ = < > !}, integers {@code b B h H i I l L q Q}, {@code ?}, {@code x} and
 * {@code Ns} (a multicast request is {@code struct.pack('4s4s', group, interface)}). Native ({@code @}, the default)
 * aligns each item and sizes {@code l} as 8 bytes, little-endian, as CPython does on Linux x86-64.
 */
final class StructModule {
    private StructModule() {
    }

    static PyValue call(String name, List<PyValue> args) throws PyException {
        return switch (name) {
            case "pack" -> {
                if (args.isEmpty()) {
                    throw new PyException(PyError.typeError("pack expected at least 1 argument, got 0"));
                }
                yield PyValue.of(pack(format(args.get(0)), args.subList(1, args.size())));
            }
            case "calcsize" -> {
                if (args.size() != 1) {
                    throw new PyException(PyError.typeError("calcsize() takes exactly one argument (" + args.size() + " given)"));
                }
                yield PyValue.of(pack(format(args.get(0)), null).length);
            }
            default -> throw new PyException(new PyError("AttributeError", null,
                    "the playground's struct module has pack() and calcsize(), not '" + name + "'"));
        };
    }

    private static String format(PyValue v) throws PyException {
        if (v instanceof PyValue.Str s) {
            return s.value();
        }
        if (v instanceof PyValue.Bytes b) {
            return new String(b.value(), java.nio.charset.StandardCharsets.US_ASCII);
        }
        throw new PyException(PyError.typeError("Struct() argument 1 must be a str or bytes, not " + v.typeName()));
    }

    /** The packed bytes; with values null, only the size (calcsize). */
    private static byte[] pack(String format, List<PyValue> values) throws PyException {
        String f = format.replace(" ", "");
        boolean nativeMode = f.isEmpty() || "@=<>!".indexOf(f.charAt(0)) < 0 || f.charAt(0) == '@';
        boolean big = !f.isEmpty() && (f.charAt(0) == '>' || f.charAt(0) == '!');
        if (!f.isEmpty() && "@=<>!".indexOf(f.charAt(0)) >= 0) {
            f = f.substring(1);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int items = 0;
        int next = 0;
        for (int i = 0; i < f.length(); i++) {
            int count = 1;
            if (Character.isDigit(f.charAt(i))) {
                int start = i;
                while (i < f.length() && Character.isDigit(f.charAt(i))) {
                    i++;
                }
                count = Integer.parseInt(f.substring(start, i));
                if (i == f.length()) {
                    throw structError("repeat count given without format specifier");
                }
            }
            char c = f.charAt(i);
            if (c == 's' || c == 'x') {
                if (c == 's') {
                    items++;
                    byte[] data = values == null || next >= values.size() ? new byte[count] : bytesFor(values.get(next++));
                    out.write(data, 0, Math.min(count, data.length));
                    for (int k = data.length; k < count; k++) {
                        out.write(0);
                    }
                } else {
                    out.write(new byte[count], 0, count);
                }
                continue;
            }
            int size = size(c, nativeMode);
            for (int k = 0; k < count; k++) {
                items++;
                while (nativeMode && out.size() % size != 0) {
                    out.write(0);   // native mode aligns each item to its size
                }
                long v = values == null || next >= values.size() ? 0 : integer(values.get(next++), c, size, nativeMode);
                for (int b = 0; b < size; b++) {
                    int shift = 8 * (big ? size - 1 - b : b);
                    out.write((int) (v >>> shift) & 0xFF);
                }
            }
        }
        if (values != null && values.size() != items) {
            throw structError("pack expected " + items + " items for packing (got " + values.size() + ")");
        }
        return out.toByteArray();
    }

    private static int size(char c, boolean nativeMode) throws PyException {
        return switch (c) {
            case 'b', 'B', '?', 'c' -> 1;
            case 'h', 'H' -> 2;
            case 'i', 'I' -> 4;
            case 'l', 'L' -> nativeMode ? 8 : 4;
            case 'q', 'Q' -> 8;
            default -> throw structError("bad char in struct format");
        };
    }

    private static byte[] bytesFor(PyValue v) throws PyException {
        if (v instanceof PyValue.Bytes b) {
            return b.value();
        }
        if (v instanceof PyValue.ByteArray a) {
            return a.copy(0, a.length());
        }
        throw structError("argument for 's' must be a bytes object");
    }

    private static long integer(PyValue v, char c, int size, boolean nativeMode) throws PyException {
        if (c == '?') {
            return v instanceof PyValue.Bool b ? (b.value() ? 1 : 0) : Args.integer(v) != 0 ? 1 : 0;
        }
        if (!(v instanceof PyValue.Int) && !(v instanceof PyValue.Bool) && !(v instanceof PyValue.Const)) {
            throw structError("required argument is not an integer");
        }
        long n = Args.integer(v);
        boolean unsigned = Character.isUpperCase(c);
        BigInteger min = unsigned ? BigInteger.ZERO : BigInteger.ONE.shiftLeft(8 * size - 1).negate();
        BigInteger max = unsigned ? BigInteger.ONE.shiftLeft(8 * size).subtract(BigInteger.ONE)
                : BigInteger.ONE.shiftLeft(8 * size - 1).subtract(BigInteger.ONE);
        BigInteger big = BigInteger.valueOf(n);
        if (big.compareTo(min) < 0 || big.compareTo(max) > 0) {
            // CPython's words differ by format and mode: measured with CPython 3 on Linux x86-64
            String named = c == 'b' ? "byte" : c == 'B' && nativeMode ? "ubyte" : c == 'h' && nativeMode ? "short"
                    : c == 'H' && nativeMode ? "ushort" : null;
            if (named == null && (size == 8 || nativeMode && unsigned && c != 'B' && c != 'H')) {
                throw structError("argument out of range");
            }
            throw structError((named != null ? named : "'" + c + "'") + " format requires " + min + " <= number <= " + max);
        }
        return n;
    }

    private static PyException structError(String message) {
        return new PyException(new PyError("struct.error", null, message));
    }
}
