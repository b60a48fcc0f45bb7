package org.socketplayground.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every scenario twice, once with CPython's socket module and once through the engine, and requires the
 * same outcome for every statement (ephemeral ports renamed P1, P2... in order of appearance).
 */
class DifferentialTest {
    private static final AtomicInteger RUN = new AtomicInteger();
    private static final AtomicInteger MATCHED = new AtomicInteger();

    @TestFactory
    Stream<DynamicTest> engineMatchesCPython() throws IOException, URISyntaxException {
        Path dir = Path.of(DifferentialTest.class.getResource("/differential").toURI());
        Path runner = dir.resolve("pyrunner.py");
        List<Path> scenarios;
        try (Stream<Path> files = Files.list(dir.resolve("scenarios"))) {
            scenarios = files.filter(p -> p.toString().endsWith(".scenario")).sorted().toList();
        }
        assertTrue(scenarios.size() >= 30, "at least 30 scenarios, found " + scenarios.size());
        return scenarios.stream().map(scenario -> DynamicTest.dynamicTest(title(scenario), () -> {
            RUN.incrementAndGet();
            List<String> python = ScenarioRunner.normalisePorts(ScenarioRunner.runWithPython(runner, scenario));
            List<String> engine = ScenarioRunner.normalisePorts(ScenarioRunner.runWithEngine(scenario));
            assertFalse(python.isEmpty(), "CPython printed nothing for " + scenario);
            assertEquals(String.join("\n", python), String.join("\n", engine), "outcomes of " + scenario.getFileName());
            MATCHED.incrementAndGet();
        }));
    }

    private static String title(Path scenario) {
        String name = scenario.getFileName().toString().replace(".scenario", "");
        try {
            String first = Files.readAllLines(scenario).get(0);
            return name + ": " + first.replaceFirst("^#\\s*", "");
        } catch (IOException e) {
            return name;
        }
    }

    @AfterAll
    static void report() {
        System.out.println("differential: " + MATCHED.get() + " of " + RUN.get() + " scenarios match CPython");
    }
}
