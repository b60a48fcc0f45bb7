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
    /** The {@code select} module: its one function, {@code select.select}, is an engine call like socket's. */
    private static final PyValue SELECT = new PyValue.Str("<module 'select'>");
    /** The os module, for its unlink(): what removes the file a closed AF_UNIX socket left behind. */
    private static final PyValue OS = new PyValue.Str("<module 'os'>");
    /** The struct module, for pack(): how a Python program builds a multicast request. Pure: no engine call. */
    private static final PyValue STRUCT = new PyValue.Str("<module 'struct'>");
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
        PyOps.startLine();
        try {
            PyValue value;
            if (statement.expr() instanceof PyExpr.Call c && c.function() instanceof PyExpr.Attr method) {
                PyValue target = eval(method.target());
                if (isSocketCall(target, method.name())) {
                    Invocation call = invocation(target, method.name(), c.args());
                    return new Prepared(line, statement.targets(), call.on(), call.method(), call.args(), null);
                }
                value = callOn(target, method.name(), arguments(c.args()));
            } else {
                value = eval(statement.expr());
            }
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
        if (value instanceof PyValue.PyList l) {   // select()'s lists of sockets
            List<String> parts = new ArrayList<>();
            for (PyValue item : l.items()) {
                parts.add(describe(item));
            }
            return "[" + String.join(", ", parts) + "]";
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
        long size = PyOps.sizeOf(value);
        long others = variableBytes.entrySet().stream().filter(e -> !e.getKey().equals(name)).mapToLong(Map.Entry::getValue).sum();
        if (size > 0 && others + size > MAX_VARIABLE_BYTES) {
            throw new IllegalStateException(PyOps.tooMuch("the names hold together", MAX_VARIABLE_BYTES, others + size));
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
            if (n.name().equals("select") && !variables.containsKey("select")) {
                return SELECT;
            }
            if (n.name().equals("os") && !variables.containsKey("os")) {
                return OS;
            }
            if (n.name().equals("struct") && !variables.containsKey("struct")) {
                return STRUCT;
            }
            PyValue v = variables.get(n.name());
            v = v != null ? v : PyBuiltins.named(n.name());
            if (v == null) {
                throw new PyException(new PyError("NameError", null, "name '" + n.name() + "' is not defined"));
            }
            return v;
        }
        if (expr instanceof PyExpr.Attr a) {
            return attribute(eval(a.target()), a.name());
        }
        if (expr instanceof PyExpr.Call c) {
            return call(c);
        }
        if (expr instanceof PyExpr.Index ix) {
            PyValue target = eval(ix.target());
            if (ix.index() instanceof PyExpr.Slice sl) {
                return PyOps.slice(target, evalOrNull(sl.lower()), evalOrNull(sl.upper()), evalOrNull(sl.step()));
            }
            return PyOps.index(target, eval(ix.index()));
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
        return PyOps.binary(b.op(), eval(b.left()), eval(b.right()));
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

    private PyValue evalOrNull(PyExpr expr) throws PyException {
        return expr == null ? null : eval(expr);
    }

    /** A call: of a socket method or module function (an engine call), a built-in, or a method of a value. */
    private PyValue call(PyExpr.Call c) throws PyException {
        if (c.function() instanceof PyExpr.Attr method) {
            PyValue target = eval(method.target());
            if (!isSocketCall(target, method.name())) {
                return callOn(target, method.name(), arguments(c.args()));
            }
            Invocation call = invocation(target, method.name(), c.args());
            CallRecord record = engine.call(call.on(), call.method(), call.args());
            if (record.failed()) {
                throw new PyException(record.error());
            }
            return record.value();
        }
        PyValue function = eval(c.function());
        if (function instanceof PyValue.Builtin b && PyBuiltins.named(b.name()) != null) {
            return PyBuiltins.call(b.name(), arguments(c.args()));
        }
        throw new PyException(PyError.typeError("'" + function.typeName() + "' object is not callable"));
    }

    private static boolean isSocketCall(PyValue target, String name) {
        return target instanceof PyValue.SocketRef || (target == MODULE && SocketModule.isFunction(name))
                || (target == SELECT && name.equals("select")) || (target == OS && name.equals("unlink"));
    }

    private Invocation invocation(PyValue target, String name, List<PyExpr> argExprs) throws PyException {
        PyBuiltins.Arguments given = arguments(argExprs);
        if (target == SELECT || target == OS) {
            if (!given.keywords().isEmpty()) {
                throw new PyException(PyError.typeError(target == OS ? "unlink() takes no keyword arguments here"
                        : "select.select() takes no keyword arguments"));
            }
            return new Invocation(SocketEngine.MODULE, name, given.positional());
        }
        List<PyValue> args = PyBuiltins.forEngine(target == MODULE, name, given);
        return new Invocation(target == MODULE ? SocketEngine.MODULE : ((PyValue.SocketRef) target).id(), name, args);
    }

    private PyBuiltins.Arguments arguments(List<PyExpr> exprs) throws PyException {
        List<PyValue> positional = new ArrayList<>();
        Map<String, PyValue> keywords = new java.util.LinkedHashMap<>();
        for (PyExpr e : exprs) {
            if (e instanceof PyExpr.Keyword k) {
                keywords.put(k.name(), eval(k.value()));
            } else {
                positional.add(eval(e));
            }
        }
        return new PyBuiltins.Arguments(positional, keywords);
    }

    /** {@code target.name(...)} on anything but a socket: the module's other names, or a value's method. */
    private static PyValue callOn(PyValue target, String name, PyBuiltins.Arguments args) throws PyException {
        if (target == STRUCT) {
            if (!args.keywords().isEmpty()) {
                throw new PyException(PyError.typeError(name + "() takes no keyword arguments"));
            }
            return StructModule.call(name, args.positional());
        }
        if (target == MODULE || target == SELECT || target == OS || target instanceof PyValue.Const) {
            PyValue attr = staticAttribute(target, name);
            throw new PyException(PyError.typeError("'" + attr.typeName() + "' object is not callable"));
        }
        return PyBuiltins.method(target, name, args);
    }

    /** {@code target.name}: the module's constants, a socket's family, type and proto, an enum's name and value. */
    private PyValue attribute(PyValue target, String name) throws PyException {
        if (target instanceof PyValue.SocketRef r && List.of("family", "type", "proto").contains(name)) {
            SocketInfo info = engine.socket(r.id()).orElse(null);
            if (info != null) {
                return name.equals("family") ? info.family().constant() : name.equals("type") ? info.type().constant() : PyValue.of(0);
            }
        }
        return staticAttribute(target, name);
    }

    private static PyValue staticAttribute(PyValue target, String name) throws PyException {
        if (target == SELECT) {
            return switch (name) {
                case "select" -> new PyValue.Builtin("select", false);
                case "error" -> new PyValue.Builtin("OSError", true);
                default -> throw new PyException(new PyError("AttributeError", null, "module 'select' has no attribute '" + name + "'"));
            };
        }
        if (target == OS) {
            if (name.equals("unlink")) {
                return new PyValue.Builtin("unlink", false);
            }
            throw new PyException(new PyError("AttributeError", null, "the playground's os module has only unlink(), not '" + name + "'"));
        }
        if (target == MODULE) {
            PyValue v = SocketModule.attribute(name);
            if (v == null && SocketModule.isFunction(name)) {
                v = new PyValue.Builtin(name, false);
            }
            if (v == null) {
                throw new PyException(new PyError("AttributeError", null, "module 'socket' has no attribute '" + name + "'"));
            }
            return v;
        }
        if (target instanceof PyValue.Const c && c.enumName() != null && (name.equals("name") || name.equals("value"))) {
            return name.equals("name") ? PyValue.of(c.name()) : PyValue.of(c.value());
        }
        if (PyBuiltins.hasMethod(target, name)) {
            return new PyValue.Builtin("method " + name + " of " + target.typeName() + " object", false);
        }
        throw new PyException(new PyError("AttributeError", null,
                "'" + target.typeName() + "' object has no attribute '" + name + "'"));
    }
}
