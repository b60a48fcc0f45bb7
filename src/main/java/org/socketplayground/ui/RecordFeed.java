package org.socketplayground.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.engine.RecordListener;

/**
 * Collects records from the engine's threads so that the window can take them in one batch per pulse: no
 * Platform.runLater per datagram, and the engine never waits for the user interface.
 */
final class RecordFeed implements RecordListener {
    private final ConcurrentLinkedQueue<CallRecord> queue = new ConcurrentLinkedQueue<>();

    @Override
    public void onRecord(CallRecord record) {
        queue.add(record);
    }

    /** Everything that arrived since the last call, oldest first. */
    List<CallRecord> drain() {
        List<CallRecord> batch = new ArrayList<>();
        CallRecord r;
        while ((r = queue.poll()) != null) {
            batch.add(r);
        }
        return batch;
    }
}
