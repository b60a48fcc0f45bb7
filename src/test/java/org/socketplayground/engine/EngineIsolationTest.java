package org.socketplayground.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The engine is plain Java: no JavaFX, so it can be tested and benchmarked on its own. */
class EngineIsolationTest {

    @Test
    void noEngineSourceImportsJavaFx() throws IOException {
        Path engine = Path.of("src/main/java/org/socketplayground/engine");
        List<Path> sources;
        try (Stream<Path> files = Files.walk(engine)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertTrue(sources.size() > 10, "found the engine sources: " + sources.size());
        List<Path> offenders = sources.stream().filter(p -> {
            try {
                return Files.readString(p).contains("import javafx");
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        }).toList();
        assertEquals(List.of(), offenders);
    }
}
