package org.socketplayground.engine;

import java.util.ArrayList;
import java.util.List;
import org.socketplayground.engine.py.PyExpr;
import org.socketplayground.engine.py.PyParser;
import org.socketplayground.engine.py.PyValue;
import org.socketplayground.i18n.Texts;

/**
 * Lines typed at an interactive prompt, answered as Python's REPL answers them: the repr of an expression's value,
 * nothing for an assignment or a value of None, and an error as the last line of its traceback
 * ({@code OSError: [Errno 98] Address already in use}). The lines run on a {@link PyConsole}, so the names they
 * assign stay for the next line, and every socket call is an engine call with its record. A line may block as long
 * as its socket's mode says; whatever it is, {@link #run} answers with lines of text, never an exception.
 */
public final class PyRepl {
    /** The playground's own words at the prompt (not Python's), in the window's language; ScriptPlayer spots them. */
    public static final String ONLY_IMPORTS = "engine.pyRepl.onlyImports";
    public static final String CANNOT_RUN = "engine.pyRepl.cannotRun";

    /** The modules {@code import} may name: they need nothing, they are always there. */
    private static final java.util.Set<String> MODULES = java.util.Set.of("socket", "select", "os", "struct");

    private final SocketEngine engine;
    private final PyConsole console;

    public PyRepl(SocketEngine engine, PyConsole console) {
        this.engine = engine;
        this.console = console;
    }

    /** Runs one line and returns what the REPL prints for it: no lines, one, or (for print) several. */
    public List<String> run(String typed) {
        String line = withoutComment(typed).strip();
        if (line.isEmpty() || line.startsWith("import ")
                && java.util.Arrays.stream(line.substring(7).split(",")).map(String::strip).allMatch(MODULES::contains)) {
            return List.of();
        }
        if (line.startsWith("from ") || line.startsWith("import ")) {
            return List.of(Texts.get(ONLY_IMPORTS));
        }
        try {
            PyParser.Statement statement = PyParser.parseStatement(line);
            if (statement.targets().isEmpty() && statement.expr() instanceof PyExpr.Call c
                    && c.function() instanceof PyExpr.Name n && n.name().equals("print")) {
                return print(line, c.args().isEmpty());
            }
            PyConsole.Result result = console.run(line);
            if (result.failed()) {
                return List.of(result.error().toString());
            }
            boolean shows = statement.targets().isEmpty() && !(result.value() instanceof PyValue.None);
            return shows ? List.of(repr(result.value())) : List.of();
        } catch (PyParser.SyntaxError e) {
            String brackets = bracketError(line);
            return List.of(new PyError("SyntaxError", null, brackets != null ? brackets : e.getMessage()).toString());
        } catch (NumberFormatException | ArithmeticException e) {
            return List.of(PyError.overflow("int too large for the playground (it keeps 64-bit integers)").toString());
        } catch (OutOfMemoryError e) {
            return List.of("MemoryError");
        } catch (RuntimeException e) {
            // Not Python's wording, but never a Java stack trace: what the line was, and that it did not run.
            return List.of(Texts.get(CANNOT_RUN, e.getClass().getSimpleName()));
        }
    }

    /** {@code print(a, b)}: the values' str() joined by spaces, as Python prints them. */
    private List<String> print(String line, boolean noArgs) {
        if (noArgs) {
            return List.of("");
        }
        String inside = line.substring(line.indexOf('(') + 1, line.lastIndexOf(')'));
        PyConsole.Result result = console.run("(" + inside + ",)");
        if (result.failed()) {
            return List.of(result.error().toString());
        }
        List<String> parts = new ArrayList<>();
        for (PyValue v : ((PyValue.Tuple) result.value()).items()) {
            parts.add(v instanceof PyValue.Str s ? s.value() : repr(v));
        }
        return List.of(String.join(" ", parts).split("\n", -1));
    }

    /**
     * A value's repr as the REPL prints it. A socket reads as CPython's does, with the name the socket table gives
     * it where CPython gives a file descriptor: {@code <socket.socket s1, family=AF_INET, type=SOCK_DGRAM,
     * laddr=('127.0.0.1', 50123)>}.
     */
    public String repr(PyValue value) {
        if (value instanceof PyValue.SocketRef ref) {
            return socketRepr(ref.id());
        }
        if (value instanceof PyValue.Tuple t) {
            List<String> parts = new ArrayList<>();
            t.items().forEach(item -> parts.add(repr(item)));
            return parts.size() == 1 ? "(" + parts.get(0) + ",)" : "(" + String.join(", ", parts) + ")";
        }
        if (value instanceof PyValue.PyList l) {
            List<String> parts = new ArrayList<>();
            l.items().forEach(item -> parts.add(repr(item)));
            return "[" + String.join(", ", parts) + "]";
        }
        return value.repr();
    }

    private String socketRepr(String id) {
        SocketInfo info = engine.socket(id).orElse(null);
        if (info == null) {
            return "<socket.socket " + id + ">";
        }
        String kind = ", family=" + info.family().name() + ", type=" + info.type().name();
        if (info.state() == SocketState.CLOSED) {
            return "<socket.socket [closed] " + id + kind + ">";
        }
        PyValue.Tuple local = info.local() != null ? info.local() : info.family() == Family.AF_INET
                ? SocketEngine.address("0.0.0.0", 0) : PyValue.tuple(PyValue.of("::"), PyValue.of(0), PyValue.of(0), PyValue.of(0));
        return "<socket.socket " + id + kind + ", laddr=" + local.repr()
                + (info.peer() == null ? "" : ", raddr=" + info.peer().repr()) + ">";
    }

    /**
     * CPython's words for a line whose brackets or quotes do not close ({@code '(' was never closed}); null when they
     * all do, and the parser's own words (where it stopped reading) say more.
     */
    static String bracketError(String line) {
        StringBuilder open = new StringBuilder();
        String[] error = {null};
        char quote = scanCode(line, (i, c) -> {
            if ("([{".indexOf(c) >= 0) {
                open.append(c);
            } else if (")]}".indexOf(c) >= 0) {
                if (open.isEmpty()) {
                    error[0] = "unmatched '" + c + "'";
                    return false;
                }
                char last = open.charAt(open.length() - 1);
                if ("([{".indexOf(last) != ")]}".indexOf(c)) {
                    error[0] = "closing parenthesis '" + c + "' does not match opening parenthesis '" + last + "'";
                    return false;
                }
                open.setLength(open.length() - 1);
            }
            return true;
        });
        if (error[0] != null) {
            return error[0];
        }
        if (quote != 0) {
            return "unterminated string literal (detected at line 1)";
        }
        return open.isEmpty() ? null : "'" + open.charAt(open.length() - 1) + "' was never closed";
    }

    /** The line up to a {@code #} that is not inside a string literal: a line copied from the Python pane runs. */
    static String withoutComment(String line) {
        int[] hash = {line.length()};
        scanCode(line, (i, c) -> {
            if (c == '#') {
                hash[0] = i;
                return false;
            }
            return true;
        });
        return line.substring(0, hash[0]);
    }

    /**
     * Shows the visitor each character of the line that is outside a string literal, with its index, until the
     * visitor answers false; returns the quote of a string literal left open at the end, or 0.
     */
    private static char scanCode(String line, java.util.function.BiPredicate<Integer, Character> visitor) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (!visitor.test(i, c)) {
                return 0;
            }
        }
        return quote;
    }
}
