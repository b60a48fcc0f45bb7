package org.socketplayground.robustness;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real python3 process as a peer: the script is given as text, its output (stdout and stderr) is read line by
 * line on a thread of its own, and the process is killed when the test is done with it.
 */
public final class PythonPeer implements AutoCloseable {
    private static final String EOF = "\u0000eof";
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private PythonPeer(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader in = process.inputReader(StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process is gone
            } finally {
                lines.add(EOF);
            }
        }, "python-peer-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code python3 -u -c script args...}. */
    public static PythonPeer start(String script, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("python3", "-u", "-c", script));
        command.addAll(List.of(args));
        return new PythonPeer(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    /** The next line the script prints; fails after ten seconds or when the script ends first. */
    public String line() {
        return line(10);
    }

    /** The next line the script prints; fails after the given seconds or when the script ends first. */
    public String line(int seconds) {
        try {
            String line = lines.poll(seconds, TimeUnit.SECONDS);
            if (line == null || line.equals(EOF)) {
                if (line != null) {
                    lines.add(EOF);
                }
                throw new AssertionError("python3 printed no line " + (line == null ? "within " + seconds + " s" : "before it ended")
                        + "; it printed " + seen);
            }
            seen.add(line);
            return line;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next line, which must start with the word; returns the rest of it. */
    public String expect(String word) {
        return expect(word, 10);
    }

    /** The next line within the given seconds, which must start with the word; returns the rest of it. */
    public String expect(String word, int seconds) {
        String line = line(seconds);
        if (!line.startsWith(word)) {
            throw new AssertionError("python3 printed '" + line + "', expected a line starting with '" + word + "'");
        }
        return line.substring(word.length()).strip();
    }

    public long pid() {
        return process.pid();
    }

    /** Kills the process at once (SIGKILL: the kernel closes its sockets) and waits until it is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for the script to end by itself and returns its exit code. */
    public int exitCode() {
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new AssertionError("python3 did not end within 10 s");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        kill();
    }
}
