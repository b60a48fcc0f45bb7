package org.socketplayground.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: a hung child cannot hang the build. A python3 peer that prints nothing (only a word on stderr) and
 * sleeps: each kind of read fails within its timeout, with a message that says what the peer printed on stderr.
 */
class ChildOutputTest {
    private static final String SILENT = """
            import sys, time
            print('about to hang', file=sys.stderr, flush=True)
            time.sleep(600)
            """;
    private static final Duration SHORT = Duration.ofSeconds(2);

    /** Runs the read and requires it to fail within the timeout and a margin for a busy machine. */
    private static AssertionError failsInTime(Runnable read) {
        long start = System.nanoTime();
        AssertionError e = assertThrows(AssertionError.class, read::run);
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms >= SHORT.toMillis() - 50 && ms < SHORT.toMillis() + 8_000, "failed after " + ms + " ms");
        return e;
    }

    @Test
    void aPeerThatPrintsNothingFailsTheReadInTime() throws Exception {
        try (PythonPeer peer = PythonPeer.start("import time\ntime.sleep(600)\n")) {
            AssertionError e = failsInTime(() -> peer.line(SHORT));
            assertTrue(e.getMessage().contains("python3 printed no line within 2 s; it printed []"), e.getMessage());
        }
    }

    @Test
    void aChildThatPrintsOnlyOnStderrFailsTheReadInTimeSayingWhatItPrintedThere() throws Exception {
        try (ChildOutput out = new ChildOutput("python3", new ProcessBuilder("python3", "-u", "-c", SILENT).start())) {
            AssertionError e = failsInTime(() -> out.line(SHORT));
            assertTrue(e.getMessage().contains("printed no line within 2 s"), e.getMessage());
            assertTrue(e.getMessage().contains("on stderr: about to hang"), e.getMessage());
        }
    }

    @Test
    void waitingForTheRestOrForTheEndFailsInTimeToo() throws Exception {
        Process p = new ProcessBuilder("python3", "-u", "-c", "print('one')\n" + SILENT).start();
        try (ChildOutput out = new ChildOutput("python3", p)) {
            assertEquals("one", out.line());
            AssertionError rest = failsInTime(() -> out.rest(SHORT));
            assertTrue(rest.getMessage().contains("did not end its output within 2 s"), rest.getMessage());
            assertTrue(rest.getMessage().contains("[one]; on stderr: about to hang"), rest.getMessage());
            AssertionError end = failsInTime(() -> out.exitCode(SHORT));
            assertTrue(end.getMessage().contains("did not end within 2 s"), end.getMessage());
        }
    }

    @Test
    void aPeerThatEndsGivesItsLinesThenSaysItEnded() throws Exception {
        try (PythonPeer peer = PythonPeer.start("import sys\nprint('port 5')\nprint('oops', file=sys.stderr)\n")) {
            assertEquals("5", peer.expect("port"));
            assertEquals("oops", peer.line(), "a peer's stderr is among its lines");
            AssertionError e = assertThrows(AssertionError.class, peer::line);
            assertTrue(e.getMessage().contains("printed no line before it ended"), e.getMessage());
            assertEquals(0, peer.exitCode());
        }
        Process p = new ProcessBuilder("python3", "-c", "print('a')\nprint('b')").start();
        try (ChildOutput out = new ChildOutput("python3", p)) {
            assertEquals(List.of("a", "b"), out.rest(ChildOutput.TIMEOUT));
        }
    }

    @Test
    void theDefaultTimeoutIsTwentySeconds() {
        assertEquals(Duration.ofSeconds(20), ChildOutput.TIMEOUT);
    }
}
