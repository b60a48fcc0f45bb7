package org.socketplayground.engine;

import java.util.List;
import org.socketplayground.engine.py.PyValue;

/** Checks a call's arguments the way CPython does, with its TypeError and ValueError messages. */
final class Args {
    private Args() {
    }

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
        } else if (max == min + 1) {
            message = call + "() takes " + min + " or " + max + " arguments (" + n + " given)";
        } else if (n < min) {
            message = call + "() takes at least " + min + " argument" + (min == 1 ? "" : "s") + " (" + n + " given)";
        } else {
            message = call + "() takes at most " + max + " argument" + (max == 1 ? "" : "s") + " (" + n + " given)";
        }
        throw new PyException(PyError.typeError(message));
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
        if (seconds < 0) {
            throw new PyException(PyError.valueError("Timeout value out of range"));
        }
        return seconds;
    }
}
