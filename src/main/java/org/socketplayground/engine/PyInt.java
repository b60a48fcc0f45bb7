package org.socketplayground.engine;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.socketplayground.engine.py.PyValue;

/** {@code int(x)} and {@code int(text, base)} as CPython reads them (signs, spaces, underscores, 0x/0o/0b with base 0). */
final class PyInt {
    private PyInt() {
    }

    static PyValue of(PyBuiltins.Arguments a) throws PyException {
        for (String k : a.keywords().keySet()) {
            if (!k.equals("base")) {
                throw new PyException(PyError.typeError("'" + k + "' is an invalid keyword argument for int()"));
            }
        }
        if (a.positional().size() > 2) {
            throw new PyException(PyError.typeError("int() takes at most 2 arguments (" + a.positional().size() + " given)"));
        }
        PyValue v = a.get(0, "x", null);
        PyValue baseArg = a.get(1, "base", null);
        if (v == null) {
            return PyValue.of(0);
        }
        boolean text = v instanceof PyValue.Str || v instanceof PyValue.Bytes || v instanceof PyValue.ByteArray;
        if (baseArg != null && !text) {
            throw new PyException(PyError.typeError("int() can't convert non-string with explicit base"));
        }
        if (!text) {
            if (v instanceof PyValue.Float f) {
                if (Double.isNaN(f.value()) || Double.isInfinite(f.value())) {
                    throw new PyException(f.value() != f.value() ? PyError.valueError("cannot convert float NaN to integer")
                            : PyError.overflow("cannot convert float infinity to integer"));
                }
                if (Math.abs(f.value()) >= 0x1p63) {
                    throw new PyException(PyError.overflow("int too large for the playground (it keeps 64-bit integers)"));
                }
                return PyValue.of((long) f.value());
            }
            if (v instanceof PyValue.Int || v instanceof PyValue.Bool || v instanceof PyValue.Const) {
                return PyValue.of(Args.integer(v));
            }
            throw new PyException(PyError.typeError("int() argument must be a string, a bytes-like object or a real number, not '"
                    + v.typeName() + "'"));
        }
        long base = baseArg == null ? 10 : Args.integer(baseArg);
        if (base != 0 && (base < 2 || base > 36)) {
            throw new PyException(PyError.valueError("int() base must be >= 2 and <= 36, or 0"));
        }
        String s = v instanceof PyValue.Str str ? str.value() : new String(Args.bytesLike(v), StandardCharsets.ISO_8859_1);
        Long parsed = parse(s, (int) base);
        if (parsed == null) {
            throw new PyException(PyError.valueError("invalid literal for int() with base " + base + ": "
                    + v.repr()));
        }
        return PyValue.of(parsed);
    }

    /** The number the text spells in base (0: by its prefix), or null when it spells none. */
    private static Long parse(String raw, int base) throws PyException {
        String s = raw.strip();
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        String lower = s.toLowerCase(java.util.Locale.ROOT);
        int prefixBase = lower.startsWith("0x") ? 16 : lower.startsWith("0o") ? 8 : lower.startsWith("0b") ? 2 : 0;
        if (prefixBase != 0 && (base == 0 || base == prefixBase)) {
            s = s.substring(2);
            base = prefixBase;
            if (s.startsWith("_")) {
                s = s.substring(1);   // 0x_1f is allowed
            }
        } else if (base == 0) {
            if (s.length() > 1 && s.chars().allMatch(c -> c == '0' || c == '_') == false && s.startsWith("0")) {
                return null;   // base 0 has no leading zeros: '010' is not octal
            }
            base = 10;
        }
        if (s.isEmpty() || s.startsWith("_") || s.endsWith("_") || s.contains("__")) {
            return null;
        }
        StringBuilder digits = new StringBuilder();
        for (char c : s.replace("_", "").toCharArray()) {
            int d = Character.digit(c, base);
            if (d < 0) {
                return null;
            }
            digits.append(Character.forDigit(d, base));
        }
        String significant = digits.toString().replaceFirst("^0+(?=.)", "");
        if (significant.length() > 64) {   // more than 64 bits in any base; and no slow parse of a megabyte of digits
            throw new PyException(PyError.overflow("int too large for the playground (it keeps 64-bit integers)"));
        }
        BigInteger n = new BigInteger(significant, base);
        n = negative ? n.negate() : n;
        if (n.bitLength() > 63) {
            throw new PyException(PyError.overflow("int too large for the playground (it keeps 64-bit integers)"));
        }
        return n.longValue();
    }
}
