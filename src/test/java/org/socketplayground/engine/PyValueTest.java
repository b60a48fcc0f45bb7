package org.socketplayground.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.socketplayground.engine.py.PyParser;
import org.socketplayground.engine.py.PyValue;

/** Reprs that CPython prints for hostile text: escaped, never interpreted. */
class PyValueTest {

    @Test
    void controlCharactersAnsiEscapesAndDirectionMarksAreEscaped() {
        String hostile = "\u001b[31mred\u202eevil\u0000\r\n";
        assertEquals("'\\x1b[31mred\\u202eevil\\x00\\r\\n'", PyValue.of(hostile).repr());
        assertEquals("b'\\x1b[31mred\\xe2\\x80\\xaeevil\\x00\\r\\n'",
                PyValue.of(hostile.getBytes(StandardCharsets.UTF_8)).repr());
    }

    @Test
    void quotesFollowPythonsChoice() {
        assertEquals("\"it's\"", PyValue.of("it's").repr());
        assertEquals("'say \"hi\"'", PyValue.of("say \"hi\"").repr());
        assertEquals("'both \\' and \"'", PyValue.of("both ' and \"").repr());
    }

    @Test
    void floatsPrintAsPythonPrintsThem() {
        assertEquals("0.05", new PyValue.Float(0.05).repr());
        assertEquals("1.0", new PyValue.Float(1).repr());
        assertEquals("1e-05", new PyValue.Float(0.00001).repr());
        assertEquals("1e+16", new PyValue.Float(1e16).repr());
        assertEquals("123456.5", new PyValue.Float(123456.5).repr());
    }

    @Test
    void payloadEscapesDecodeLikeABytesLiteral() throws Exception {
        assertArrayEquals(new byte[] {'a', '\n', 0, (byte) 0xff, '\\'}, PyParser.unescape("a\\n\\x00\\xff\\\\"));
        assertArrayEquals("é".getBytes(StandardCharsets.UTF_8), PyParser.unescape("é"));
        assertThrows(PyParser.SyntaxError.class, () -> PyParser.unescape("bad \\xZZ"));
    }
}
