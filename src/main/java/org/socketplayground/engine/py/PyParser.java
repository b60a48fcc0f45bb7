package org.socketplayground.engine.py;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the small part of Python that socket lessons are written in: one statement per line, an optional
 * assignment ({@code conn, addr = s.accept()}), calls, attribute access, indexing, literals (numbers, str,
 * bytes, tuples, lists, None, True, False), unary minus and the operators + * **.
 */
public final class PyParser {

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

    private final String src;
    private int pos;
    private int nesting;
    private int operations;

    private PyParser(String src) {
        this.src = src;
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
                e = new PyExpr.Call(e, nested(() -> items(')')));
            } else if (peek('[')) {
                pos++;
                PyExpr index = nested(this::expression);
                skipSpace();
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

    private PyValue number() throws SyntaxError {
        int start = pos;
        if (src.startsWith("0x", pos) || src.startsWith("0X", pos)) {
            pos += 2;
            while (!atEnd() && Character.digit(src.charAt(pos), 16) >= 0) {
                pos++;
            }
            return PyValue.of(Long.parseLong(src.substring(start + 2, pos), 16));
        }
        boolean isFloat = false;
        while (!atEnd()) {
            char c = src.charAt(pos);
            if (Character.isDigit(c) || c == '_') {
                pos++;
            } else if (c == '.' || c == 'e' || c == 'E') {
                isFloat = true;
                pos++;
                if ((c == 'e' || c == 'E') && !atEnd() && (src.charAt(pos) == '-' || src.charAt(pos) == '+')) {
                    pos++;
                }
            } else {
                break;
            }
        }
        String text = src.substring(start, pos).replace("_", "");
        try {
            return isFloat ? new PyValue.Float(Double.parseDouble(text)) : PyValue.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            throw error("a number");
        }
    }

    private byte[] stringLiteral(boolean bytes) throws SyntaxError {
        char quote = src.charAt(pos++);
        return stringBody(quote, bytes, false);
    }

    /**
     * Reads a string body up to the closing quote (or the end, when quote is 0), decoding Python's escapes.
     * Text is returned as UTF-8; in bytes, non-ASCII characters are an error as in Python.
     */
    private byte[] stringBody(char quote, boolean bytes, boolean lenientBytes) throws SyntaxError {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            if (atEnd()) {
                if (quote == 0) {
                    return out.toByteArray();
                }
                throw error("the closing " + quote);
            }
            char c = src.charAt(pos++);
            if (c == quote) {
                return out.toByteArray();
            }
            if (c != '\\') {
                if (bytes && c > 0x7f && !lenientBytes) {
                    throw error("ASCII only in a bytes literal");
                }
                int cp = Character.isHighSurrogate(c) && !atEnd() ? Character.toCodePoint(c, src.charAt(pos++)) : c;
                out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            if (atEnd()) {
                throw error("a character after \\");
            }
            char e = src.charAt(pos++);
            switch (e) {
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case 'r' -> out.write('\r');
                case '0' -> out.write(0);
                case 'a' -> out.write(7);
                case 'b' -> out.write(8);
                case 'f' -> out.write(12);
                case 'v' -> out.write(11);
                case '\\', '\'', '"' -> out.write(e);
                case 'x' -> {
                    if (pos + 2 > src.length() || Character.digit(src.charAt(pos), 16) < 0
                            || Character.digit(src.charAt(pos + 1), 16) < 0) {
                        throw error("two hex digits after \\x");
                    }
                    int v = Integer.parseInt(src.substring(pos, pos + 2), 16);
                    pos += 2;
                    if (bytes) {
                        out.write(v);
                    } else {
                        out.writeBytes(new String(Character.toChars(v)).getBytes(StandardCharsets.UTF_8));
                    }
                }
                default -> {
                    out.write('\\');
                    out.writeBytes(String.valueOf(e).getBytes(StandardCharsets.UTF_8));
                }
            }
        }
    }

    // ---------------------------------------------------------------- tokens

    private String identifier() {
        if (atEnd() || !Character.isJavaIdentifierStart(src.charAt(pos)) || src.charAt(pos) == '$') {
            return null;
        }
        int start = pos;
        while (!atEnd() && Character.isJavaIdentifierPart(src.charAt(pos)) && src.charAt(pos) != '$') {
            pos++;
        }
        return src.substring(start, pos);
    }

    private void skipSpace() {
        while (!atEnd() && Character.isWhitespace(src.charAt(pos))) {
            pos++;
        }
        if (!atEnd() && src.charAt(pos) == '#') {
            pos = src.length();
        }
    }

    private boolean peek(char c) {
        return !atEnd() && src.charAt(pos) == c;
    }

    private void expect(char c) throws SyntaxError {
        skipSpace();
        if (!peek(c)) {
            throw error("'" + c + "'");
        }
        pos++;
    }

    private boolean atEnd() {
        return pos >= src.length();
    }

    private SyntaxError error(String expected) {
        return new SyntaxError("expected " + expected + " at column " + (pos + 1));
    }
}
