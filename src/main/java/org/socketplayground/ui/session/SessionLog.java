package org.socketplayground.ui.session;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.socketplayground.engine.CallRecord;

/**
 * The live log's rows: the newest finished calls, the ones held back while the log is paused, and the filter.
 * What it keeps has two limits: a number of rows, and one budget in bytes that the rows and the paused calls share
 * (a row costs its data and a fixed part, {@link LogRow#cost}), so that a peer sending megabytes per datagram
 * cannot fill the heap. The oldest calls go first; the counters elsewhere stay exact. Used on the JavaFX thread only.
 */
public final class SessionLog {
    /** The byte budget of the log and its paused calls together (system property playground.logBytes). */
    public static final long DEFAULT_BYTES = Long.getLong("playground.logBytes", 64_000_000L);

    private final int maxRows;
    private final long maxBytes;
    private final SenderColors colours = new SenderColors();
    private final ObservableList<LogRow> rows = FXCollections.observableArrayList();
    private final FilteredList<LogRow> visible = new FilteredList<>(rows);
    private final BooleanProperty paused = new SimpleBooleanProperty(this, "paused");
    /** Calls that finished while the log was paused, newest last; no more than the log itself keeps. */
    private final ArrayDeque<CallRecord> held = new ArrayDeque<>();
    /** How many calls finished while the log was paused, those beyond what it keeps too. */
    private final ReadOnlyLongWrapper arrivedWhilePaused = new ReadOnlyLongWrapper(this, "arrivedWhilePaused");
    /** How many calls left the log early to keep it within its bytes (rather than its rows). */
    private final ReadOnlyLongWrapper trimmedForBytes = new ReadOnlyLongWrapper(this, "trimmedForBytes");
    private long rowBytes;
    private long heldBytes;

    SessionLog(int maxRows, long maxBytes) {
        this.maxRows = maxRows;
        this.maxBytes = maxBytes;
        paused.addListener((o, was, now) -> {
            if (!now) {
                List<CallRecord> resumed = new ArrayList<>(held);
                held.clear();
                heldBytes = 0;
                arrivedWhilePaused.set(0);
                append(resumed);
            }
        });
    }

    /** The rows the log shows, oldest first, after its filter. */
    public ObservableList<LogRow> visible() {
        return visible;
    }

    /** How many rows the log keeps at the most. */
    public int maxRows() {
        return maxRows;
    }

    /** How many bytes the log and its paused calls keep at the most. */
    public long maxBytes() {
        return maxBytes;
    }

    /** While paused the log adds no rows; the calls that finish meanwhile come in order on resuming. */
    public BooleanProperty pausedProperty() {
        return paused;
    }

    public ReadOnlyLongProperty arrivedWhilePausedProperty() {
        return arrivedWhilePaused.getReadOnlyProperty();
    }

    /** Calls that left the log before their turn, because the byte budget was full: the window says so. */
    public ReadOnlyLongProperty trimmedForBytesProperty() {
        return trimmedForBytes.getReadOnlyProperty();
    }

    /** Shows only the rows that mention the text (socket, sender host:port, call or data), or only data calls. */
    public void filter(String needle, boolean dataOnly) {
        String n = needle == null ? "" : needle.strip();
        visible.setPredicate(row -> (!dataOnly || row.hasData()) && (n.isEmpty() || row.matches(n)));
    }

    /** Empties the log; the counters keep counting. */
    public void clear() {
        rows.clear();
        rowBytes = 0;
        held.clear();
        heldBytes = 0;
        arrivedWhilePaused.set(0);
    }

    void take(List<CallRecord> done) {
        if (!paused.get()) {
            append(done);
            return;
        }
        arrivedWhilePaused.set(arrivedWhilePaused.get() + done.size());
        for (CallRecord r : newest(done)) {
            held.addLast(r);
            heldBytes += LogRow.cost(r);
        }
        // The newest calls come first: the oldest held calls go beyond the budget, and the oldest rows make room, so
        // that resuming shows the newest calls without a gap (with small calls, the rows on screen stay).
        while (held.size() > maxRows || held.size() > 1 && heldBytes > maxBytes) {
            heldBytes -= LogRow.cost(held.pollFirst());
        }
        makeRoom(0, 0);
    }

    private void append(List<CallRecord> done) {
        List<CallRecord> kept = newest(done);
        List<LogRow> fresh = new ArrayList<>(kept.size());
        long freshBytes = 0;
        for (CallRecord r : kept) {
            LogRow row = new LogRow(r, colours);
            fresh.add(row);
            freshBytes += row.bytes();
        }
        makeRoom(fresh.size(), freshBytes);
        rows.addAll(fresh);
        rowBytes += freshBytes;
    }

    /**
     * The newest calls of a batch that the log can keep at all: no more rows than it keeps, no more bytes than its
     * budget (but always the newest call, however large: the log shows the prefix of its data).
     */
    private List<CallRecord> newest(List<CallRecord> done) {
        long bytes = 0;
        int from = done.size();
        while (from > 0 && done.size() - from < maxRows) {
            long cost = LogRow.cost(done.get(from - 1));
            if (from < done.size() && bytes + cost > maxBytes) {
                trimmedForBytes.set(trimmedForBytes.get() + from);
                break;
            }
            bytes += cost;
            from--;
        }
        return done.subList(from, done.size());
    }

    /** Removes the oldest rows until this many more rows and bytes fit, the held calls' bytes counted too. */
    private void makeRoom(int moreRows, long moreBytes) {
        int drop = 0;
        long dropped = 0;
        while (drop < rows.size()) {
            boolean tooMany = rows.size() - drop + moreRows > maxRows;
            boolean tooBig = rowBytes - dropped + moreBytes + heldBytes > maxBytes;
            if (!tooMany && !tooBig) {
                break;
            }
            if (!tooMany) {
                trimmedForBytes.set(trimmedForBytes.get() + 1);
            }
            dropped += rows.get(drop).bytes();
            drop++;
        }
        if (drop > 0) {
            rows.remove(0, drop);
            rowBytes -= dropped;
        }
    }
}
