package org.socketplayground.engine;

/**
 * Receives every call record: once as {@link CallRecord.Status#PENDING} when a call starts to wait, and once
 * when it is done. Called on the thread that made the call, so implementations must be quick and thread-safe;
 * a user interface queues the records and shows them in batches.
 */
@FunctionalInterface
public interface RecordListener {
    void onRecord(CallRecord record);
}
