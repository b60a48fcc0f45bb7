package org.socketplayground.ui.diagram;

import org.socketplayground.engine.CallRecord;

/**
 * One arrow of the sequence diagram as the view draws it: a datagram, a stream's data, a connection, a shutdown or a
 * close, or a bundle of many datagrams between the same pair. Immutable: an arrow that grows is replaced.
 *
 * @param ordinal  the arrow's place in the conversation, counted from its start
 * @param from     the key of the sending lane
 * @param to       the key of the receiving lane
 * @param time     when it happened (a bundle: its first message), as the log writes times
 * @param label    what the arrow says: the calls, the length and a short preview, or the bundle's count and rate
 * @param text     the accessible text: {@code 127.0.0.1:5000 → 127.0.0.1:9999 · 11 bytes}
 * @param colour   the sender's colour, or -1
 * @param dropped  whether the lab dropped it: the arrow ends in a cross
 * @param bundle   whether it folds many messages into one
 * @param seqs     the records it shows (a bundle: the first few)
 * @param firstSeq the first record it shows
 * @param lastSeq  the last record it shows
 * @param sockets  the app sockets at its ends (ids), whose records between firstSeq and lastSeq a bundle takes in
 */
public record Arrow(long ordinal, String from, String to, String time, String label, String text, int colour,
                    boolean dropped, boolean bundle, long[] seqs, long firstSeq, long lastSeq, java.util.Set<String> sockets) {

    /** Whether the arrow shows the record: one of its records, or a data record of a bundle's sockets in its span. */
    public boolean shows(CallRecord record) {
        for (long seq : seqs) {
            if (seq == record.seq()) {
                return true;
            }
        }
        return bundle && record.seq() >= firstSeq && record.seq() <= lastSeq && sockets.contains(record.socketId())
                && !record.failed() && (record.receivedData() != null || record.call().startsWith("send") || record.isLabDrop());
    }
}
