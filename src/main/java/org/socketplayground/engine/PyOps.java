package org.socketplayground.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.socketplayground.engine.py.PyValue;

/**
 * The console's operators ({@code + * **}), indexing and slicing, with CPython's results and errors, and the budget
 * that keeps a line from taking the memory: every value an operation makes is counted before it is made.
 */
final class PyOps {
    /** Bytes (or characters) made so far by the line this thread evaluates. */
    private static final ThreadLocal<long[]> MADE = ThreadLocal.withInitial(() -> new long[1]);
    private static final String TOO_LARGE = "int too large for the playground (it keeps 64-bit integers)";

    private PyOps() {
    }

    /** A new line starts with nothing made. */
    static void startLine() {
        MADE.get()[0] = 0;
    }

    static PyValue binary(String op, PyValue l, PyValue r) throws PyException {
        if (isInt(l) && isInt(r)) {
            PyValue.Int a = PyValue.of(Args.integer(l));
            PyValue.Int b = PyValue.of(Args.integer(r));
            try {
                return switch (op) {
                    case "+" -> PyValue.of(Math.addExact(a.value(), b.value()));
                    case "*" -> PyValue.of(Math.multiplyExact(a.value(), b.value()));
                    default -> power(a.value(), b.value());
                };
            } catch (ArithmeticException e) {
                // Python's ints have no limit; ours are 64 bits, and a wrong number would be worse than a clear no.
                throw new PyException(PyError.overflow(TOO_LARGE));
            }
        }
        if (op.equals("*") && isInt(l) && isSequence(r)) {
            return binary(op, r, l);   // 3 * b'ab', as Python allows
        }
        if (op.equals("+")) {
            return concat(l, r);
        }
        if (op.equals("*") && isSequence(l) && isInt(r)) {
            return repeat(l, Args.integer(r));
        }
        throw unsupported(op, l, r);
    }

    /** Named constants and bools are ints in arithmetic: MSG_PEEK + MSG_DONTWAIT is 66. */
    private static boolean isInt(PyValue v) {
        return v instanceof PyValue.Int || v instanceof PyValue.Const || v instanceof PyValue.Bool;
    }

    private static boolean isSequence(PyValue v) {
        return v instanceof PyValue.Bytes || v instanceof PyValue.ByteArray || v instanceof PyValue.Str;
    }

    private static PyValue concat(PyValue l, PyValue r) throws PyException {
        if (l instanceof PyValue.Str a) {
            if (r instanceof PyValue.Str b) {
                making(a.value().length() + (long) b.value().length());
                return PyValue.of(a.value() + b.value());
            }
            throw new PyException(PyError.typeError("can only concatenate str (not \"" + r.typeName() + "\") to str"));
        }
        boolean bytesLeft = l instanceof PyValue.Bytes || l instanceof PyValue.ByteArray;
        if (bytesLeft && r instanceof PyValue.Str) {
            throw new PyException(PyError.typeError("can't concat str to " + l.typeName()));
        }
        if (bytesLeft && (r instanceof PyValue.Bytes || r instanceof PyValue.ByteArray || r instanceof PyValue.MemoryView)) {
            byte[] a = Args.bytesLike(l);
            byte[] b = Args.bytesLike(r);
            byte[] out = Arrays.copyOf(a, (int) making((long) a.length + b.length));
            System.arraycopy(b, 0, out, a.length, b.length);
            return l instanceof PyValue.ByteArray ? new PyValue.ByteArray(out) : PyValue.of(out);
        }
        throw unsupported("+", l, r);
    }

    private static PyValue repeat(PyValue l, long n) throws PyException {
        if (l instanceof PyValue.Str s) {
            making(n <= 0 ? 0 : (long) Math.min((double) s.value().length() * n, Long.MAX_VALUE));
            return PyValue.of(n <= 0 ? "" : s.value().repeat((int) n));
        }
        byte[] one = Args.bytesLike(l);
        // The size is checked before anything is made: b'x' * 10**10 is refused at once, not after 10 GB.
        double wanted = n <= 0 ? 0 : (double) one.length * n;
        byte[] out = new byte[(int) making((long) wanted)];
        int filled = Math.min(one.length, out.length);
        System.arraycopy(one, 0, out, 0, filled);
        while (filled < out.length) {   // doubling: a megabyte in twenty copies
            int more = Math.min(filled, out.length - filled);
            System.arraycopy(out, 0, out, filled, more);
            filled += more;
        }
        return l instanceof PyValue.ByteArray ? new PyValue.ByteArray(out) : PyValue.of(out);
    }

    private static PyException unsupported(String op, PyValue l, PyValue r) {
        return new PyException(PyError.typeError("unsupported operand type(s) for " + op + ": '"
                + l.typeName() + "' and '" + r.typeName() + "'"));
    }

    /** {@code target[index]}: an item of a tuple, list, str, bytes, bytearray or memoryview. */
    static PyValue index(PyValue target, PyValue index) throws PyException {
        int length = length(target);
        if (length < 0) {
            throw new PyException(PyError.typeError("'" + target.typeName() + "' object is not subscriptable"));
        }
        if (!(index instanceof PyValue.Int || index instanceof PyValue.Bool || index instanceof PyValue.Const)) {
            throw new PyException(PyError.typeError(switch (target.typeName()) {
                case "str" -> "string indices must be integers, not '" + index.typeName() + "'";
                case "bytes" -> "byte indices must be integers or slices, not " + index.typeName();
                case "memoryview" -> "memoryview: invalid slice key";
                default -> target.typeName() + " indices must be integers or slices, not " + index.typeName();
            }));
        }
        long i = Args.integer(index);
        long k = i < 0 ? length + i : i;
        if (k < 0 || k >= length) {
            String what = switch (target.typeName()) {
                case "str" -> "string index out of range";
                case "bytes" -> "index out of range";
                case "memoryview" -> "index out of bounds on dimension 1";
                default -> target.typeName() + " index out of range";
            };
            throw new PyException(new PyError("IndexError", null, what));
        }
        int at = (int) k;
        if (target instanceof PyValue.Str s) {
            int from = s.value().offsetByCodePoints(0, at);
            return PyValue.of(s.value().substring(from, s.value().offsetByCodePoints(from, 1)));
        }
        List<PyValue> items = items(target);
        return items != null ? items.get(at) : PyValue.of(Args.bytesLike(target)[at] & 0xff);
    }

    /** {@code target[lower:upper:step]}, each bound an int or None, as Python adjusts them. */
    static PyValue slice(PyValue target, PyValue lower, PyValue upper, PyValue step) throws PyException {
        int length = length(target);
        if (length < 0) {
            throw new PyException(PyError.typeError("'" + target.typeName() + "' object is not subscriptable"));
        }
        long by = bound(step, 1);
        if (by == 0) {
            throw new PyException(PyError.valueError("slice step cannot be zero"));
        }
        long from = adjust(bound(lower, by < 0 ? Long.MAX_VALUE : 0), length, by);
        long to = adjust(bound(upper, by < 0 ? Long.MIN_VALUE : Long.MAX_VALUE), length, by);
        if (target instanceof PyValue.MemoryView m && by == 1) {
            return new PyValue.MemoryView(m.base(), m.offset() + (int) from, (int) Math.max(0, to - from));
        }
        List<Integer> picked = new ArrayList<>();
        for (long i = from; by > 0 ? i < to : i > to; i += by) {
            picked.add((int) i);
        }
        making(picked.size());
        if (target instanceof PyValue.Str s) {
            int[] cps = s.value().codePoints().toArray();
            StringBuilder sb = new StringBuilder();
            picked.forEach(i -> sb.appendCodePoint(cps[i]));
            return PyValue.of(sb.toString());
        }
        List<PyValue> items = items(target);
        if (items != null) {
            List<PyValue> out = new ArrayList<>();
            picked.forEach(i -> out.add(items.get(i)));
            return target instanceof PyValue.Tuple ? new PyValue.Tuple(out) : new PyValue.PyList(out);
        }
        byte[] all = Args.bytesLike(target);
        byte[] out = new byte[picked.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = all[picked.get(i)];
        }
        return target instanceof PyValue.ByteArray ? new PyValue.ByteArray(out)
                : target instanceof PyValue.MemoryView ? new PyValue.MemoryView(PyValue.of(out), 0, out.length) : PyValue.of(out);
    }

    private static long bound(PyValue v, long absent) throws PyException {
        if (v == null || v instanceof PyValue.None) {
            return absent;
        }
        if (!(v instanceof PyValue.Int || v instanceof PyValue.Bool || v instanceof PyValue.Const)) {
            throw new PyException(PyError.typeError("slice indices must be integers or None or have an __index__ method"));
        }
        return Args.integer(v);
    }

    /** CPython's PySlice_AdjustIndices for one bound. */
    private static long adjust(long i, int length, long step) {
        if (i < 0) {
            i = Math.max(i, -(long) Integer.MAX_VALUE) + length;
            return i < 0 ? (step < 0 ? -1 : 0) : i;
        }
        return i >= length ? (step < 0 ? length - 1 : length) : i;
    }

    /** len() of a value, or -1 for one that has none. */
    static int length(PyValue v) {
        if (v instanceof PyValue.Str s) {
            return s.value().codePointCount(0, s.value().length());
        }
        if (v instanceof PyValue.Bytes b) {
            return b.length();
        }
        if (v instanceof PyValue.ByteArray a) {
            return a.length();
        }
        if (v instanceof PyValue.MemoryView m) {
            return m.length();
        }
        List<PyValue> items = items(v);
        return items == null ? -1 : items.size();
    }

    private static List<PyValue> items(PyValue v) {
        return v instanceof PyValue.Tuple t ? t.items() : v instanceof PyValue.PyList l ? l.items() : null;
    }

    /** Counts bytes the line is about to make; MemoryError, in words, beyond a value's or a line's limit. */
    static long making(long length) throws PyException {
        if (length > PyConsole.MAX_BYTES) {
            throw new PyException(new PyError("MemoryError", null, tooMuch("a bytes value holds", PyConsole.MAX_BYTES, length)));
        }
        long[] made = MADE.get();
        if (made[0] + length > PyConsole.MAX_BYTES_PER_LINE) {
            throw new PyException(new PyError("MemoryError", null,
                    tooMuch("one line makes", PyConsole.MAX_BYTES_PER_LINE, made[0] + length)));
        }
        made[0] += length;
        return length;
    }

    /** "a bytes value holds at most 1,048,576 bytes (1 MiB) in the playground; this would be 10,000,000,000" */
    static String tooMuch(String what, long limit, long wanted) {
        java.util.Locale en = java.util.Locale.ROOT;
        return what + " at most " + String.format(en, "%,d", limit) + " bytes (" + (limit >> 20) + " MiB) in the playground"
                + (wanted >= Long.MAX_VALUE ? "" : "; this would be " + String.format(en, "%,d", wanted));
    }

    /** Bytes a value holds, for the names' budget; a memoryview holds none of its own. */
    static long sizeOf(PyValue value) {
        if (value instanceof PyValue.Bytes || value instanceof PyValue.ByteArray) {
            return length(value);
        }
        if (value instanceof PyValue.Str str) {
            return str.value().length() * 2L;
        }
        List<PyValue> items = items(value);
        long sum = 0;
        for (PyValue item : items == null ? List.<PyValue>of() : items) {
            sum += sizeOf(item);
        }
        return sum;
    }

    /** {@code a ** b} on 64-bit integers; a negative exponent gives a float, as in Python. */
    private static PyValue power(long base, long exponent) throws PyException {
        if (exponent < 0 && base == 0) {
            throw new PyException(new PyError("ZeroDivisionError", null, "0.0 cannot be raised to a negative power"));
        }
        if (exponent < 0) {
            return new PyValue.Float(Math.pow(base, exponent));
        }
        if (base == 0 || base == 1 || base == -1) {
            return PyValue.of(exponent == 0 ? 1 : base == -1 && exponent % 2 == 0 ? 1 : base);
        }
        long result = 1;
        for (long i = 0; i < exponent; i++) {   // overflows within 63 turns
            result = Math.multiplyExact(result, base);
        }
        return PyValue.of(result);
    }
}
