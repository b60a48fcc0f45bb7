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
            List<String> python;
            List<String> engine;
            if (Files.readString(scenario).contains("$DIR")) {
                // AF_UNIX paths: a fresh folder named in both runs' output alike, emptied between them (the files
                // a closed socket leaves would make the second run's binds fail)
                Path folder = Files.createTempDirectory("sp-diff");
                try {
                    Path script = folder.resolve("scenario.txt");
                    Files.writeString(script, Files.readString(scenario).replace("$DIR", folder.toString()));
                    python = ScenarioRunner.normalisePorts(ScenarioRunner.runWithPython(runner, script));
                    emptyBut(folder, script);
                    engine = ScenarioRunner.normalisePorts(ScenarioRunner.runWithEngine(script));
                } finally {
                    emptyBut(folder, null);
                    Files.deleteIfExists(folder);
                }
            } else {
                python = ScenarioRunner.normalisePorts(ScenarioRunner.runWithPython(runner, scenario));
                engine = ScenarioRunner.normalisePorts(ScenarioRunner.runWithEngine(scenario));
            }
            assertFalse(python.isEmpty(), "CPython printed nothing for " + scenario);
            assertEquals(String.join("\n", python), String.join("\n", engine), "outcomes of " + scenario.getFileName());
            MATCHED.incrementAndGet();
        }));
    }

    /** Removes what the scenario left in its folder (socket files, sub-folders), all but keep. */
    private static void emptyBut(Path folder, Path keep) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (!f.equals(folder) && !f.equals(keep)) {
                    Files.deleteIfExists(f);
                }
            }
        }
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
