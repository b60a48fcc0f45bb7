package org.socketplayground.transcript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socketplayground.engine.Family;
import org.socketplayground.engine.SockType;
import org.socketplayground.engine.SocketEngine;
import org.socketplayground.engine.SocketInfo;
import org.socketplayground.engine.py.PyValue;

/** A long session keeps each socket's set-up, so that the saved script still runs under CPython. */
class PythonTranscriptTest {

    @Test
    void aFloodOfReceivesDoesNotPushOutTheSocketsSetUp(@TempDir Path dir) throws Exception {
        String script;
        try (SocketEngine engine = new SocketEngine()) {
            PythonTranscript transcript = new PythonTranscript(5, id -> engine.socket(id).map(SocketInfo::local).orElse(null));
            engine.addListener(transcript::add);
            String s = engine.socket(Family.AF_INET, SockType.SOCK_DGRAM).value().repr();
            engine.call(s, "bind", SocketEngine.address("127.0.0.1", 0));
            engine.call(s, "setblocking", PyValue.of(false));
            for (int i = 0; i < 10; i++) {
                engine.call(s, "recvfrom", PyValue.of(1024));
            }
            assertEquals(5, transcript.size());
            String text = transcript.text();
            assertTrue(text.contains(s + " = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)"), text);
            assertTrue(text.contains(s + ".bind(('127.0.0.1', 0))"), text);
            assertTrue(text.contains(s + ".setblocking(False)"), text);
            script = transcript.script(Instant.now());
            assertTrue(script.contains("# 8 calls that sent or received data are left out"), script);
        }
        Path file = dir.resolve("session.py");
        Files.writeString(file, script);
        Process p = new ProcessBuilder("python3", file.toString()).redirectErrorStream(true).start();
        List<String> printed;
        try (var out = p.inputReader(StandardCharsets.UTF_8)) {
            printed = out.lines().toList();
        }
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "the script runs to its end: " + printed);
        assertEquals(List.of("BlockingIOError: [Errno 11] Resource temporarily unavailable",
                "BlockingIOError: [Errno 11] Resource temporarily unavailable"), printed);
    }
}
