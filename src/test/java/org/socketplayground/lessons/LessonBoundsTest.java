package org.socketplayground.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.socketplayground.engine.PyConsole;
import org.socketplayground.engine.SocketEngine;
import org.socketplayground.peers.Peers;
import org.socketplayground.robustness.Robustness;

/**
 * A teacher's lesson file cannot run away (issue 17): arithmetic in a Show me line that would make gigabytes or a
 * number of a billion bits is refused at once, in Python's words; a line nested too deep is a SyntaxError, not a
 * Java exception; a Peer: count outside 1..50 is refused when the file is opened, with its line. No window.
 */
@ExtendWith(Robustness.class)
@Robustness.Group("loops")
class LessonBoundsTest {
    /** Each line alone takes a few milliseconds; the whole step gets plenty on a busy machine. */
    private static final long STEP_MILLIS = 5_000;

    private static final String DEEP = "(".repeat(5_000) + "1" + ")".repeat(5_000);

    @Test
    void arithmeticThatWouldRunAwayIsRefusedQuicklyInWords() throws Exception {
        Lesson lesson = LessonParser.parse("""
                # Runaway arithmetic

                ## Every line is refused in words
                Show me: s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                Show me: s.sendto(b'x' * 10**10, ('127.0.0.1', 9))
                Show me: 2**2**40
                Show me: s.sendto(b'x' * 2**26 + b'x' * 2**26, ('127.0.0.1', 9))
                Show me: big = [b'x' * 2**20, b'x' * 2**20, b'x' * 2**20, b'x' * 2**20, b'x' * 2**20, b'x' * 2**20, b'x' * 2**20, b'x' * 2**20, b'x' * 2**20, b'x' * 2**20, b'x' * 2**20, b'x' * 2**20, b'x' * 2**20, b'x' * 2**20, b'x' * 2**20, b'x' * 2**20, b'x' * 2**20]
                Show me: 0x1ffffffffffffffff
                Show me: %s
                Show me: %s1
                """.formatted(DEEP, "-".repeat(20_000)));
        SocketEngine engine = new SocketEngine();
        try (Peers peers = new Peers(engine)) {
            LessonSession session = new LessonSession(lesson, engine, new PyConsole(engine), peers);
            long started = System.nanoTime();
            List<String> results = session.showMe();
            long millis = (System.nanoTime() - started) / 1_000_000;
            Robustness.figure("a lesson step of seven runaway Show me lines: refused in " + millis + " ms");
            assertEquals(8, results.size(), results::toString);
            assertTrue(results.get(1).endsWith("# MemoryError: a bytes value holds at most 1,048,576 bytes (1 MiB) in the playground; "
                    + "this would be 10,000,000,000"), results.get(1));
            assertTrue(results.get(2).contains("# OverflowError: "), results.get(2));
            assertTrue(results.get(3).contains("# MemoryError: "), cut(results.get(3)));
            assertTrue(results.get(4).contains("# MemoryError: one line makes at most 16,777,216 bytes"), cut(results.get(4)));
            assertTrue(results.get(5).contains("# OverflowError: "), results.get(5));
            assertTrue(results.get(6).endsWith("# SyntaxError: too many nested parentheses"), cut(results.get(6)));
            assertTrue(results.get(7).contains("# SyntaxError: "), cut(results.get(7)));
            assertTrue(millis < STEP_MILLIS, "the step took " + millis + " ms");
        } finally {
            engine.close();
        }
    }

    private static String cut(String text) {
        return text.length() <= 300 ? text : "…" + text.substring(text.length() - 300);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "51", "-3", "5000", "99999999999", "99999999999999999999999"})
    void aPeerCountOutsideOneToFiftyIsRefusedWithItsLine(String count) {
        String file = """
                # Many clients

                ## A server
                Show me: server = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                Show me: server.bind(('127.0.0.1', 0))
                Peer: udp-clients %s to server
                """.formatted(count);
        LessonParser.LessonException refused = assertThrows(LessonParser.LessonException.class, () -> LessonParser.parse(file));
        assertEquals("line 6: 'Peer: udp-clients " + count + " to server' asks for " + count + " clients; a lesson starts 1 to 50",
                refused.getMessage());
    }

    @Test
    void fiftyClientsAreStillALesson() throws Exception {
        Lesson lesson = LessonParser.parse("# Fifty\n\n## Clients\nPeer: tcp-clients 50 to server\n");
        assertEquals(50, ((Lesson.StartPeer) lesson.steps().get(0).actions().get(0)).count());
    }
}
