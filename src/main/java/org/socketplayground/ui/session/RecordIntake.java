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
 * the last call on each socket, the counters, the Python transcript, the log, the lesson's checks. The JavaFX
 * thread only.
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
    private long recordsSeen;
    private long datagramsSeen;

    RecordIntake(PythonTranscript transcript, SessionLog log, Peers peers, ContinuousReceiver receiver) {
        this.transcript = transcript;
        this.log = log;
        this.peers = peers;
        this.receiver = receiver;
    }

    Taken take(List<CallRecord> batch, LessonSession lesson) {
        List<CallRecord> done = new ArrayList<>(batch.size());
        List<CallRecord> pending = new ArrayList<>(0);
        boolean lessonMoved = false;
        transcript.expect(batch);
        for (CallRecord r : batch) {
            if (r.isPending()) {
                waiting.put(r.seq(), r);
                pending.add(r);
                continue;
            }
            if (r.blocked() && !waiting.isEmpty()) {   // only a call that waited was announced as pending
                waiting.remove(r.seq());
            }
            done.add(r);
            String id = r.socketId();
            if (id != null && !peers.owns(id) && !(receiver.isRunning(id) && r.call().startsWith("recv"))) {
                lastCallOn.put(id, r);
            }
            transcript.add(r);
            lessonMoved |= lesson != null && lesson.observe(r);
            recordsSeen++;
            if (r.receivedData() != null && r.call().equals("recvfrom")) {
                datagramsSeen++;
            }
        }
        if (!done.isEmpty()) {
            log.take(done);
        }
        return new Taken(pending, !done.isEmpty(), lessonMoved);
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
