package org.socketplayground.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.socketplayground.robustness.ChildOutput;

/**
 * Runs a differential scenario through the engine, with the directives of {@code pyrunner.py}
 * ({@code &NAME statement}, {@code join NAME}, {@code sleep SECONDS}, {@code ? statement}), printing the
 * same lines as CPython does.
 */
final class ScenarioRunner {
    private static final Pattern ADDRESS_PORT = Pattern.compile("(\\('[^']*', )(\\d+)");

    private ScenarioRunner() {
    }

    static List<String> runWithEngine(Path scenario) throws IOException, InterruptedException {
        List<String> lines = Files.readAllLines(scenario, StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        Map<String, CompletableFuture<String>> jobs = new HashMap<>();
        Map<String, Integer> jobLines = new HashMap<>();
        try (SocketEngine engine = new SocketEngine()) {
            PyConsole console = new PyConsole(engine);
            for (int i = 0; i < lines.size(); i++) {
                int number = i + 1;
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("sleep ")) {
                    Thread.sleep((long) (Double.parseDouble(line.substring(6).strip()) * 1000));
                } else if (line.startsWith("join ")) {
                    String name = line.substring(5).strip();
                    try {
                        out.add(jobLines.get(name) + ": " + jobs.remove(name).get(30, TimeUnit.SECONDS));
                    } catch (Exception e) {
                        out.add(jobLines.get(name) + ": (did not finish: " + e + ")");
                    }
                } else if (line.startsWith("&")) {
                    String[] parts = line.substring(1).split("\\s+", 2);
                    jobs.put(parts[0], CompletableFuture.supplyAsync(() -> run(console, parts[1])));
                    jobLines.put(parts[0], number);
                } else {
                    out.add(number + ": " + run(console, line));
                }
            }
        }
        return out;
    }

    static List<String> runWithPython(Path runner, Path scenario) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("python3", runner.toString(), scenario.toString())
                .redirectErrorStream(true).start();
        // A scenario that hangs fails with what CPython printed rather than hang the build.
        try (ChildOutput out = new ChildOutput("python3 " + scenario.getFileName(), p)) {
            List<String> lines = out.rest(Duration.ofSeconds(60));
            out.exitCode();
            return lines;
        }
    }

    private static String run(PyConsole console, String statement) {
        boolean quiet = statement.startsWith("? ");
        PyConsole.Result r = console.run(quiet ? statement.substring(2) : statement);
        if (r.failed()) {
            return r.error().toString();
        }
        return quiet ? "ok" : console.describe(r.value());
    }

    /** Replaces each port inside an address tuple by P1, P2... in order of first appearance. */
    static List<String> normalisePorts(List<String> lines) {
        Map<String, String> names = new HashMap<>();
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            Matcher m = ADDRESS_PORT.matcher(line);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String port = m.group(2);
                String name = port.equals("0") ? "0" : names.computeIfAbsent(port, k -> "P" + (names.size() + 1));
                m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + name));
            }
            m.appendTail(sb);
            out.add(sb.toString());
        }
        return out;
    }
}
