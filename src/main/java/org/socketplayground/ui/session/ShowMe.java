package org.socketplayground.ui.session;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ChangeListener;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.engine.PyConsole;
import org.socketplayground.engine.SocketEngine;
import org.socketplayground.i18n.Texts;
import org.socketplayground.lessons.Demonstration;
import org.socketplayground.lessons.Lesson;
import org.socketplayground.lessons.LessonSession;

/**
 * Plays a lesson step's Show me in the window, a line at a time, so that a class can follow which buttons to press.
 * Each line becomes the current {@link Demonstration}: the session selects its socket, the views fill their fields
 * with its arguments and highlight the button it presses; after a pause the call is made through the session, as
 * that button makes it, and its outcome shows. Every line still runs through the lesson's Python console, so the
 * names a line binds ({@code conn, addr = server.accept()}) are there for the next line, which waits for the call's
 * record. The lines run on a thread of their own: a call that waits never holds up the window. Commands on the
 * JavaFX thread.
 */
public final class ShowMe {
    /** How long each line shows before its call is made. */
    public enum Speed {
        SLOW("slow", 1500), NORMAL("normal", 1000), FAST("fast", 300), INSTANT("instant", 0);

        public final String label;
        public final long millis;

        Speed(String label, long millis) {
            this.label = label;
            this.millis = millis;
        }

        /** The speed in the language shown; {@link #label} stays the English word. */
        @Override
        public String toString() {
            return switch (this) {
                case SLOW -> Texts.get("sessionRows.showMe.speed.slow");
                case NORMAL -> Texts.get("sessionRows.showMe.speed.normal");
                case FAST -> Texts.get("sessionRows.showMe.speed.fast");
                case INSTANT -> Texts.get("sessionRows.showMe.speed.instant");
            };
        }
    }

    /** The longest a line waits to show (for its socket's row) before its time starts all the same. */
    private static final long SHOW_WAIT_SECONDS = 2;

    private final Session session;
    private final ReadOnlyObjectWrapper<Demonstration> demonstration = new ReadOnlyObjectWrapper<>(this, "demonstration");
    private final ReadOnlyBooleanWrapper playing = new ReadOnlyBooleanWrapper(this, "playing");
    /** Completed when the play in progress is to stop: it also wakes the player from a pause or a wait. */
    private volatile CompletableFuture<Void> stopped = CompletableFuture.completedFuture(null);
    /** Read before each line, so that a teacher can speed up a step while it plays. */
    private volatile Speed speed = Speed.NORMAL;
    /** A line to show once its socket's row is in the table, and the player waiting for it (JavaFX thread). */
    private ChangeListener<Number> waitingForRow;
    private CompletableFuture<Void> waitingShown;

    ShowMe(Session session) {
        this.session = session;
        session.lessonProperty().addListener((o, was, now) -> stop());
    }

    /** The line being played, or null: the views show its call. */
    public ReadOnlyObjectProperty<Demonstration> demonstrationProperty() {
        return demonstration.getReadOnlyProperty();
    }

    /** Whether a step is playing (Show me waits until it ends). */
    public ReadOnlyBooleanProperty playingProperty() {
        return playing.getReadOnlyProperty();
    }

    public boolean isPlaying() {
        return playing.get();
    }

    /** How long each line shows before its call is made; it applies from the next line on, also while a step plays. */
    public void setSpeed(Speed speed) {
        this.speed = speed == null ? Speed.NORMAL : speed;
    }

    /**
     * Plays the lesson's current step. The future completes on the JavaFX thread once the play has ended (all its
     * lines made, or stopped) and the lesson view has been told; exceptionally if a line could not be played.
     */
    public CompletableFuture<Void> play(LessonSession lesson) {
        CompletableFuture<Void> ended = new CompletableFuture<>();
        if (playing.get()) {
            ended.completeExceptionally(new IllegalStateException("a step is already playing"));
            return ended;
        }
        CompletableFuture<Void> stop = new CompletableFuture<>();
        stopped = stop;
        playing.set(true);
        List<Lesson.Action> actions = lesson.step().actions();
        Thread player = new Thread(() -> {
            Throwable failure = null;
            try {
                playLines(lesson, actions, stop);
            } catch (RuntimeException | Error e) {
                failure = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
            }
            Throwable failed = failure;
            try {
                Platform.runLater(() -> {
                    stopWaitingForRow();
                    demonstration.set(null);
                    playing.set(false);
                    session.lessonChanged();
                    if (failed == null) {
                        ended.complete(null);
                    } else {
                        ended.completeExceptionally(failed);
                    }
                });
            } catch (IllegalStateException toolkitGone) {
                // the window has closed: nobody is watching any more
            }
        }, "show-me");
        player.setDaemon(true);
        player.start();
        return ended;
    }

    /** Stops the play after the line in progress, whose call (if it waits) goes on waiting; no further call is made. */
    public void stop() {
        stopped.complete(null);
    }

    // ---------------------------------------------------------------- the player's thread

    private void playLines(LessonSession lesson, List<Lesson.Action> actions, CompletableFuture<Void> stop) {
        int count = actions.size();
        for (int i = 0; i < count && !stop.isDone(); i++) {
            if (actions.get(i) instanceof Lesson.PythonLine line) {
                playLine(lesson, lesson.prepare(line.code()), i + 1, count, stop);
            } else if (actions.get(i) instanceof Lesson.StartPeer peer) {
                show(Demonstration.of(peer, i + 1, count), stop);
                if (pause(stop)) {
                    lesson.startPeer(peer);
                }
            } else if (actions.get(i) instanceof Lesson.SetLab lab) {
                show(Demonstration.of(lab, i + 1, count), stop);
                if (pause(stop)) {
                    lesson.setLab(lab);
                }
            }
        }
    }

    private void playLine(LessonSession lesson, PyConsole.Prepared line, int number, int count, CompletableFuture<Void> stop) {
        // A line run whole already (it makes no call of its own): the lesson pane shows what it gave beside it.
        Demonstration shown = line.ready() ? Demonstration.of(line, number, count)
                : new Demonstration(line.line() + "  # " + lesson.describe(line.result()), null, null, List.of(), false, number, count);
        show(shown, stop);
        if (!line.ready()) {
            if (line.result().failed()) {   // an error before its call (a name not yet defined): the outcome says it
                onFx(() -> {
                    session.refuse(line.line(), line.result().error().toString());
                    return null;
                }, stop);
            }
            pause(stop);
            return;
        }
        if (!pause(stop)) {
            return;
        }
        // Made on the JavaFX thread, where Next stops the play: once stopped, no call is made.
        CompletableFuture<CallRecord> made = onFx(() -> stop.isDone() ? null : session.perform(line.on(), line.call(), line.args()), stop);
        if (made != null) {
            // The names are bound when the call returns, even if the play stops while it waits.
            CompletableFuture<?> bound = made.thenAccept(record -> lesson.finish(line, record));
            CompletableFuture.anyOf(bound, stop).join();
        }
    }

    /**
     * Makes the line the current demonstration, with its socket selected; unless the speed is instant, the line's
     * time starts once it shows. A socket made by the line before (by socket() or accept()) reaches the table at
     * the next frame: then the line shows once its row is there.
     */
    private void show(Demonstration shown, CompletableFuture<Void> stop) {
        CompletableFuture<Void> presented = new CompletableFuture<>();
        Platform.runLater(() -> {
            stopWaitingForRow();
            String id = shown.socketId();
            if (!stop.isDone() && (id == null || id.equals(SocketEngine.MODULE) || hasRow(id))) {
                present(shown);
            } else if (!stop.isDone()) {
                waitingShown = presented;
                waitingForRow = (o, was, now) -> {
                    if (stop.isDone() || hasRow(id)) {
                        if (!stop.isDone()) {
                            present(shown);
                        }
                        stopWaitingForRow();
                    }
                };
                session.refreshedProperty().addListener(waitingForRow);
                return;
            }
            presented.complete(null);
        });
        if (speed.millis > 0) {
            CompletableFuture.anyOf(presented.completeOnTimeout(null, SHOW_WAIT_SECONDS, TimeUnit.SECONDS), stop).join();
        }
    }

    private void present(Demonstration shown) {
        if (shown.socketId() != null && !shown.socketId().equals(SocketEngine.MODULE)) {
            session.selectSocket(shown.socketId());
        }
        demonstration.set(shown);
    }

    private void stopWaitingForRow() {
        if (waitingForRow != null) {
            session.refreshedProperty().removeListener(waitingForRow);
            waitingShown.complete(null);
            waitingForRow = null;
            waitingShown = null;
        }
    }

    /** Waits the line's time; false if the play was stopped meanwhile. */
    private boolean pause(CompletableFuture<Void> stop) {
        long millis = speed.millis;
        if (millis > 0) {
            try {
                stop.get(millis, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (java.util.concurrent.ExecutionException e) {
                return false;
            }
        }
        return !stop.isDone();
    }

    private boolean hasRow(String socketId) {
        return session.sockets().stream().anyMatch(row -> row.id().equals(socketId));
    }

    /** Runs work on the JavaFX thread and waits for its result; null if the play stops first. */
    private static <T> T onFx(Supplier<T> work, CompletableFuture<Void> stop) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        CompletableFuture.anyOf(result, stop).join();
        return result.getNow(null);
    }
}
