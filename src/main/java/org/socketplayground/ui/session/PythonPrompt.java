package org.socketplayground.ui.session;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.engine.PyConsole;
import org.socketplayground.engine.PyRepl;
import org.socketplayground.engine.SocketEngine;

/**
 * The Python prompt: lines of classroom Python typed by the user, run on the console that Show me uses, so the
 * names a lesson gives are there and the names typed stay for the next line. A line runs on a thread of its own,
 * never on the JavaFX thread: a {@code recvfrom} on a blocking socket waits there, as it would in Python's REPL,
 * while the window goes on. Its calls are engine calls like any button's, so their records reach the log, the
 * table and the Python pane; the calls pane shows them as the user's calls. Used on the JavaFX thread, except where
 * a method says otherwise.
 */
public final class PythonPrompt {
    /** Lines the history keeps for Up and Down. */
    public static final int HISTORY = 100;
    /** Lines the output keeps (the lines typed and what they printed), and the most characters of one line. */
    public static final int OUTPUT_LINES = 40;
    static final int OUTPUT_CHARS = 1_000;

    private final SocketEngine engine;
    private final PyRepl repl;
    private final Consumer<CallRecord> userCall;
    private final List<String> history = new ArrayList<>();
    private final ObservableList<String> output = FXCollections.observableArrayList();
    private final ObservableList<String> outputShown = FXCollections.unmodifiableObservableList(output);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyObjectWrapper<CallRecord> waiting = new ReadOnlyObjectWrapper<>(this, "waiting");
    /** The thread running the current line; its records are the prompt's calls. */
    private volatile Thread runner;
    /** Where Up and Down are in the history: its size when not walking it. */
    private int place;
    /** What was typed before walking the history, given back by Down past the newest line. */
    private String draft = "";

    /** @param userCall takes each call the prompt makes, on the prompt's thread, to show it as the user's call */
    PythonPrompt(SocketEngine engine, PyConsole console, Consumer<CallRecord> userCall) {
        this.engine = engine;
        this.repl = new PyRepl(engine, console);
        this.userCall = userCall;
        engine.addListener(this::onRecord);   // for as long as the engine lives: the session's
    }

    /** What the prompt printed: each line typed (after {@code >>> }) and what it gave, the newest last. */
    public ObservableList<String> output() {
        return outputShown;
    }

    /** True while a line runs; the prompt takes no other line meanwhile. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The prompt's call that waits now (a recvfrom on a blocking socket), or null. */
    public ReadOnlyObjectProperty<CallRecord> waitingProperty() {
        return waiting.getReadOnlyProperty();
    }

    /**
     * Runs a line off the JavaFX thread; its output comes when it is done. A blank line, or a line typed while
     * another runs, is not run: false.
     */
    public boolean run(String line) {
        return run(line, printed -> { });
    }

    /** As {@link #run(String)}; done takes what the line printed, on the JavaFX thread, once it is done. */
    public boolean run(String line, Consumer<List<String>> done) {
        if (line.isBlank() || busy.get()) {
            return false;
        }
        remember(line);
        print(">>> " + line);
        busy.set(true);
        Thread thread = new Thread(() -> {
            List<String> printed;
            try {
                printed = repl.run(line);
            } finally {
                runner = null;
            }
            Platform.runLater(() -> {
                finish(printed);
                done.accept(printed);
            });
        }, "python-prompt");
        thread.setDaemon(true);
        runner = thread;
        thread.start();
        return true;
    }

    /** Ends the prompt's waiting call with KeyboardInterrupt, as Ctrl+C would in Python's REPL. */
    public void abandon() {
        CallRecord call = waiting.get();
        if (call != null) {
            engine.abandon(call.seq());
        }
    }

    /** Up: the line before in the history (the oldest stays), or what is typed when there is none. */
    public String previous(String typed) {
        if (place == history.size()) {
            draft = typed;
        }
        if (place == 0) {
            return history.isEmpty() ? typed : history.get(0);
        }
        return history.get(--place);
    }

    /** Down: the next line in the history, and past the newest what was typed before walking it. */
    public String next(String typed) {
        if (place >= history.size()) {
            return typed;
        }
        place++;
        return place == history.size() ? draft : history.get(place);
    }

    /** The lines typed, oldest first (at most {@value #HISTORY}). */
    public List<String> history() {
        return List.copyOf(history);
    }

    private void remember(String line) {
        if (history.isEmpty() || !history.get(history.size() - 1).equals(line)) {
            history.add(line);
            if (history.size() > HISTORY) {
                history.remove(0);
            }
        }
        place = history.size();
        draft = "";
    }

    private void finish(List<String> printed) {
        printed.forEach(this::print);
        waiting.set(null);
        busy.set(false);
    }

    private void print(String line) {
        output.add(Format.cap(line, OUTPUT_CHARS));
        if (output.size() > OUTPUT_LINES) {
            output.remove(0, output.size() - OUTPUT_LINES);
        }
    }

    /** From the engine's listeners, on the thread that made the call: the prompt's own calls only. */
    private void onRecord(CallRecord r) {
        if (Thread.currentThread() != runner) {
            return;
        }
        userCall.accept(r);
        if (r.isPending()) {
            Platform.runLater(() -> waiting.set(r));
        } else if (r.blocked()) {
            Platform.runLater(() -> {
                if (waiting.get() != null && waiting.get().seq() == r.seq()) {
                    waiting.set(null);
                }
            });
        }
    }
}
