package org.socketplayground.ui.session;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.application.Platform;
import javafx.beans.value.ObservableLongValue;
import org.socketplayground.engine.PyRepl;
import org.socketplayground.i18n.Texts;

/**
 * Opens a Python file (one the app saved, or one a teacher wrote in the same subset) and runs its statements one after
 * the other at the Python prompt, where the class sees each line and what it gave, so that the sockets and binds of a
 * prepared lesson come back in one click. A line that cannot run (a loop, a function, a syntax the app does not know)
 * is reported with its number and skipped; nothing waits for ever: a call still waiting after {@link #WAIT_LIMIT_NANOS}
 * is stopped as Ctrl+C would stop it, and reported. Used on the JavaFX thread.
 */
public final class ScriptPlayer {
    /** How long a line may wait (a recvfrom on a blocking socket) before it is stopped (playground.scriptWaitMs). */
    static final long WAIT_LIMIT_NANOS = Long.getLong("playground.scriptWaitMs", 2_000) * 1_000_000L;
    /** The most a file may hold: a script, not a capture. */
    public static final long MAX_BYTES = 1L << 20;
    private static final Pattern PRINT_REPR = Pattern.compile("print\\(repr\\((.*)\\)\\)");
    /** What the prompt prints for a line that raised, or could not run (in the playground's words, of the language in use). */
    private static boolean failed(String printed) {
        String cannotRun = Texts.get(PyRepl.CANNOT_RUN, "\u0000");
        return PYTHON_ERROR.matcher(printed).matches() || printed.equals(Texts.get(PyRepl.ONLY_IMPORTS))
                || printed.startsWith(cannotRun.substring(0, cannotRun.indexOf('\u0000')));
    }

    private static final Pattern PYTHON_ERROR = Pattern.compile("^[A-Za-z_.]*(Error|Exception|Interrupt)\\b.*");

    /** A statement of the file: its line number and the code to run, or why it is skipped. */
    record Statement(int line, String code, String skipped) {
    }

    private final PythonPrompt prompt;
    private final Consumer<String> notice;
    private final Deque<Statement> queue = new ArrayDeque<>();
    private final List<String> problems = new ArrayList<>();
    private String name;
    private int ran;
    private long waitingSince;
    private Statement running;
    private boolean stopped;
    private boolean retry;

    /** Plays at the prompt; ticks (a few a second) watch for a line that waits too long; notice takes the summary. */
    public ScriptPlayer(PythonPrompt prompt, ObservableLongValue ticks, Consumer<String> notice) {
        this.prompt = prompt;
        this.notice = notice;
        ticks.addListener((o, was, now) -> watch(now.longValue()));
    }

    /** Whether a script is being played. */
    public boolean playing() {
        return name != null;
    }

    /** Plays the file's lines; false, and nothing done, while a script plays or the prompt runs a line. */
    public boolean play(String fileName, List<String> lines) {
        if (playing() || prompt.busyProperty().get()) {
            return false;
        }
        name = fileName;
        ran = 0;
        problems.clear();
        queue.addAll(statements(lines));
        next();
        return true;
    }

    private void next() {
        running = null;
        while (!queue.isEmpty()) {
            Statement s = queue.poll();
            if (s.skipped() != null) {
                problems.add(Texts.get("sessionRows.scriptPlayer.lineSkipped", s.line(), s.skipped()));
                continue;
            }
            running = s;
            waitingSince = 0;
            stopped = false;
            boolean started = prompt.run(s.code(), printed -> {
                ran++;
                if (!stopped) {   // a stopped line is reported already, its KeyboardInterrupt is no news
                    printed.stream().filter(ScriptPlayer::failed).findFirst()
                            .ifPresent(p -> problems.add(Texts.get("sessionRows.scriptPlayer.lineFailed", s.line(), Format.cap(p, 120))));
                }
                Platform.runLater(this::next);
            });
            if (!started) {   // a line typed at the prompt runs: this one waits for it, and the next tick tries again
                queue.addFirst(s);
                running = null;
                retry = true;
            }
            return;
        }
        String summary;
        if (problems.isEmpty()) {
            summary = ran == 1 ? Texts.get("sessionRows.scriptPlayer.summary.one", ran, name)
                    : Texts.get("sessionRows.scriptPlayer.summary.other", ran, name);
        } else {
            String why = String.join("; ", problems);
            summary = ran == 1 ? Texts.get("sessionRows.scriptPlayer.summaryProblems.one", ran, problems.size(), name, why)
                    : Texts.get("sessionRows.scriptPlayer.summaryProblems.other", ran, problems.size(), name, why);
        }
        notice.accept(Format.cap(summary, 600));
        name = null;
    }

    /** A few times a second: a line that has waited too long is stopped, as Ctrl+C would. */
    private void watch(long now) {
        if (retry && !prompt.busyProperty().get()) {
            retry = false;
            next();
            return;
        }
        if (running == null || prompt.waitingProperty().get() == null) {
            waitingSince = 0;
            return;
        }
        if (waitingSince == 0) {
            waitingSince = now;
        } else if (now - waitingSince > WAIT_LIMIT_NANOS) {
            problems.add(Texts.get("sessionRows.scriptPlayer.lineStopped", running.line(), WAIT_LIMIT_NANOS / 1_000_000_000.0));
            waitingSince = Long.MAX_VALUE / 2;   // stopped once
            stopped = true;
            prompt.abandon();
        }
    }

    /**
     * The file's statements: blank lines, comments and docstrings left out; the body of a {@code try:} run (its
     * {@code except} shows at the prompt anyway); {@code print(repr(x))}, as the app saves a call's value, run as
     * {@code x}, which the prompt shows; a function left out (the app's saved scripts define helpers; a line that calls
     * one is reported when it fails); any other block (a loop, an if) reported and skipped whole.
     */
    static List<Statement> statements(List<String> lines) {
        List<Statement> out = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            String raw = lines.get(i);
            String code = raw.strip();
            int number = i + 1;
            i++;
            if (code.isEmpty() || code.startsWith("#")) {
                continue;
            }
            if (code.startsWith("\"\"\"") || code.startsWith("'''")) {   // a docstring, to its closing quotes
                String quotes = code.substring(0, 3);
                if (code.length() < 6 || !code.endsWith(quotes)) {
                    while (i < lines.size() && !lines.get(i).contains(quotes)) {
                        i++;
                    }
                    i++;
                }
                continue;
            }
            if (Character.isWhitespace(raw.charAt(0))) {
                out.add(new Statement(number, null, Texts.get("sessionRows.scriptPlayer.indented", Format.cap(code, 40))));
                continue;
            }
            if (code.endsWith(":")) {
                int end = i;
                while (end < lines.size() && (lines.get(end).isBlank() || Character.isWhitespace(lines.get(end).charAt(0))
                        || code.equals("try:") && lines.get(end).strip().matches("(except|else|finally)\\b.*:.*"))) {
                    end++;
                }
                if (code.equals("try:")) {
                    for (int k = i; k < end && !lines.get(k).strip().matches("(except|else|finally)\\b.*"); k++) {
                        if (!lines.get(k).isBlank() && !lines.get(k).strip().startsWith("#")) {
                            out.add(statement(k + 1, lines.get(k).strip()));
                        }
                    }
                } else if (!code.startsWith("def ")) {   // a function is no statement: a call to it is reported if it fails
                    out.add(new Statement(number, null, Texts.get("sessionRows.scriptPlayer.block", number, end, Format.cap(code, 40))));
                }
                i = end;
                continue;
            }
            out.add(statement(number, code));
        }
        return out;
    }

    private static Statement statement(int number, String code) {
        String withoutComment = code.replaceFirst("\\s+#[^'\"]*$", "");
        Matcher m = PRINT_REPR.matcher(withoutComment);
        return new Statement(number, m.matches() ? m.group(1) : code, null);
    }
}
