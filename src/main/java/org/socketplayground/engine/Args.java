package org.socketplayground.engine;

import java.util.List;
import org.socketplayground.engine.py.PyValue;

/** Checks a call's arguments the way CPython does, with its TypeError and ValueError messages. */
final class Args {
    private Args() {
    }

    /**
     * PyArg_ParseTuple's wording ({@code recv() takes at least 1 argument (0 given)}); a method that takes exactly one
     * or none words it as CPython's METH_O and METH_NOARGS do ({@code socket.bind() takes exactly one argument}).
     */
    static void count(String call, List<PyValue> args, int min, int max) throws PyException {
        int n = args.size();
        if (n >= min && n <= max) {
            return;
        }
        String message;
        if (min == max && min == 1) {
            message = call + "() takes exactly one argument (" + n + " given)";
        } else if (min == max && min == 0) {
            message = call + "() takes no arguments (" + n + " given)";
        } else {
            tuple(call, args, min, max);
            return;
        }
        throw new PyException(PyError.typeError(message));
    }

    /** PyArg_ParseTuple's wording only: {@code gethostbyname() takes exactly 1 argument (0 given)}. */
    static void tuple(String call, List<PyValue> args, int min, int max) throws PyException {
        int n = args.size();
        if (n >= min && n <= max) {
            return;
        }
        String how = min == max ? "exactly " : n < min ? "at least " : "at most ";
        int k = min == max ? min : n < min ? min : max;
        throw new PyException(PyError.typeError(call + "() takes " + how + k + " argument" + (k == 1 ? "" : "s")
                + " (" + n + " given)"));
    }

    /**
     * A function written in Python (socket.py's {@code accept}, {@code close}, {@code __init__}, {@code getaddrinfo}):
     * CPython counts self, and names the missing ones.
     */
    static void positional(String call, List<PyValue> args, List<String> required, int max, boolean self)
            throws PyException {
        int n = args.size();
        if (n < required.size()) {
            List<String> missing = required.subList(n, required.size()).stream().map(r -> "'" + r + "'").toList();
            String names = missing.size() == 1 ? missing.get(0)
                    : String.join(", ", missing.subList(0, missing.size() - 1)) + " and " + missing.get(missing.size() - 1);
            throw new PyException(PyError.typeError(call + "() missing " + missing.size() + " required positional argument"
                    + (missing.size() == 1 ? "" : "s") + ": " + names));
        }
        if (n > max) {
            int lo = required.size() + (self ? 1 : 0);
            int hi = max + (self ? 1 : 0);
            int given = n + (self ? 1 : 0);
            String takes = lo == hi ? lo + " positional argument" + (lo == 1 ? "" : "s") : "from " + lo + " to " + hi + " positional arguments";
            throw new PyException(PyError.typeError(call + "() takes " + takes + " but " + given + " were given"));
        }
    }

    /** An int argument; bools and named constants count, as in Python. */
    static long integer(PyValue v) throws PyException {
        if (v instanceof PyValue.Int i) {
            return i.value();
        }
        if (v instanceof PyValue.Const c) {
            return c.value();
        }
        if (v instanceof PyValue.Bool b) {
            return b.value() ? 1 : 0;
        }
        if (v instanceof PyValue.Float) {
            throw new PyException(PyError.typeError("'float' object cannot be interpreted as an integer"));
        }
        throw new PyException(PyError.typeError("'" + v.typeName() + "' object cannot be interpreted as an integer"));
    }

    /** A C int argument parsed by PyArg_ParseTuple's "i": the flags of recv and send. */
    static int cInt(PyValue v) throws PyException {
        long n = integer(v);
        if (n > Integer.MAX_VALUE) {
            throw new PyException(PyError.overflow("signed integer is greater than maximum"));
        }
        if (n < Integer.MIN_VALUE) {
            throw new PyException(PyError.overflow("signed integer is less than minimum"));
        }
        return (int) n;
    }

    /** The flags argument at index, 0 when absent. */
    static int flags(List<PyValue> args, int index) throws PyException {
        return index < args.size() && index >= 0 ? cInt(args.get(index)) : 0;
    }

    /** An int argument that Argument Clinic converts to a C int (socket()'s family, type and proto). */
    static int clinicInt(PyValue v) throws PyException {
        long n = integer(v);
        if (n > Integer.MAX_VALUE || n < Integer.MIN_VALUE) {
            throw new PyException(PyError.overflow("Python int too large to convert to C int"));
        }
        return (int) n;
    }

    static byte[] bytes(PyValue v) throws PyException {
        return bytesLike(v);
    }

    /** What Python calls a bytes-like object: bytes, a bytearray or a memoryview, copied. */
    static byte[] bytesLike(PyValue v) throws PyException {
        if (v instanceof PyValue.Bytes b) {
            return b.value();
        }
        if (v instanceof PyValue.ByteArray a) {
            return a.copy(0, a.length());
        }
        if (v instanceof PyValue.MemoryView m) {
            return m.bytes();
        }
        throw new PyException(PyError.typeError("a bytes-like object is required, not '" + v.typeName() + "'"));
    }

    static int bufsize(String call, PyValue v) throws PyException {
        long n = integer(v);
        if (n < 0) {
            throw new PyException(PyError.valueError("negative buffersize in " + call));
        }
        return (int) Math.min(n, Integer.MAX_VALUE);
    }

    /** settimeout's argument: None, or a number of seconds that is not negative. */
    static Double timeout(PyValue v) throws PyException {
        if (v instanceof PyValue.None) {
            return null;
        }
        double seconds;
        if (v instanceof PyValue.Float f) {
            seconds = f.value();
            if (Double.isNaN(seconds)) {
                throw new PyException(PyError.valueError("Invalid value NaN (not a number)"));
            }
            // CPython keeps timeouts in nanoseconds in 64 bits, whatever the sign.
            if (!(Math.abs(seconds) * 1e9 < 0x1p63)) {
                throw new PyException(PyError.overflow("timestamp out of range for platform time_t"));
            }
        } else {
            long whole = integer(v);
            if (Math.abs(whole) > Long.MAX_VALUE / 1_000_000_000L) {
                throw new PyException(PyError.overflow("timestamp too large to convert to C _PyTime_t"));
            }
            seconds = whole;
        }
        // CPython keeps whole nanoseconds, rounded away from zero (_PyTime_ROUND_TIMEOUT), and reads them back as
        // seconds: settimeout(0.3333333333) reads back 0.333333334, and 1e-10 as 1e-09.
        double rounded = seconds >= 0 ? Math.ceil(seconds * 1e9) : Math.floor(seconds * 1e9);
        if (rounded < 0) {
            throw new PyException(PyError.valueError("Timeout value out of range"));
        }
        long ns = (long) rounded;
        return ns % 1_000_000_000L == 0 ? (double) (ns / 1_000_000_000L) : ns / 1e9;
    }
}
