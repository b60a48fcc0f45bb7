package org.socketplayground.engine.py;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the small part of Python that socket lessons are written in: one statement per line, an optional
 * assignment ({@code conn, addr = s.accept()}), calls with keyword arguments ({@code errors='replace'}), attribute
 * access, indexing and slices ({@code data[:6]}), literals (numbers, str, bytes, tuples, lists, None, True, False),
 * unary minus and the operators + * **.
 */
public final class PyParser extends PyScanner {

    /** A parsed line: the names it assigns (possibly none) and the expression. */
    public record Statement(List<String> targets, PyExpr expr, String text) {
    }

    /** A line that is not in the subset, with the column where reading stopped. */
    public static final class SyntaxError extends Exception {
        public SyntaxError(String message) {
            super(message);
        }
    }

    /** CPython's own limit on nested brackets; beyond it, "too many nested parentheses". */
    static final int MAX_NESTING = 200;
    /** Operators, calls, attributes and indexes in a line (a lesson's have a handful): a tree the stack can evaluate. */
    static final int MAX_OPERATIONS = 1000;

    private int nesting;
    private int operations;

    private PyParser(String src) {
        super(src);
    }

    public static Statement parseStatement(String line) throws SyntaxError {
        PyParser p = new PyParser(line);
        List<String> targets = p.assignmentTargets();
        PyExpr expr = p.expression();
        p.skipSpace();
        if (!p.atEnd()) {
            throw p.error("unexpected '" + line.charAt(p.pos) + "'");
        }
        return new Statement(targets, expr, line.strip());
    }

    /** Parses a Python bytes or str literal body with its escapes, e.g. {@code Hello\n\x00}, into bytes. */
    public static byte[] unescape(String text) throws SyntaxError {
        PyParser p = new PyParser(text);
        return p.stringBody((char) 0, true, true);
    }

    // ---------------------------------------------------------------- statements

    private List<String> assignmentTargets() throws SyntaxError {
        int save = pos;
        List<String> names = new ArrayList<>();
        while (true) {
            skipSpace();
            String name = identifier();
            if (name == null) {
                pos = save;
                return List.of();
            }
            names.add(name);
            skipSpace();
            if (peek(',')) {
                pos++;
                continue;
            }
            if (peek('=') && !src.startsWith("==", pos)) {
                pos++;
                return names;
            }
            pos = save;
            return List.of();
        }
    }

    // ---------------------------------------------------------------- expressions

    private PyExpr expression() throws SyntaxError {
        PyExpr left = term();
        while (true) {
            skipSpace();
            if (peek('+')) {
                pos++;
                counted();
                left = new PyExpr.BinOp("+", left, term());
            } else {
                return left;
            }
        }
    }

    private PyExpr term() throws SyntaxError {
        PyExpr left = unary();
        while (true) {
            skipSpace();
            if (peek('*') && !src.startsWith("**", pos)) {
                pos++;
                counted();
                left = new PyExpr.BinOp("*", left, unary());
            } else {
                return left;
            }
        }
    }

    private PyExpr unary() throws SyntaxError {
        skipSpace();
        if (peek('-')) {
            pos++;
            counted();
            return new PyExpr.Neg(unary());
        }
        PyExpr base = postfix();
        skipSpace();
        if (src.startsWith("**", pos)) {
            pos += 2;
            counted();
            return new PyExpr.BinOp("**", base, unary());
        }
        return base;
    }

    private PyExpr postfix() throws SyntaxError {
        PyExpr e = primary();
        while (true) {
            skipSpace();
            if (peek('.') || peek('(') || peek('[')) {
                counted();
            }
            if (peek('.')) {
                pos++;
                skipSpace();
                String name = identifier();
                if (name == null) {
                    throw error("a name after '.'");
                }
                e = new PyExpr.Attr(e, name);
            } else if (peek('(')) {
                pos++;
                e = new PyExpr.Call(e, nested(this::arguments));
            } else if (peek('[')) {
                pos++;
                PyExpr index = nested(this::subscript);
                expect(']');
                e = new PyExpr.Index(e, index);
            } else {
                return e;
            }
        }
    }

    private PyExpr primary() throws SyntaxError {
        skipSpace();
        if (atEnd()) {
            throw error("an expression");
        }
        char c = src.charAt(pos);
        if (c == '(') {
            pos++;
            return nested(this::parenthesised);
        }
        if (c == '[') {
            pos++;
            return new PyExpr.ListExpr(nested(() -> items(']')));
        }
        if (c == '\'' || c == '"') {
            return new PyExpr.Literal(PyValue.of(new String(stringLiteral(false), StandardCharsets.UTF_8)));
        }
        if ((c == 'b' || c == 'B') && pos + 1 < src.length() && (src.charAt(pos + 1) == '\'' || src.charAt(pos + 1) == '"')) {
            pos++;
            return new PyExpr.Literal(PyValue.of(stringLiteral(true)));
        }
        if (Character.isDigit(c) || (c == '.' && pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1)))) {
            return new PyExpr.Literal(number());
        }
        String name = identifier();
        if (name == null) {
            throw error("an expression");
        }
        return switch (name) {
            case "None" -> new PyExpr.Literal(PyValue.NONE);
            case "True" -> new PyExpr.Literal(PyValue.TRUE);
            case "False" -> new PyExpr.Literal(PyValue.FALSE);
            default -> new PyExpr.Name(name);
        };
    }

    /** Inside '[': an index, or a slice such as {@code 2:}, {@code :n} or {@code ::-1}. */
    private PyExpr subscript() throws SyntaxError {
        PyExpr lower = sliceBound(':', ']');
        if (!peek(':')) {
            if (lower == null) {
                throw error("an expression");
            }
            return lower;
        }
        pos++;
        PyExpr upper = sliceBound(':', ']');
        PyExpr step = null;
        if (peek(':')) {
            pos++;
            step = sliceBound(']', ']');
        }
        return new PyExpr.Slice(lower, upper, step);
    }

    /** A slice's bound, or null when the next character ends it. */
    private PyExpr sliceBound(char end, char close) throws SyntaxError {
        skipSpace();
        if (peek(end) || peek(close)) {
            return null;
        }
        PyExpr e = expression();
        skipSpace();
        return e;
    }

    /** A call's arguments up to ')': expressions, then {@code name=value} keywords, as Python orders them. */
    private List<PyExpr> arguments() throws SyntaxError {
        List<PyExpr> out = new ArrayList<>();
        boolean keywords = false;
        while (true) {
            skipSpace();
            if (peek(')')) {
                pos++;
                return out;
            }
            int save = pos;
            String name = identifier();
            skipSpace();
            if (name != null && peek('=') && !src.startsWith("==", pos)) {
                pos++;
                out.add(new PyExpr.Keyword(name, expression()));
                keywords = true;
            } else {
                pos = save;
                if (keywords) {
                    throw new SyntaxError("positional argument follows keyword argument");
                }
                out.add(expression());
            }
            skipSpace();
            if (peek(',')) {
                pos++;
            } else {
                expect(')');
                return out;
            }
        }
    }

    /** After '(': a tuple, or one expression in parentheses. */
    private PyExpr parenthesised() throws SyntaxError {
        int save = pos;
        skipSpace();
        if (peek(')')) {
            pos++;
            return new PyExpr.TupleExpr(List.of());
        }
        pos = save;
        PyExpr first = expression();
        skipSpace();
        if (peek(')')) {
            pos++;
            return first;   // parentheses around one expression
        }
        expect(',');
        List<PyExpr> rest = new ArrayList<>();
        rest.add(first);
        rest.addAll(items(')'));
        return new PyExpr.TupleExpr(rest);
    }

    private interface Step<T> {   // what a parser step makes, for nested()
        T parse() throws SyntaxError;
    }

    /** Parses inside one more bracket, as CPython does up to {@link #MAX_NESTING} deep. */
    private <T> T nested(Step<T> inside) throws SyntaxError {
        if (++nesting > MAX_NESTING) {
            throw new SyntaxError("too many nested parentheses");
        }
        try {
            return inside.parse();
        } finally {
            nesting--;
        }
    }

    private void counted() throws SyntaxError {
        if (++operations > MAX_OPERATIONS) {
            throw new SyntaxError("the line has more than " + MAX_OPERATIONS + " operators, calls and indexes: too long to read");
        }
    }

    /** Comma-separated expressions up to the closing bracket, which is consumed; a trailing comma is allowed. */
    private List<PyExpr> items(char close) throws SyntaxError {
        List<PyExpr> out = new ArrayList<>();
        while (true) {
            skipSpace();
            if (peek(close)) {
                pos++;
                return out;
            }
            out.add(expression());
            skipSpace();
            if (peek(',')) {
                pos++;
            } else {
                expect(close);
                return out;
            }
        }
    }

}
