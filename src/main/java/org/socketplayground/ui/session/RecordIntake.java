package org.socketplayground.ui.session;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.lessons.LessonSession;
import org.socketplayground.peers.Peers;
import org.socketplayground.transcript.PythonTranscript;

/**
 * Takes each batch of records, in the order of their effects, into what the views project: the calls that wait,
 * the last call on each socket, the counters, the Python transcript, the log, the lesson's checks; a flood's batch a
 * slice a frame ({@link #step}). The JavaFX thread only.
 */
final class RecordIntake {
    /** What a batch changed, for the session to tell its views. */
    record Taken(List<CallRecord> pending, boolean finished, boolean lessonMoved) {
    }

    private final PythonTranscript transcript;
    private final SessionLog log;
    private final Peers peers;
    private final ContinuousReceiver receiver;
    private final Map<Long, CallRecord> waiting = new LinkedHashMap<>();
    /** The last call on each socket that a person made (buttons, Show me, the prompt), not its loops and peers. */
    private final Map<String, CallRecord> lastCallOn = new HashMap<>();
    /** The batches being taken, and the place of the next record to take. */
    private final List<CallRecord> carried = new ArrayList<>();
    private int next;
    /** The finished calls taken from the batches so far, for the log once the last is taken. */
    private List<CallRecord> done = new ArrayList<>();
    private long recordsSeen;
    private long datagramsSeen;

    RecordIntake(PythonTranscript transcript, SessionLog log, Peers peers, ContinuousReceiver receiver) {
        this.transcript = transcript;
        this.log = log;
        this.peers = peers;
        this.receiver = receiver;
    }

    /** Queues a batch behind what is still being taken. */
    void add(List<CallRecord> batch) {
        if (next == carried.size()) {
            carried.clear();
            next = 0;
        }
        carried.addAll(batch);
        transcript.expect(carried.subList(next, carried.size()));
    }

    /** Whether part of a batch is still to be taken. */
    boolean busy() {
        return next < carried.size();
    }

    /**
     * Takes queued records for about budgetNanos (at least 256 of them), in order: a flood's batch of tens of
     * thousands is taken over a few frames, so that no frame waits for all of it. The log takes the batch's
     * finished calls at once, when its last record has been taken: it moves once a batch, as before.
     */
    Taken step(LessonSession lesson, long budgetNanos) {
        List<CallRecord> pending = new ArrayList<>(0);
        boolean lessonMoved = false;
        boolean finished = false;
        long start = System.nanoTime();
        int taken = 0;
        while (next < carried.size() && (taken % 256 != 0 || taken == 0 || System.nanoTime() - start < budgetNanos)) {
            CallRecord r = carried.get(next++);
            taken++;
            if (r.isPending()) {
                waiting.put(r.seq(), r);
                pending.add(r);
                continue;
            }
            if (r.blocked() && !waiting.isEmpty()) {   // only a call that waited was announced as pending
                waiting.remove(r.seq());
            }
            done.add(r);
            finished = true;
            String id = r.socketId();
            // the outcome box keeps the user's last call: a receive loop's datagrams and the lab's notes are the log's
            boolean note = r.isLabDrop() || r.isLabChange();
            if (id != null && !peers.owns(id) && !note && !(receiver.isRunning(id) && r.call().startsWith("recv"))) {
                lastCallOn.put(id, r);
            }
            transcript.add(r);
            lessonMoved |= lesson != null && lesson.observe(r);
            recordsSeen++;
            if (r.receivedData() != null && r.call().equals("recvfrom")) {
                datagramsSeen++;
            }
        }
        if (next == carried.size()) {
            carried.clear();
            next = 0;
            if (!done.isEmpty()) {
                log.take(done);
                done = new ArrayList<>();
            }
        }
        return new Taken(pending, finished, lessonMoved);
    }

    List<CallRecord> waitingCalls() {
        return Collections.unmodifiableList(new ArrayList<>(waiting.values()));
    }

    CallRecord lastCallOn(String socketId) {
        return lastCallOn.get(socketId);
    }

    long recordsSeen() {
        return recordsSeen;
    }

    long datagramsSeen() {
        return datagramsSeen;
    }
}
