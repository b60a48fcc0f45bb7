package org.socketplayground.ui.session;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import javafx.animation.AnimationTimer;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.engine.PyConsole;
import org.socketplayground.engine.SocketEngine;
import org.socketplayground.engine.SocketInfo;
import org.socketplayground.engine.py.PyValue;
import org.socketplayground.lessons.Lesson;
import org.socketplayground.lessons.LessonSession;
import org.socketplayground.peers.Peers;
import org.socketplayground.transcript.PythonTranscript;
import org.socketplayground.transcript.SocketNames;
import org.socketplayground.ui.theme.Projector;

/**
 * What the window shows, between the engine and the views. Every call is a record: the session takes the engine's
 * records in one batch per frame (a {@link RecordFeed}) and turns them into what the views project — socket rows,
 * log rows, waiting calls, the Python transcript, the lesson's progress. Views observe its read-only properties and
 * act through its commands; none of them touches another's controls. Used on the JavaFX thread, except where a
 * method says otherwise.
 */
public final class Session implements AutoCloseable {
    /** Log rows kept; older rows leave the log while the counters stay exact. */
    public static final int DEFAULT_LOG_ROWS = Integer.getInteger("playground.logRows", 10_000);
    /** Calls the Python pane keeps; a saved script says when earlier ones were left out. */
    static final int TRANSCRIPT_CALLS = Integer.getInteger("playground.codeLines", 3_000);
    /** How long a frame spends taking a flood's records; the rest waits for the next frames. */
    static final long SLICE_NANOS = 8_000_000L;

    private final SocketEngine engine;
    private final RecordFeed feed;
    private final ContinuousReceiver receiver;
    private final PythonTranscript transcript;
    private final PyConsole console;
    private final PythonPrompt prompt;
    private final Peers peers;
    private final SessionLog log;
    private final SocketRows rows;
    private final RecordIntake intake;
    private final ReadOnlyObjectWrapper<SocketRow> selectedSocket = new ReadOnlyObjectWrapper<>(this, "selectedSocket");
    private final ReadOnlyObjectWrapper<CallRecord> selectedCall = new ReadOnlyObjectWrapper<>(this, "selectedCall");
    private final ReadOnlyObjectWrapper<Outcome> outcome = new ReadOnlyObjectWrapper<>(this, "outcome");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
    private final ReadOnlyObjectWrapper<LessonSession> lesson = new ReadOnlyObjectWrapper<>(this, "lesson");
    private final ReadOnlyIntegerWrapper lessonChanges = new ReadOnlyIntegerWrapper(this, "lessonChanges");
    private final ReadOnlyLongWrapper transcriptChanges = new ReadOnlyLongWrapper(this, "transcriptChanges");
    private final FrameClock clock = new FrameClock();
    private final ReadOnlyIntegerWrapper fontSize = new ReadOnlyIntegerWrapper(this, "fontSize", Projector.DEFAULT_SIZE);
    private final Drafts drafts = new Drafts();
    private final UserOutcomes userOutcomes = new UserOutcomes();
    private final AtomicReference<String> userNotice = new AtomicReference<>();
    private final ShowMe showMe = new ShowMe(this);
    private final ReadyProbe ready;
    private final AnimationTimer pulse;
    private boolean closed;

    public Session(SocketEngine engine) {
        this(engine, DEFAULT_LOG_ROWS);
    }

    public Session(SocketEngine engine, int maxLogRows) {
        this.engine = engine;
        this.feed = new RecordFeed(engine::effectHorizon);
        this.console = new PyConsole(engine);
        this.prompt = new PythonPrompt(engine, console, userOutcomes::reported);   // its calls are the user's calls
        this.rows = new SocketRows(console);
        this.ready = new ReadyProbe(engine);
        this.log = new SessionLog(maxLogRows, SessionLog.DEFAULT_BYTES, rows.names());
        this.peers = new Peers(engine);   // before the receive loops: auto-reply leaves its echo servers unanswered
        this.receiver = new ContinuousReceiver(engine, peers, rows.names(), this::notice);
        this.transcript = new PythonTranscript(TRANSCRIPT_CALLS, id -> engine.socket(id).map(SocketInfo::local).orElse(null),
                rows.names());
        this.intake = new RecordIntake(transcript, log, peers, receiver);
        engine.addListener(feed);
        pulse = new AnimationTimer() {
            @Override
            public void handle(long now) {
                onPulse(now);
            }
        };
    }

    /** Starts taking records, once per frame. */
    public void start() {
        pulse.start();
    }

    // ---------------------------------------------------------------- what the views observe

    public SocketEngine engine() {
        return engine;
    }

    public PythonTranscript transcript() {
        return transcript;
    }

    public Peers peers() {
        return peers;
    }

    public PythonPrompt pythonPrompt() {
        return prompt;
    }

    public ShowMe showMe() {
        return showMe;
    }

    /** The socket table's rows, one per socket the engine has made, in order. */
    public ObservableList<SocketRow> sockets() {
        return rows.shown();
    }

    /** The names sockets are shown by: a lesson's name, else the engine's id. */
    public SocketNames names() {
        return rows.names();
    }

    /** Counts the times a socket was given a name: the views that show sockets by name show them again. */
    public ReadOnlyIntegerProperty nameChangesProperty() {
        return rows.nameChangesProperty();
    }

    public SessionLog log() {
        return log;
    }

    public ReadOnlyObjectProperty<SocketRow> selectedSocketProperty() {
        return selectedSocket.getReadOnlyProperty();
    }

    public SocketRow selectedSocket() {
        return selectedSocket.get();
    }

    /** The call whose log row (or line of Python) the user selected. */
    public ReadOnlyObjectProperty<CallRecord> selectedCallProperty() {
        return selectedCall.getReadOnlyProperty();
    }

    /** The outcome of the user's last call, or why no call was made. */
    public ReadOnlyObjectProperty<Outcome> outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    /** A message from background work (a saved file, a started peer) for the status bar. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<LessonSession> lessonProperty() {
        return lesson.getReadOnlyProperty();
    }

    /** Counts the lesson's changes (a step ticked, moved, shown): the lesson view shows the step again. */
    public ReadOnlyIntegerProperty lessonChangesProperty() {
        return lessonChanges.getReadOnlyProperty();
    }

    /** Counts the batches that added to the Python transcript. */
    public ReadOnlyLongProperty transcriptChangesProperty() {
        return transcriptChanges.getReadOnlyProperty();
    }

    /** The frame time of the latest refresh: after every batch of records, and four times a second ({@link FrameClock}). */
    public ReadOnlyLongProperty refreshedProperty() {
        return clock.refreshedProperty();
    }

    /** The frame time of the latest of four refreshes a second, for the views of rates, counters and times. */
    public ReadOnlyLongProperty ticksProperty() {
        return clock.ticksProperty();
    }

    /** The window's text size in px, for the projector. */
    public ReadOnlyIntegerProperty fontSizeProperty() {
        return fontSize.getReadOnlyProperty();
    }

    /** What the calls pane's address and data fields hold. */
    public Drafts drafts() {
        return drafts;
    }

    /** The calls waiting now, oldest first. */
    public List<CallRecord> waitingCalls() {
        return intake.waitingCalls();
    }

    public long recordsSeen() {
        return intake.recordsSeen();
    }

    public long datagramsSeen() {
        return intake.datagramsSeen();
    }

    public boolean isReceiving(String socketId) {
        return receiver.isRunning(socketId);
    }

    public AutoReply autoReply(String socketId) {
        return receiver.autoReply(socketId);
    }

    /** The last call made on the socket, not counting its receive loop or a built-in peer's calls; null if none. */
    public CallRecord lastCallOn(String socketId) {
        return intake.lastCallOn(socketId);
    }

    /** Whether a built-in peer owns the socket (its waits are its own business). */
    public boolean isPeer(String socketId) {
        return peers.owns(socketId);
    }

    // ---------------------------------------------------------------- what the views do

    /** Starts a call on the engine's threads; its outcome comes back at the next pulse, its record to the future. */
    public CompletableFuture<CallRecord> perform(String target, String call, List<PyValue> args) {
        userOutcomes.called(target, call);
        return engine.submit(target, call, args).whenComplete((record, failure) -> userOutcomes.reported(record));
    }

    /** Input that cannot become a call: the calls pane says why. */
    public void refuse(String what, String why) {
        refuse(what, why, null);
    }

    /** As {@link #refuse(String, String)}, and the calls pane puts the cursor in the field to fix (its fx:id). */
    public void refuse(String what, String why, String field) {
        outcome.set(Outcome.refused(what, why, field));
    }

    public void select(SocketRow row) {
        selectedSocket.set(row);
    }

    public void selectSocket(String id) {
        SocketRow row = rows.get(id);
        if (row != null) {
            selectedSocket.set(row);
        }
    }

    public void selectCall(CallRecord call) {
        selectedCall.set(call);
    }

    /** Receives continuously on a socket; with a reply prefix, a UDP socket answers its senders ({@link AutoReply}). */
    public void startReceiving(String socketId, boolean stream, long bufsize, byte[] replyPrefix) {
        receiver.start(socketId, stream, bufsize, replyPrefix);
    }

    public void stopReceiving(String socketId) {
        receiver.stop(socketId);
    }

    /** Ends the waiting calls of a socket (or every waiting call, for null), as Ctrl+C would. */
    public void abandonWaiting(String socketId) {
        for (CallRecord r : engine.waitingCalls()) {
            // a select() waits on no one socket: Esc or Abandon ends it whichever socket is selected
            if (socketId == null || socketId.equals(r.socketId()) || r.socketId() == null) {
                if (receiver.isRunning(r.socketId()) && r.call().startsWith("recv")) {
                    receiver.stop(r.socketId());
                }
                engine.abandon(r.seq());
            }
        }
    }

    /** Closes a socket, and its receive loop first. */
    public void close(String socketId) {
        receiver.stop(socketId);
        perform(socketId, "close", List.of());
    }

    public void startLesson(Lesson chosen) {
        lesson.set(chosen == null ? null : new LessonSession(chosen, engine, console, peers));
    }

    /** Tells the lesson view that the lesson moved (next, previous, show me). */
    public void lessonChanged() {
        lessonChanges.set(lessonChanges.get() + 1);
    }

    public void setFontSize(int px) {
        fontSize.set(px);
    }

    /** A message for the status bar; from any thread. */
    public void notice(String message) {
        userNotice.set(message);
    }

    /**
     * Closes every socket and stops every thread the session started. The engine goes first: closing the sockets
     * ends every waiting call at once, so the receive loops and peers then stop by themselves rather than wait
     * out their executors' grace period with their ports still open.
     */
    @Override
    public void close() {
        if (closed) {
            return;   // the window's onHidden and the application's stop() both close it
        }
        closed = true;
        pulse.stop();
        showMe.stop();
        engine.shutdown();   // closes every socket now; its threads end without the JavaFX thread waiting
        receiver.close();
        peers.close();
    }

    // ---------------------------------------------------------------- what comes back

    /** Once per frame: take every record that arrived, then bring the rows and counters up to date. */
    void onPulse(long now) {
        CallRecord done = userOutcomes.take();
        // A call the user made shows in the same frame as its outcome: its row, its line, the table. Otherwise a
        // flood's batch is taken a slice a frame, and the next one waits until it is.
        boolean userCall = done != null;
        List<CallRecord> batch = intake.busy() && !userCall ? List.of() : feed.drain(System.nanoTime(), userCall);
        if (!batch.isEmpty()) {
            intake.add(batch);
        }
        // The views of calls refresh when a batch has been taken whole (the log moves then), not after each of its
        // slices: under a flood the window repaints ten times a second, not every frame.
        boolean batchTaken = false;
        if (intake.busy()) {
            feed.taking();
            RecordIntake.Taken taken = intake.step(lesson.get(), userCall ? Long.MAX_VALUE : SLICE_NANOS);
            absorb(taken);
            batchTaken = !intake.busy();
        }
        rows.applyNames(log);
        String message = userNotice.getAndSet(null);
        if (message != null) {
            notice.set(message);
        }
        if (done != null) {
            showOutcome(done);
        }
        boolean tick = clock.tickDue(now);
        if (batchTaken || userCall || tick) {
            refreshSockets();
            if (tick) {
                ready.apply(rows);
                ready.tick();
            }
            clock.refresh(now, tick);
        }
    }

    private void absorb(RecordIntake.Taken taken) {
        // The outcome box shows one call: of a burst of waits (200 accept() presses), the newest, once.
        CallRecord shown = userOutcomes.newestWaitOf(taken.pending());
        if (shown != null) {
            showOutcome(shown);
        }
        if (taken.finished()) {
            transcriptChanges.set(transcriptChanges.get() + 1);
        }
        if (taken.lessonMoved()) {
            lessonChanged();
        }
    }

    private void showOutcome(CallRecord r) {
        outcome.set(Outcome.of(r, rows.names()));
        userOutcomes.shown(r);
    }

    private void refreshSockets() {
        rows.refresh(engine.sockets());
        SocketRow made = userOutcomes.madeSocketIn(rows);
        if (made != null) {
            selectedSocket.set(made);
        }
    }

    /** Runs work off the JavaFX thread and reports how it went in the status bar. */
    public void inBackground(java.util.function.Supplier<String> work, String failed) {
        CompletableFuture.supplyAsync(work).whenComplete((message, failure) ->
                notice(failure == null ? message : failed + failure.getMessage()));
    }
}
