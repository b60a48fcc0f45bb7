package org.socketplayground.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.socketplayground.engine.py.PyValue;

/**
 * The everyday Python around the socket calls, as a student types it in week two: the built-ins len, repr, str,
 * int, bytes, bytearray and memoryview, and the methods encode, decode, hex, upper, lower, strip and tobytes, with
 * CPython's results and errors. What they make counts against the line's budget ({@link PyOps#making}).
 */
final class PyBuiltins {
    /** A call's evaluated arguments: positional, then keywords by name, in order. */
    record Arguments(List<PyValue> positional, Map<String, PyValue> keywords) {
        PyValue get(int position, String name, PyValue absent) {
            return position < positional.size() ? positional.get(position) : keywords.getOrDefault(name, absent);
        }
    }

    private static final List<String> CLASSES = List.of("str", "int", "bytes", "bytearray", "memoryview");
    private static final List<String> FUNCTIONS = List.of("len", "repr");

    private PyBuiltins() {
    }

    /** Whether Python's value has this method that the playground runs, for {@code data.decode} without a call. */
    static boolean hasMethod(PyValue target, String name) {
        List<String> methods = target instanceof PyValue.SocketRef ? SOCKET_METHODS
                : target instanceof PyValue.Str ? List.of("encode", "upper", "lower", "strip")
                : target instanceof PyValue.Bytes || target instanceof PyValue.ByteArray ? List.of("decode", "hex", "upper", "lower", "strip")
                : target instanceof PyValue.MemoryView ? List.of("tobytes", "hex") : List.of();
        return methods.contains(name);
    }

    private static final List<String> SOCKET_METHODS = List.of("accept", "bind", "close", "connect", "connect_ex", "fileno",
            "getblocking", "getpeername", "getsockname", "getsockopt", "gettimeout", "listen", "recv", "recv_into", "recvfrom",
            "recvfrom_into", "send", "sendall", "sendto", "setblocking", "setsockopt", "settimeout", "shutdown");

    /**
     * An engine call's arguments, keywords put in their places for the calls that take them (socket(), getaddrinfo(),
     * recv_into(), recvfrom_into()), with CPython's TypeError for the rest.
     */
    static List<PyValue> forEngine(boolean module, String call, Arguments a) throws PyException {
        if (a.keywords().isEmpty()) {
            return a.positional();
        }
        List<String> names = switch (module ? "socket." + call : call) {
            case "socket.socket" -> List.of("family", "type", "proto");
            case "socket.getaddrinfo" -> List.of("host", "port", "family", "type", "proto", "flags");
            case "recv_into", "recvfrom_into" -> List.of("buffer", "nbytes", "flags");
            default -> throw new PyException(PyError.typeError((module ? "" : "socket.") + call + "() takes no keyword arguments"));
        };
        boolean inPython = module;   // socket() and getaddrinfo() are Python functions; they word errors so
        String who = call.equals("socket") ? "socket.__init__()" : call + "()";
        List<PyValue> out = new ArrayList<>(a.positional());
        int last = out.size() - 1;
        for (String k : a.keywords().keySet()) {
            int at = names.indexOf(k);
            if (at < 0) {
                throw new PyException(PyError.typeError(inPython ? who + " got an unexpected keyword argument '" + k + "'"
                        : "'" + k + "' is an invalid keyword argument for " + who));
            }
            if (at < out.size()) {
                throw new PyException(PyError.typeError(inPython ? who + " got multiple values for argument '" + k + "'"
                        : "argument for " + who + " given by name ('" + k + "') and position (" + (at + 1) + ")"));
            }
            last = Math.max(last, at);
        }
        for (int i = out.size(); i <= last; i++) {
            PyValue v = a.keywords().get(names.get(i));
            if (v == null && i < (call.equals("socket") ? 0 : call.equals("getaddrinfo") ? 2 : 1)) {
                throw new PyException(PyError.typeError(inPython ? who + " missing 1 required positional argument: '" + names.get(i) + "'"
                        : who + " missing required argument '" + names.get(i) + "' (pos " + (i + 1) + ")"));
            }
            out.add(v != null ? v : call.equals("socket") && i < 2 ? (i == 0 ? Family.AF_INET.constant() : SockType.SOCK_STREAM.constant())
                    : PyValue.of(0));
        }
        return out;
    }

    /** The built-in a name stands for when no variable has it, or null (then NameError). */
    static PyValue named(String name) {
        return CLASSES.contains(name) ? new PyValue.Builtin(name, true)
                : FUNCTIONS.contains(name) ? new PyValue.Builtin(name, false) : null;
    }

    static PyValue call(String name, Arguments a) throws PyException {
        List<PyValue> args = a.positional();
        if (!CLASSES.contains(name) && !FUNCTIONS.contains(name)) {
            throw new PyException(PyError.typeError("'type' object is not callable"));
        }
        if ((name.equals("len") || name.equals("repr") || name.equals("memoryview"))
                && (args.size() != 1 || !a.keywords().isEmpty())) {
            throw new PyException(PyError.typeError(name.equals("memoryview") ? "memoryview() missing required argument 'object' (pos 1)"
                    : name + "() takes exactly one argument (" + args.size() + " given)"));
        }
        switch (name) {
            case "len" -> {
                int n = PyOps.length(args.get(0));
                if (n < 0) {
                    throw new PyException(PyError.typeError("object of type '" + args.get(0).typeName() + "' has no len()"));
                }
                return PyValue.of(n);
            }
            case "repr" -> {
                return text(args.get(0).repr());
            }
            case "str" -> {
                PyValue v = a.get(0, "object", null);
                if (v == null) {
                    return PyValue.of("");
                }
                if (args.size() < 2 && !a.keywords().containsKey("encoding") && !a.keywords().containsKey("errors")) {
                    return v instanceof PyValue.Str ? v : text(v.repr());
                }
                if (v instanceof PyValue.Str) {
                    throw new PyException(PyError.typeError("decoding str is not supported"));
                }
                if (!(v instanceof PyValue.Bytes || v instanceof PyValue.ByteArray || v instanceof PyValue.MemoryView)) {
                    throw new PyException(PyError.typeError("decoding to str: need a bytes-like object, " + v.typeName() + " found"));
                }
                return PyValue.of(decode(Args.bytesLike(v), "str", a, 1));
            }
            case "int" -> {
                return PyInt.of(a);
            }
            case "bytes", "bytearray" -> {
                byte[] made = bytesOf(name, a);
                return name.equals("bytes") ? PyValue.of(made) : new PyValue.ByteArray(made);
            }
            default -> {
                PyValue v = args.get(0);
                if (v instanceof PyValue.MemoryView) {
                    return v;
                }
                if (!(v instanceof PyValue.Bytes || v instanceof PyValue.ByteArray)) {
                    throw new PyException(PyError.typeError("memoryview: a bytes-like object is required, not '" + v.typeName() + "'"));
                }
                return new PyValue.MemoryView(v, 0, PyOps.length(v));
            }
        }
    }

    /** bytes(x) and bytearray(x): from a count, bytes-like data, a str with its encoding, or a list of ints. */
    private static byte[] bytesOf(String name, Arguments a) throws PyException {
        PyValue v = a.get(0, "source", null);
        PyValue encoding = a.get(1, "encoding", null);
        if (v == null) {
            return new byte[0];
        }
        if (v instanceof PyValue.Str s) {
            if (encoding == null) {
                throw new PyException(PyError.typeError("string argument without an encoding"));
            }
            return encode(s.value(), name, a, 1);
        }
        if (encoding != null) {
            throw new PyException(PyError.typeError("encoding without a string argument"));
        }
        if (v instanceof PyValue.Int || v instanceof PyValue.Bool || v instanceof PyValue.Const) {
            long n = Args.integer(v);
            if (n < 0) {
                throw new PyException(PyError.valueError("negative count"));
            }
            return new byte[(int) PyOps.making(n)];   // counted first: bytearray(10**10) is refused, not made
        }
        if (v instanceof PyValue.Bytes || v instanceof PyValue.ByteArray || v instanceof PyValue.MemoryView) {
            PyOps.making(PyOps.length(v));
            return Args.bytesLike(v);
        }
        if (v instanceof PyValue.Tuple || v instanceof PyValue.PyList) {
            List<PyValue> items = v instanceof PyValue.Tuple t ? t.items() : ((PyValue.PyList) v).items();
            byte[] out = new byte[(int) PyOps.making(items.size())];
            for (int i = 0; i < out.length; i++) {
                long b = Args.integer(items.get(i));
                if (b < 0 || b > 255) {
                    throw new PyException(PyError.valueError((name.equals("bytes") ? "bytes" : "byte") + " must be in range(0, 256)"));
                }
                out[i] = (byte) b;
            }
            return out;
        }
        throw new PyException(PyError.typeError("cannot convert '" + v.typeName() + "' object to " + name));
    }

    /** A method of a str, bytes, bytearray or memoryview value; AttributeError in CPython's words for the rest. */
    static PyValue method(PyValue target, String name, Arguments a) throws PyException {
        if (target instanceof PyValue.Str s) {
            switch (name) {
                case "encode" -> {
                    return PyValue.of(encode(s.value(), "encode", a, 0));
                }
                case "upper", "lower", "strip" -> {
                    noArguments(target, name, a);
                    return PyValue.of(name.equals("upper") ? s.value().toUpperCase(Locale.ROOT)
                            : name.equals("lower") ? s.value().toLowerCase(Locale.ROOT) : s.value().strip());
                }
                default -> { }
            }
        } else if (target instanceof PyValue.Bytes || target instanceof PyValue.ByteArray || target instanceof PyValue.MemoryView) {
            byte[] data = Args.bytesLike(target);
            boolean view = target instanceof PyValue.MemoryView;
            switch (view ? "view " + name : name) {
                case "decode" -> {
                    return PyValue.of(decode(data, "decode", a, 0));
                }
                case "hex", "view hex" -> {
                    noArguments(target, name, a);
                    PyOps.making(2L * data.length);
                    return PyValue.of(java.util.HexFormat.of().formatHex(data));
                }
                case "view tobytes" -> {
                    return PyValue.of(data);
                }
                case "upper", "lower", "strip" -> {
                    noArguments(target, name, a);
                    String latin = new String(data, java.nio.charset.StandardCharsets.ISO_8859_1);
                    String changed = name.equals("upper") ? asciiCase(latin, true) : name.equals("lower") ? asciiCase(latin, false)
                            : latin.replaceAll("^[ \\t\\n\\r\\x0b\\f]+|[ \\t\\n\\r\\x0b\\f]+$", "");
                    byte[] out = changed.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
                    return target instanceof PyValue.ByteArray ? new PyValue.ByteArray(out) : PyValue.of(out);
                }
                default -> { }
            }
        }
        throw new PyException(new PyError("AttributeError", null,
                "'" + target.typeName() + "' object has no attribute '" + name + "'"));
    }

    private static void noArguments(PyValue target, String name, Arguments a) throws PyException {
        if (a.positional().isEmpty() && a.keywords().isEmpty()) {
            return;
        }
        if (name.equals("upper") || name.equals("lower")) {
            throw new PyException(PyError.typeError(target.typeName() + "." + name + "() takes no arguments ("
                    + (a.positional().size() + a.keywords().size()) + " given)"));
        }
        // strip(chars) and hex(sep) exist in Python; the playground runs them plain, and says so.
        throw new PyException(PyError.typeError("the playground runs " + name + "() without arguments"));
    }

    private static String asciiCase(String s, boolean upper) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            sb.append(upper && c >= 'a' && c <= 'z' ? (char) (c - 32) : !upper && c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return sb.toString();
    }

    /** str.encode(encoding='utf-8', errors='strict'), and bytes(text, encoding, errors); from is where they start. */
    private static byte[] encode(String text, String caller, Arguments a, int from) throws PyException {
        PyOps.making(text.length() * 3L);
        return Codecs.encode(text, string(caller, "encoding", a.get(from, "encoding", PyValue.of("utf-8"))),
                string(caller, "errors", a.get(from + 1, "errors", PyValue.of("strict"))));
    }

    private static String decode(byte[] data, String caller, Arguments a, int from) throws PyException {
        PyOps.making(data.length);
        return Codecs.decode(data, string(caller, "encoding", a.get(from, "encoding", PyValue.of("utf-8"))),
                string(caller, "errors", a.get(from + 1, "errors", PyValue.of("strict"))));
    }

    private static String string(String caller, String argument, PyValue v) throws PyException {
        if (v instanceof PyValue.Str s) {
            return s.value();
        }
        throw new PyException(PyError.typeError(caller + "() argument '" + argument + "' must be str, not " + v.typeName()));
    }

    private static PyValue.Str text(String s) throws PyException {
        PyOps.making(s.length());
        return PyValue.of(s);
    }
}
