package org.socketplayground.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.socketplayground.robustness.ChildOutput;
import org.socketplayground.engine.py.PyValue;

/** The prompt's REPL answers a line as CPython's interactive interpreter does, checked against python3 itself. */
class PyReplTest {
    /** Lines whose answers do not depend on ports, fed to CPython's REPL and to ours in turn. */
    private static final List<String> SESSION = List.of(
            "import socket",
            "socket.htons(80)",
            "socket.AF_INET",
            "x",
            "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)",
            "s.bind(('127.0.0.1', 0))",
            "s.setblocking(False)",
            "s.recvfrom(1024)",
            "t = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)",
            "t.bind(s.getsockname())",
            "s.getsockname()[0]",
            "t.sendto(b'one', s.getsockname())",
            "data, addr = s.recvfrom(1024)",
            "data",
            "addr[0]",
            "b'a' * 3 + b'\\x00'  # a comment",
            "# only a comment",
            "print(b'hi', 'there', 2 ** 10)",
            "print()",
            "None",
            "(1,)",
            "[1, 'a']",
            "s.close()",
            "s.recvfrom(1)",
            "s.bind((",
            "a, b = (1, 2, 3)");

    private final SocketEngine engine = new SocketEngine();
    private final PyConsole console = new PyConsole(engine);
    private final PyRepl repl = new PyRepl(engine, console);

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void answersAsCPythonsInteractiveInterpreter() throws Exception {
        List<String> ours = new ArrayList<>();
        for (String line : SESSION) {
            ours.add(">>> " + line);
            ours.addAll(repl.run(line));
        }
        List<String> python = cpython(SESSION);
        // A SyntaxError's wording is CPython's own parser's; the playground names the column where it stopped.
        int syntax = python.indexOf(">>> s.bind((") + 1;
        assertTrue(python.get(syntax).startsWith("SyntaxError: ") && ours.get(syntax).startsWith("SyntaxError: "),
                python.get(syntax) + " / " + ours.get(syntax));
        python.set(syntax, "SyntaxError");
        ours.set(syntax, "SyntaxError");
        assertEquals(String.join("\n", python), String.join("\n", ours));
    }

    /** Week-two Python around the calls, at the prompt: text and bytes, buffers, print of decoded data. */
    private static final List<String> WEEK_TWO = List.of(
            "import socket",
            "r = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)",
            "r.bind(('127.0.0.1', 0))",
            "r.settimeout(2)",
            "r.sendto('héllo ☕'.encode(), r.getsockname())",
            "data = r.recv(1024)",
            "print(data.decode(), len(data))",
            "r.sendto(b'abc', r.getsockname())",
            "buf = bytearray(8)",
            "r.recv_into(buf)",
            "buf",
            "print(buf[:3])",
            "bytes(memoryview(buf)[1:3])",
            "r.family",
            "r.type",
            "r.getblocking()",
            "socket.inet_aton('127.1')",
            "socket.timeout",
            "b'\\xff'.decode()",
            "int('80') + 1",
            "data.nope",
            "nope",
            "r.close()",
            "r.fileno()");

    @Test
    void weekTwoLinesAnswerAsCPythonsInteractiveInterpreter() throws Exception {
        List<String> ours = new ArrayList<>();
        for (String line : WEEK_TWO) {
            ours.add(">>> " + line);
            ours.addAll(repl.run(line));
        }
        assertEquals(String.join("\n", cpython(WEEK_TWO)), String.join("\n", ours));
    }

    @Test
    void buffersTooLargeAreRefusedInWordsAtOnce() {
        long start = System.nanoTime();
        for (String line : List.of("bytearray(10**10)", "bytes(10**10)", "buf = bytearray(2**40)", "'ab' * 10**10",
                "bytearray(b'x') * 10**10", "(b'x' * 2**20).hex()")) {
            List<String> out = repl.run(line);
            assertTrue(out.get(0).startsWith("MemoryError: "), line + " -> " + out);
        }
        assertTrue(System.nanoTime() - start < 2_000_000_000L, "refused without making anything");
        assertEquals(List.of("NameError: name 'buf' is not defined"), repl.run("buf"));
        assertEquals(List.of("1048576"), repl.run("len(bytearray(2**20))"));
    }

    @Test
    void aSocketReadsAsCPythonsReprWithTheTablesName() {
        repl.run("s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)");
        String id = ((PyValue.SocketRef) console.variable("s")).id();
        assertEquals(List.of("<socket.socket " + id + ", family=AF_INET, type=SOCK_DGRAM, laddr=('0.0.0.0', 0)>"), repl.run("s"));
        repl.run("s.close()");
        assertEquals(List.of("<socket.socket [closed] " + id + ", family=AF_INET, type=SOCK_DGRAM>"), repl.run("s"));
    }

    @Test
    void numbersBeyondSixtyFourBitsAndHugeBytesAreRefusedClearly() {
        assertEquals(List.of("9223372036854775807"), repl.run("2 ** 62 + (2 ** 62 + -1)"));
        assertTrue(repl.run("2 ** 64").get(0).startsWith("OverflowError: "));
        assertTrue(repl.run("0x1ffffffffffffffff").get(0).startsWith("OverflowError: "), "never a Java exception");
        assertEquals(List.of("0.5"), repl.run("2 ** -1"));
        assertEquals(List.of("1"), repl.run("1 ** 1000000000000"));
        assertTrue(repl.run("b'x' * 1000000000000").get(0).startsWith("MemoryError: "));
        assertEquals(List.of("Only 'import socket', 'import select', 'import os' and 'import struct' work here: write"
                + " socket.socket(...), socket.AF_INET, select.select([s1], [], [], 2.0), os.unlink('/tmp/playground.sock'),"
                + " struct.pack('4s4s', group, interface)"),
                repl.run("from socket import *"));
    }

    @Test
    void selectIsImportedAndAnswersWithTheReadySockets() {
        assertEquals(List.of(), repl.run("import select"));
        assertEquals(List.of(), repl.run("import socket, select"));
        repl.run("u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)");
        repl.run("u.bind(('127.0.0.1', 0))");
        // As Python's REPL prints them: the lists hold the socket objects themselves.
        String writable = repl.run("select.select([u], [u], [], 0)").get(0);
        assertTrue(writable.startsWith("([], [<socket.socket s1, family=AF_INET, type=SOCK_DGRAM") && writable.endsWith(">], [])"), writable);
        repl.run("u.sendto(b'hi', u.getsockname())");
        assertTrue(repl.run("select.select([u], [], [], 2.0)").get(0).startsWith("([<socket.socket s1,"));
        assertEquals(List.of("ValueError: timeout must be non-negative"), repl.run("select.select([u], [], [], -1)"));
        assertEquals(List.of("AttributeError: module 'select' has no attribute 'poll'"), repl.run("select.poll()"));
    }

    @Test
    void bracketsAndQuotesThatDoNotCloseAreSaidInCPythonsWords() throws Exception {
        List<String> lines = List.of("s.bind((", "f((1, [2", "f(1]", "s.sendto(b'hi", "x = )");
        List<String> ours = new ArrayList<>();
        for (String line : lines) {
            ours.add(">>> " + line);
            ours.addAll(repl.run(line));
        }
        String script = String.join("\n",
                "import sys",
                "for line in sys.stdin.read().split('\\n'):",
                "    print('>>> ' + line)",
                "    try:",
                "        compile(line, '<stdin>', 'exec')",
                "    except SyntaxError as e:",
                "        print('SyntaxError: ' + e.msg)");
        assertEquals(String.join("\n", python(script, lines)), String.join("\n", ours));
    }

    @Test
    void aHashInsideAStringIsNoComment() {
        assertEquals("s.sendto(b'#1', a)  ", PyRepl.withoutComment("s.sendto(b'#1', a)  # sent"));
        assertEquals("x = 'it\\'s #'", PyRepl.withoutComment("x = 'it\\'s #'"));
        assertEquals("", PyRepl.withoutComment("# all comment"));
    }

    /** What CPython's REPL prints for the lines: each line after ">>> ", then its output, errors as their last line. */
    private static List<String> cpython(List<String> lines) throws IOException, InterruptedException {
        return python(String.join("\n",
                "import sys, code, traceback",
                "ns = {}",
                "for line in sys.stdin.read().split('\\n'):",
                "    print('>>> ' + line)",
                "    try:",
                "        compiled = code.compile_command(line, '<stdin>', 'single')",
                "        if compiled is None:",
                "            raise SyntaxError('incomplete input')",
                "        exec(compiled, ns)",
                "    except BaseException as e:",
                "        print(traceback.format_exception_only(type(e), e)[-1].rstrip())",
                "    sys.stdout.flush()"), lines);
    }

    /** Runs a python3 script with the lines on its standard input; returns the lines it printed. */
    private static List<String> python(String script, List<String> lines) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("python3", "-c", script).redirectErrorStream(true).start();
        p.getOutputStream().write(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        try (ChildOutput out = new ChildOutput("python3", p)) {   // fails in 20 s rather than hang on a stuck REPL
            List<String> printed = out.rest(ChildOutput.TIMEOUT);
            out.exitCode();
            return printed;
        }
    }
}
