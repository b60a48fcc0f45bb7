package org.socketplayground.robustness;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real python3 process as a peer: the script is given as text, its output (stdout and stderr) is read line by
 * line on a thread of its own ({@link ChildOutput}: every read fails after 20 s, saying what the script printed),
 * and the process is killed when the test is done with it.
 */
public final class PythonPeer implements AutoCloseable {
    private final ChildOutput output;

    private PythonPeer(Process process) {
        this.output = new ChildOutput("python3", process);
    }

    /** Starts {@code python3 -u -c script args...}. */
    public static PythonPeer start(String script, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("python3", "-u", "-c", script));
        command.addAll(List.of(args));
        // stderr merged: the tests read a script's messages to stderr (and a traceback) as its lines.
        return new PythonPeer(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    /** The next line the script prints; fails after {@link ChildOutput#TIMEOUT} or when the script ends first. */
    public String line() {
        return output.line();
    }

    public String line(Duration timeout) {
        return output.line(timeout);
    }

    /** The next line, which must start with the word; returns the rest of it. */
    public String expect(String word) {
        return expect(word, line());
    }

    /** The next line within the given seconds, which must start with the word; returns the rest of it. */
    public String expect(String word, int seconds) {
        return expect(word, line(Duration.ofSeconds(seconds)));
    }

    private String expect(String word, String line) {
        if (!line.startsWith(word)) {
            throw new AssertionError("python3 printed '" + line + "', expected a line starting with '" + word + "'; "
                    + output.printed());
        }
        return line.substring(word.length()).strip();
    }

    public long pid() {
        return output.process().pid();
    }

    /** Kills the process at once (SIGKILL: the kernel closes its sockets) and waits until it is gone. */
    public void kill() {
        output.close();
    }

    /** Waits for the script to end by itself and returns its exit code. */
    public int exitCode() {
        return output.exitCode();
    }

    @Override
    public void close() {
        kill();
    }
}
