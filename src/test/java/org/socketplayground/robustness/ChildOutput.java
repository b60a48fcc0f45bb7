package org.socketplayground.robustness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A child process's output, read on threads of its own so that no read can hang the build: every wait has a
 * timeout ({@link #TIMEOUT}, 20 s unless -Dchild.timeoutSeconds says otherwise) and fails with what the child
 * printed, on stdout and on stderr. Closing it kills the child.
 */
public final class ChildOutput implements AutoCloseable {
    public static final Duration TIMEOUT = Duration.ofSeconds(Long.getLong("child.timeoutSeconds", 20));
    private static final String EOF = "\u0000eof";

    private final String name;
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private final List<String> stderr = new CopyOnWriteArrayList<>();

    /** @param name how failures name the child, e.g. "python3" */
    public ChildOutput(String name, Process process) {
        this.name = name;
        this.process = process;
        read(process.getInputStream(), lines::add, true);
        // Empty at once when stderr is merged into stdout or redirected: then its reader just ends.
        read(process.getErrorStream(), stderr::add, false);
    }

    private void read(InputStream stream, java.util.function.Consumer<String> sink, boolean markEnd) {
        Thread t = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    sink.accept(line);
                }
            } catch (IOException e) {
                // the process is gone
            } finally {
                if (markEnd) {
                    lines.add(EOF);
                }
            }
        }, name + "-output");
        t.setDaemon(true);
        t.start();
    }

    public Process process() {
        return process;
    }

    /** The next line the child prints on stdout; fails after {@link #TIMEOUT} or when the child ends first. */
    public String line() {
        return line(TIMEOUT);
    }

    public String line(Duration timeout) {
        String line;
        try {
            line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        if (line == null || line.equals(EOF)) {
            if (line != null) {
                lines.add(EOF);   // the next read finds the end too
            }
            throw new AssertionError(name + " printed no line " + (line == null ? "within " + seconds(timeout) : "before it ended")
                    + "; " + printed());
        }
        seen.add(line);
        return line;
    }

    /** Every line the child prints on stdout until it closes it (it ends); fails after the timeout. */
    public List<String> rest(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> out = new ArrayList<>();
        while (true) {
            String line;
            try {
                line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            if (line == null) {
                throw new AssertionError(name + " did not end its output within " + seconds(timeout) + "; " + printed());
            }
            if (line.equals(EOF)) {
                lines.add(EOF);
                return out;
            }
            seen.add(line);
            out.add(line);
        }
    }

    /** Waits for the child to end by itself, {@link #TIMEOUT} at most, and returns its exit code. */
    public int exitCode() {
        return exitCode(TIMEOUT);
    }

    public int exitCode(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(name + " did not end within " + seconds(timeout) + "; " + printed());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** What the child has printed so far, for a failure's message. */
    public String printed() {
        return "it printed " + seen + (stderr.isEmpty() ? ", nothing on stderr" : "; on stderr: " + String.join("\n", stderr));
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** Kills the child at once (SIGKILL: the kernel closes its sockets) and waits until it is gone. */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
