package org.socketplayground.engine.py;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** The tokens of a classroom Python line (names, numbers, str and bytes literals), read from a position. */
abstract class PyScanner {
    final String src;
    int pos;

    PyScanner(String src) {
        this.src = src;
    }

    PyValue number() throws PyParser.SyntaxError {
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

    byte[] stringLiteral(boolean bytes) throws PyParser.SyntaxError {
        char quote = src.charAt(pos++);
        return stringBody(quote, bytes, false);
    }

    /**
     * Reads a string body up to the closing quote (or the end, when quote is 0), decoding Python's escapes.
     * Text is returned as UTF-8; in bytes, non-ASCII characters are an error as in Python.
     */
    byte[] stringBody(char quote, boolean bytes, boolean lenientBytes) throws PyParser.SyntaxError {
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

    String identifier() {
        if (atEnd() || !Character.isJavaIdentifierStart(src.charAt(pos)) || src.charAt(pos) == '$') {
            return null;
        }
        int start = pos;
        while (!atEnd() && Character.isJavaIdentifierPart(src.charAt(pos)) && src.charAt(pos) != '$') {
            pos++;
        }
        return src.substring(start, pos);
    }

    void skipSpace() {
        while (!atEnd() && Character.isWhitespace(src.charAt(pos))) {
            pos++;
        }
        if (!atEnd() && src.charAt(pos) == '#') {
            pos = src.length();
        }
    }

    boolean peek(char c) {
        return !atEnd() && src.charAt(pos) == c;
    }

    void expect(char c) throws PyParser.SyntaxError {
        skipSpace();
        if (!peek(c)) {
            throw error("'" + c + "'");
        }
        pos++;
    }

    boolean atEnd() {
        return pos >= src.length();
    }

    PyParser.SyntaxError error(String expected) {
        return new PyParser.SyntaxError("expected " + expected + " at column " + (pos + 1));
    }
}
