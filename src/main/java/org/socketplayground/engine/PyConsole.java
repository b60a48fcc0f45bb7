package org.socketplayground.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.socketplayground.engine.py.PyExpr;
import org.socketplayground.engine.py.PyParser;
import org.socketplayground.engine.py.PyValue;

/**
 * Runs lines of classroom Python ({@code s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)},
 * {@code data, addr = s.recvfrom(1024)}) against the engine, keeping the variables between lines like an
 * interactive interpreter. Each socket call in a line becomes an engine call and so a record.
 */
public final class PyConsole {

    /** What a line gave: its value, or the error it raised. */
    public record Result(PyValue value, PyError error) {
        public boolean failed() {
            return error != null;
        }
    }

    private static final PyValue MODULE = new PyValue.Str("<module 'socket'>");
    /**
     * The longest bytes that {@code b'x' * n} or {@code a + b} makes: 16 times the largest UDP datagram, and more than
     * a lesson's sendall needs. A line (a lesson's, or one typed) must not take the memory the sockets and the log need,
     * nor the processor: beyond it, MemoryError at once, without making anything.
     */
    public static final long MAX_BYTES = 1L << 20;
    /** All that one line may make by arithmetic, however many values it makes. */
    static final long MAX_BYTES_PER_LINE = 16L << 20;
    /** What the names may hold together: lines that each make 1 MiB must not add up to the heap. */
    public static final long MAX_VARIABLE_BYTES = 64L << 20;
    /** Bytes made so far by the line this thread evaluates. */
    private static final ThreadLocal<long[]> MADE = ThreadLocal.withInitial(() -> new long[1]);

    private final SocketEngine engine;
    private final Map<String, PyValue> variables = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Long> variableBytes = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<java.util.function.BiConsumer<String, String>> namers = new java.util.concurrent.CopyOnWriteArrayList<>();

    public PyConsole(SocketEngine engine) {
        this.engine = engine;
    }

    /**
     * A line made ready by {@link #prepare}: the socket call it still has to make, with its target and arguments
     * evaluated ({@link #ready()}), or, for a line with no such call or one that failed before it, its result.
     */
    public record Prepared(String line, List<String> targets, String on, String call, List<PyValue> args, Result result) {
        public boolean ready() {
            return result == null;
        }
    }

    /** Runs one line; syntax outside the supported subset is a SyntaxError outcome, not an exception. */
    public Result run(String line) {
        Prepared prepared = prepare(line);
        return prepared.ready() ? finish(prepared, engine.call(prepared.on(), prepared.call(), prepared.args())) : prepared.result();
    }

    /**
     * Runs a line up to its outermost socket call, which it leaves to be made: a window shows that call (the
     * fields, the button) before it makes it. Calls inside the arguments ({@code receiver.getsockname()}) are made
     * now. A line that is not one call is run whole.
     */
    public Prepared prepare(String line) {
        PyParser.Statement statement;
        try {
            statement = PyParser.parseStatement(line);
        } catch (PyParser.SyntaxError e) {
            return new Prepared(line, List.of(), null, null, List.of(), new Result(null, new PyError("SyntaxError", null, e.getMessage())));
        } catch (NumberFormatException e) {
            return new Prepared(line, List.of(), null, null, List.of(), new Result(null, TOO_LARGE));
        }
        MADE.get()[0] = 0;
        try {
            if (statement.expr() instanceof PyExpr.Call c) {
                Invocation call = invocation(c);
                return new Prepared(line, statement.targets(), call.on(), call.method(), call.args(), null);
            }
            PyValue value = eval(statement.expr());
            assign(statement.targets(), value);
            return new Prepared(line, statement.targets(), null, null, List.of(), new Result(value, null));
        } catch (PyException e) {
            return new Prepared(line, statement.targets(), null, null, List.of(), new Result(null, e.error()));
        } catch (NumberFormatException | ArithmeticException e) {
            return new Prepared(line, statement.targets(), null, null, List.of(), new Result(null, TOO_LARGE));
        }
    }

    /** A number beyond 64 bits (0x1ffffffffffffffff, 2**64): in words, never a Java exception. */
    private static final PyError TOO_LARGE = PyError.overflow("int too large for the playground (it keeps 64-bit integers)");

    /** Completes a prepared line with the record of its call: the value, bound to the line's names, or the error. */
    public Result finish(Prepared prepared, CallRecord record) {
        if (record.failed()) {
            return new Result(null, record.error());
        }
        try {
            assign(prepared.targets(), record.value());
            return new Result(record.value(), null);
        } catch (PyException e) {
            return new Result(null, e.error());
        }
    }

    /** The variable a socket is bound to, else the engine's id for it. */
    public String nameOf(String socketId) {
        for (Map.Entry<String, PyValue> e : variables.entrySet()) {
            if (e.getValue() instanceof PyValue.SocketRef r && r.id().equals(socketId)) {
                return e.getKey();
            }
        }
        return socketId;
    }

    /** A value's repr with every socket shown by the name it is bound to, for comparing with CPython. */
    public String describe(PyValue value) {
        if (value instanceof PyValue.SocketRef r) {
            return nameOf(r.id());
        }
        if (value instanceof PyValue.Tuple t) {
            List<String> parts = new ArrayList<>();
            for (PyValue item : t.items()) {
                parts.add(describe(item));
            }
            return parts.size() == 1 ? "(" + parts.get(0) + ",)" : "(" + String.join(", ", parts) + ")";
        }
        return value.repr();
    }

    /** Binds a name to a value, as an assignment would; lessons name the sockets a student made by hand. */
    public void define(String name, PyValue value) {
        bind(name, value);
    }

    /**
     * Tells the listener (name, socket id) whenever a name is bound to a socket, by an assignment or by
     * {@link #define}: the window shows a socket by the name a lesson gave it. Called on the thread that ran the line.
     */
    public void onSocketNamed(java.util.function.BiConsumer<String, String> listener) {
        namers.add(listener);
    }

    private void bind(String name, PyValue value) {
        long size = sizeOf(value);
        long others = variableBytes.entrySet().stream().filter(e -> !e.getKey().equals(name)).mapToLong(Map.Entry::getValue).sum();
        if (size > 0 && others + size > MAX_VARIABLE_BYTES) {
            throw new IllegalStateException(tooMuch("the names hold together", MAX_VARIABLE_BYTES, others + size));
        }
        variableBytes.put(name, size);
        variables.put(name, value);
        if (value instanceof PyValue.SocketRef socket) {
            for (java.util.function.BiConsumer<String, String> namer : namers) {
                namer.accept(name, socket.id());
            }
        }
    }

    public PyValue variable(String name) {
        return variables.get(name);
    }

    private void assign(List<String> targets, PyValue value) throws PyException {
        try {
            assignEach(targets, value);
        } catch (IllegalStateException full) {
            throw new PyException(new PyError("MemoryError", null, full.getMessage()));
        }
    }

    private void assignEach(List<String> targets, PyValue value) throws PyException {
        if (targets.size() == 1) {
            bind(targets.get(0), value);
        } else if (targets.size() > 1) {
            List<PyValue> items = value instanceof PyValue.Tuple t ? t.items()
                    : value instanceof PyValue.PyList l ? l.items() : null;
            if (items == null) {
                throw new PyException(PyError.typeError("cannot unpack non-iterable " + value.typeName() + " object"));
            }
            if (items.size() != targets.size()) {
                throw new PyException(PyError.valueError(items.size() > targets.size()
                        ? "too many values to unpack (expected " + targets.size() + ")"
                        : "not enough values to unpack (expected " + targets.size() + ", got " + items.size() + ")"));
            }
            for (int i = 0; i < targets.size(); i++) {
                bind(targets.get(i), items.get(i));
            }
        }
    }

    private PyValue eval(PyExpr expr) throws PyException {
        if (expr instanceof PyExpr.Literal l) {
            return l.value();
        }
        if (expr instanceof PyExpr.Name n) {
            if (n.name().equals("socket")) {
                return MODULE;
            }
            PyValue v = variables.get(n.name());
            if (v == null) {
                throw new PyException(new PyError("NameError", null, "name '" + n.name() + "' is not defined"));
            }
            return v;
        }
        if (expr instanceof PyExpr.Attr a) {
            PyValue target = eval(a.target());
            if (target == MODULE) {
                PyValue c = SocketModule.constant(a.name());
                if (c != null) {
                    return c;
                }
            }
            throw noAttribute(target, a.name());
        }
        if (expr instanceof PyExpr.Call c) {
            return call(c);
        }
        if (expr instanceof PyExpr.Index ix) {
            return index(eval(ix.target()), eval(ix.index()));
        }
        if (expr instanceof PyExpr.TupleExpr t) {
            return new PyValue.Tuple(evalAll(t.items()));
        }
        if (expr instanceof PyExpr.ListExpr l) {
            return new PyValue.PyList(evalAll(l.items()));
        }
        if (expr instanceof PyExpr.Neg n) {
            PyValue v = eval(n.operand());
            if (v instanceof PyValue.Int i) {
                return PyValue.of(-i.value());
            }
            if (v instanceof PyValue.Float f) {
                return new PyValue.Float(-f.value());
            }
            throw new PyException(PyError.typeError("bad operand type for unary -: '" + v.typeName() + "'"));
        }
        PyExpr.BinOp b = (PyExpr.BinOp) expr;
        return binary(b.op(), eval(b.left()), eval(b.right()));
    }

    private List<PyValue> evalAll(List<PyExpr> exprs) throws PyException {
        List<PyValue> out = new ArrayList<>(exprs.size());
        for (PyExpr e : exprs) {
            out.add(eval(e));
        }
        return out;
    }

    /** A socket call with its target and arguments evaluated, not yet made. */
    private record Invocation(String on, String method, List<PyValue> args) {
    }

    private PyValue call(PyExpr.Call c) throws PyException {
        Invocation call = invocation(c);
        CallRecord record = engine.call(call.on(), call.method(), call.args());
        if (record.failed()) {
            throw new PyException(record.error());
        }
        return record.value();
    }

    private Invocation invocation(PyExpr.Call c) throws PyException {
        if (!(c.function() instanceof PyExpr.Attr method)) {
            throw new PyException(PyError.typeError("only socket calls are supported here"));
        }
        PyValue target = eval(method.target());
        List<PyValue> args = evalAll(c.args());
        if (target == MODULE && SocketModule.isFunction(method.name())) {
            return new Invocation(SocketEngine.MODULE, method.name(), args);
        }
        if (target instanceof PyValue.SocketRef r) {
            return new Invocation(r.id(), method.name(), args);
        }
        throw noAttribute(target, method.name());
    }

    /** AttributeError as CPython words it for the module and for other objects. */
    private static PyException noAttribute(PyValue target, String name) {
        String owner = target == MODULE ? "module 'socket'" : "'" + target.typeName() + "' object";
        return new PyException(new PyError("AttributeError", null, owner + " has no attribute '" + name + "'"));
    }

    private static PyValue index(PyValue target, PyValue index) throws PyException {
        List<PyValue> items = target instanceof PyValue.Tuple t ? t.items()
                : target instanceof PyValue.PyList l ? l.items() : null;
        if (items == null || !(index instanceof PyValue.Int i)) {
            throw new PyException(PyError.typeError("'" + target.typeName() + "' object is not subscriptable"));
        }
        long k = i.value() < 0 ? items.size() + i.value() : i.value();
        if (k < 0 || k >= items.size()) {
            throw new PyException(new PyError("IndexError", null, target.typeName() + " index out of range"));
        }
        return items.get((int) k);
    }

    private static PyValue binary(String op, PyValue l, PyValue r) throws PyException {
        if (l instanceof PyValue.Int a && r instanceof PyValue.Int b) {
            try {
                return switch (op) {
                    case "+" -> PyValue.of(Math.addExact(a.value(), b.value()));
                    case "*" -> PyValue.of(Math.multiplyExact(a.value(), b.value()));
                    default -> power(a.value(), b.value());
                };
            } catch (ArithmeticException e) {
                // Python's ints have no limit; ours are 64 bits, and a wrong number would be worse than a clear no.
                throw new PyException(PyError.overflow("int too large for the playground (it keeps 64-bit integers)"));
            }
        }
        if (op.equals("+") && l instanceof PyValue.Bytes a && r instanceof PyValue.Bytes b) {
            byte[] out = java.util.Arrays.copyOf(a.value(), (int) making((long) a.length() + b.length()));
            System.arraycopy(b.value(), 0, out, a.length(), b.length());
            return PyValue.of(out);
        }
        if (op.equals("*") && (l instanceof PyValue.Int && r instanceof PyValue.Bytes)) {
            return binary(op, r, l);   // 3 * b'ab', as Python allows
        }
        if (op.equals("*") && l instanceof PyValue.Bytes a && r instanceof PyValue.Int n) {
            byte[] one = a.value();
            // The size is checked before anything is made: b'x' * 10**10 is refused at once, not after 10 GB.
            double wanted = n.value() <= 0 ? 0 : (double) one.length * n.value();
            byte[] out = new byte[(int) making((long) wanted)];
            int filled = Math.min(one.length, out.length);
            System.arraycopy(one, 0, out, 0, filled);
            while (filled < out.length) {   // doubling: a megabyte in twenty copies
                int more = Math.min(filled, out.length - filled);
                System.arraycopy(out, 0, out, filled, more);
                filled += more;
            }
            return PyValue.of(out);
        }
        throw new PyException(PyError.typeError("unsupported operand type(s) for " + op + ": '"
                + l.typeName() + "' and '" + r.typeName() + "'"));
    }

    /** Counts bytes the line is about to make; MemoryError, in words, beyond a value's or a line's limit. */
    private static long making(long length) throws PyException {
        if (length > MAX_BYTES) {
            throw new PyException(new PyError("MemoryError", null, tooMuch("a bytes value holds", MAX_BYTES, length)));
        }
        long[] made = MADE.get();
        if (made[0] + length > MAX_BYTES_PER_LINE) {
            throw new PyException(new PyError("MemoryError", null, tooMuch("one line makes", MAX_BYTES_PER_LINE, made[0] + length)));
        }
        made[0] += length;
        return length;
    }

    /** "a bytes value holds at most 1,048,576 bytes (1 MiB) in the playground; this would be 10,000,000,000" */
    private static String tooMuch(String what, long limit, long wanted) {
        java.util.Locale en = java.util.Locale.ROOT;
        return what + " at most " + String.format(en, "%,d", limit) + " bytes (" + (limit >> 20) + " MiB) in the playground"
                + (wanted >= Long.MAX_VALUE ? "" : "; this would be " + String.format(en, "%,d", wanted));
    }

    /** Bytes a value holds, for the names' budget. */
    private static long sizeOf(PyValue value) {
        if (value instanceof PyValue.Bytes b) {
            return b.length();
        }
        if (value instanceof PyValue.Str str) {
            return str.value().length() * 2L;
        }
        List<PyValue> items = value instanceof PyValue.Tuple t ? t.items() : value instanceof PyValue.PyList l ? l.items() : List.of();
        long sum = 0;
        for (PyValue item : items) {
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
