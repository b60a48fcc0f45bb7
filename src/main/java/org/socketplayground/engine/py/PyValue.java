package org.socketplayground.engine.py;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A Python value as a call takes or returns it. {@link #repr()} is exactly what Python's {@code repr()} prints,
 * so outcomes read the same in the app as in a student's terminal; {@link #source()} is how the value is written
 * in a script (the two differ only for named constants such as {@code socket.AF_INET}).
 */
public sealed interface PyValue {

    String repr();

    default String source() {
        return repr();
    }

    PyValue NONE = new None();
    PyValue TRUE = new Bool(true);
    PyValue FALSE = new Bool(false);

    static PyValue of(boolean b) {
        return b ? TRUE : FALSE;
    }

    static Int of(long v) {
        return new Int(v);
    }

    static Str of(String s) {
        return new Str(s);
    }

    static Bytes of(byte[] b) {
        return new Bytes(b);
    }

    static Tuple tuple(PyValue... items) {
        return new Tuple(List.of(items));
    }

    /**
     * The repr of a value whose data may be large: bytes longer than maxBytes are written as the repr of their first
     * maxBytes and how many more there are ({@code b'abc'…(65504 more bytes)}), tuples (recvfrom's) looked into, so
     * that 64 KiB of data never becomes 260,000 characters only to be cut.
     */
    static String shortRepr(PyValue value, int maxBytes) {
        if (value instanceof Bytes b && b.length() > maxBytes) {
            return b.head(maxBytes).repr() + "…(" + (b.length() - maxBytes) + " more bytes)";
        }
        if (value instanceof Tuple t) {
            return Tuple.join(t.items(), v -> shortRepr(v, maxBytes));
        }
        return value.repr();
    }

    /** Python's type name, as TypeError messages use it. */
    default String typeName() {
        if (this instanceof Bool) {
            return "bool";
        } else if (this instanceof Int || this instanceof Const) {
            return "int";
        } else if (this instanceof Float) {
            return "float";
        } else if (this instanceof Str) {
            return "str";
        } else if (this instanceof Bytes) {
            return "bytes";
        } else if (this instanceof Tuple) {
            return "tuple";
        } else if (this instanceof PyList) {
            return "list";
        } else if (this instanceof SocketRef) {
            return "socket";
        } else if (this instanceof ByteArray) {
            return "bytearray";
        } else if (this instanceof MemoryView) {
            return "memoryview";
        } else if (this instanceof Builtin b) {
            return b.isClass() ? "type" : "builtin_function_or_method";
        }
        return "NoneType";
    }

    record None() implements PyValue {
        public String repr() {
            return "None";
        }
    }

    record Bool(boolean value) implements PyValue {
        public String repr() {
            return value ? "True" : "False";
        }
    }

    record Int(long value) implements PyValue {
        public String repr() {
            return Long.toString(value);
        }
    }

    record Float(double value) implements PyValue {
        public String repr() {
            return floatRepr(value);
        }
    }

    record Str(String value) implements PyValue {
        public String repr() {
            return quote(value.codePoints().toArray(), false);
        }
    }

    /** Immutable bytes: the array is copied in and out, but for one the engine has just received ({@link #adopt}). */
    final class Bytes implements PyValue {
        private final byte[] value;

        public Bytes(byte[] value) {
            this.value = value.clone();
        }

        private Bytes(byte[] fresh, boolean adopted) {
            this.value = fresh;
        }

        /**
         * Bytes over an array that no one changes from now on, taken as it is: a received datagram is copied once,
         * out of the system's buffer, not a second time here.
         */
        public static Bytes adopt(byte[] fresh) {
            return new Bytes(fresh, true);
        }

        public byte[] value() {
            return value.clone();
        }

        public int length() {
            return value.length;
        }

        /** The first n bytes (all of them if there are fewer), without copying the rest. */
        public Bytes head(int n) {
            return n >= value.length ? this : new Bytes(Arrays.copyOf(value, n));
        }

        /** The one byte value every byte has (0-255), or -1 if they differ or there are none; copies nothing. */
        public int uniform() {
            if (value.length == 0) {
                return -1;
            }
            byte first = value[0];
            for (byte b : value) {
                if (b != first) {
                    return -1;
                }
            }
            return first & 0xff;
        }

        public String repr() {
            int[] units = new int[value.length];
            for (int i = 0; i < value.length; i++) {
                units[i] = value[i] & 0xff;
            }
            return "b" + quote(units, true);
        }

        /** The bytes decoded as UTF-8 where possible, for display; the raw bytes stay in {@link #value()}. */
        public String text() {
            return new String(value, StandardCharsets.UTF_8);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes b && Arrays.equals(value, b.value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return repr();
        }
    }

    record Tuple(List<PyValue> items) implements PyValue {
        public Tuple {
            items = List.copyOf(items);
        }

        public PyValue get(int i) {
            return items.get(i);
        }

        public int size() {
            return items.size();
        }

        public String repr() {
            return join(items, PyValue::repr);
        }

        @Override
        public String source() {
            return join(items, PyValue::source);
        }

        private static String join(List<PyValue> items, java.util.function.Function<PyValue, String> f) {
            if (items.size() == 1) {
                return "(" + f.apply(items.get(0)) + ",)";
            }
            return items.stream().map(f).collect(Collectors.joining(", ", "(", ")"));
        }
    }

    record PyList(List<PyValue> items) implements PyValue {
        public PyList {
            items = List.copyOf(items);
        }

        public String repr() {
            return items.stream().map(PyValue::repr).collect(Collectors.joining(", ", "[", "]"));
        }

        @Override
        public String source() {
            return items.stream().map(PyValue::source).collect(Collectors.joining(", ", "[", "]"));
        }
    }

    /**
     * A named constant of the socket module: written {@code socket.AF_INET} in code, printed by Python as
     * {@code <AddressFamily.AF_INET: 2>} (enum members) or as its number (plain ints such as SOL_SOCKET).
     */
    record Const(String name, String enumName, long value) implements PyValue {
        public String repr() {
            return enumName == null ? Long.toString(value) : "<" + enumName + "." + name + ": " + value + ">";
        }

        @Override
        public String source() {
            return "socket." + name;
        }
    }

    /** A socket object, shown by the name the engine gave it ({@code s1}, {@code conn1}). */
    record SocketRef(String id) implements PyValue {
        public String repr() {
            return id;
        }
    }

    /**
     * A bytearray: the one value a call changes in place ({@code recv_into}). Its bytes are shared with every
     * memoryview of it, as in Python; threads other than the line's only read it.
     */
    final class ByteArray implements PyValue {
        private final byte[] data;

        public ByteArray(byte[] data) {
            this.data = data.clone();
        }

        public int length() {
            return data.length;
        }

        /** A copy of bytes from..to. */
        public byte[] copy(int from, int to) {
            return Arrays.copyOfRange(data, from, to);
        }

        /** Writes the bytes at offset; the caller has checked that they fit. */
        public void write(int offset, byte[] bytes) {
            System.arraycopy(bytes, 0, data, offset, bytes.length);
        }

        public String repr() {
            return "bytearray(" + new Bytes(data).repr() + ")";
        }

        /** All zeros: written {@code bytearray(n)}, as a script makes a buffer, rather than n escapes. */
        @Override
        public String source() {
            for (byte b : data) {
                if (b != 0) {
                    return repr();
                }
            }
            return "bytearray(" + data.length + ")";
        }
    }

    /** A memoryview of bytes or of a bytearray (writable, then): a window of length bytes from offset. */
    record MemoryView(PyValue base, int offset, int length) implements PyValue {
        public String repr() {
            // CPython prints the address; the playground's views have none, a stable number stands in.
            return "<memory at 0x7f" + String.format("%010x", System.identityHashCode(this) * 16L) + ">";
        }

        public byte[] bytes() {
            return base instanceof ByteArray a ? a.copy(offset, offset + length)
                    : Arrays.copyOfRange(((Bytes) base).value, offset, offset + length);
        }
    }

    /** A built-in function ({@code len}) or class ({@code bytes}, {@code socket.timeout}), callable or not. */
    record Builtin(String name, boolean isClass) implements PyValue {
        public String repr() {
            // A bound method is named "method recv of socket object"; CPython adds the object's address.
            return isClass ? "<class '" + name + "'>" : name.contains(" ") ? "<built-in " + name + ">" : "<built-in function " + name + ">";
        }
    }

    // ---- Python's repr rules ----

    /** Quotes code units the way Python's repr does for str (unicode) or bytes (0-255). */
    private static String quote(int[] units, boolean bytes) {
        boolean hasSingle = false;
        boolean hasDouble = false;
        for (int u : units) {
            hasSingle |= u == '\'';
            hasDouble |= u == '"';
        }
        char q = hasSingle && !hasDouble ? '"' : '\'';
        StringBuilder sb = new StringBuilder(units.length + 2).append(q);
        for (int u : units) {
            if (u == q || u == '\\') {
                sb.append('\\').appendCodePoint(u);
            } else if (u == '\t') {
                sb.append("\\t");
            } else if (u == '\n') {
                sb.append("\\n");
            } else if (u == '\r') {
                sb.append("\\r");
            } else if (u >= 0x20 && u < 0x7f) {
                sb.append((char) u);
            } else if (bytes || u < 0x20 || u == 0x7f || (u >= 0x80 && u < 0xa0)) {
                appendEscape(sb, 'x', u, 2);
            } else if (!bytes && isPrintable(u)) {
                sb.appendCodePoint(u);
            } else if (u <= 0xffff) {
                appendEscape(sb, 'u', u, 4);
            } else {
                appendEscape(sb, 'U', u, 8);
            }
        }
        return sb.append(q).toString();
    }

    /**
     * An escape as repr writes it: a backslash, x, u or U, and 2, 4 or 8 lower-case hex digits. By hand, not with
     * String.format: a datagram of random bytes needs thousands.
     */
    private static void appendEscape(StringBuilder sb, char kind, int u, int digits) {
        sb.append('\\').append(kind);
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            sb.append(Character.forDigit((u >>> shift) & 0xf, 16));
        }
    }

    private static boolean isPrintable(int cp) {
        int type = Character.getType(cp);
        return cp != 0xad && type != Character.CONTROL && type != Character.FORMAT && type != Character.SURROGATE
                && type != Character.PRIVATE_USE && type != Character.UNASSIGNED
                && type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR
                && (type != Character.SPACE_SEPARATOR || cp == ' ');
    }

    /** Python's float repr: shortest round-trip digits, '.0' for whole numbers, exponent past 1e16 or below 1e-4. */
    static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        java.math.BigDecimal bd = new java.math.BigDecimal(Double.toString(d)).stripTrailingZeros();
        double abs = Math.abs(d);
        if (abs != 0 && (abs >= 1e16 || abs < 1e-4)) {
            String digits = bd.unscaledValue().abs().toString();
            int exp = digits.length() - 1 - bd.scale();
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return (d < 0 ? "-" : "") + mantissa + "e" + (exp < 0 ? "-" : "+") + String.format("%02d", Math.abs(exp));
        }
        String plain = bd.toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }
}
