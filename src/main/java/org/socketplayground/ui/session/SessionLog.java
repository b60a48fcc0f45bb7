package org.socketplayground.ui.session;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.transcript.SocketNames;

/**
 * The live log's rows: the newest finished calls, the ones held back while the log is paused, and the filter.
 * What it keeps has two limits: a number of rows, and a budget in bytes (a row costs its data and a fixed part,
 * {@link LogRow#cost}), so that a peer sending megabytes per datagram cannot fill the heap. The oldest calls go
 * first; the counters elsewhere stay exact. While the log is paused, the rows on screen stay for the reader, and what
 * arrives meanwhile is held within the same limits again, the newest kept, so that resuming shows the newest calls
 * without a gap. Used on the JavaFX thread only.
 *
 * <p>This is the one place that keeps whole data for long, so its budget is the window's: the Python pane keeps only
 * the first 64 bytes of data longer than 256 bytes, within 200,000 characters of lines ({@code PythonTranscript}); the
 * details show the selected call, a record the log shares, and dump no more than its first 64 KiB ({@link LogRow#detail}).
 */
public final class SessionLog {
    /** The byte budget of the log's rows, and again of the calls held while it is paused (playground.logBytes). */
    public static final long DEFAULT_BYTES = Long.getLong("playground.logBytes", 64_000_000L);

    private final int maxRows;
    private final long maxBytes;
    private final SenderColors colours = new SenderColors();
    private final SocketNames names;
    private final ObservableList<LogRow> rows = new ObservableRows<>();
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
    private String filterText = "";
    private boolean filterDataOnly;

    SessionLog(int maxRows, long maxBytes) {
        this(maxRows, maxBytes, new SocketNames());
    }

    /** A log whose Socket column shows sockets by the names given to them. */
    SessionLog(int maxRows, long maxBytes, SocketNames names) {
        this.maxRows = maxRows;
        this.maxBytes = maxBytes;
        this.names = names;
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

    /** How many bytes the log's rows keep at the most (and the calls held while paused, again). */
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

    /** The call of a row the log keeps (filtered out or not), or null; the newest rows are looked at first. */
    public CallRecord call(long seq) {
        for (int i = rows.size() - 1; i >= 0; i--) {
            if (rows.get(i).record().seq() == seq) {
                return rows.get(i).record();
            }
        }
        return null;
    }

    /** Shows only the rows that mention the text (socket, sender host:port, call or data), or only data calls. */
    public void filter(String needle, boolean dataOnly) {
        String n = needle == null ? "" : needle.strip();
        filterText = n;
        filterDataOnly = dataOnly;
        visible.setPredicate(row -> (!dataOnly || row.hasData()) && (n.isEmpty() || row.matches(n)));
    }

    /** Filters again, the same way: a socket was named, and a filter by its name now finds its rows. */
    void refilter() {
        if (!filterText.isEmpty()) {
            filter(filterText, filterDataOnly);
        }
    }

    /** Empties the log; the counters keep counting. */
    public void clear() {
        rows.clear();
        colours.releaseAll();
        rowBytes = 0;
        held.clear();
        heldBytes = 0;
        arrivedWhilePaused.set(0);
        trimmedForBytes.set(0);
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
        while (held.size() > maxRows || held.size() > 1 && heldBytes > maxBytes) {
            if (held.size() <= maxRows) {
                trimmedForBytes.set(trimmedForBytes.get() + 1);
            }
            heldBytes -= LogRow.cost(held.pollFirst());
        }
    }

    private void append(List<CallRecord> done) {
        List<CallRecord> kept = newest(done);
        long freshBytes = 0;
        for (CallRecord r : kept) {
            freshBytes += LogRow.cost(r);
        }
        int leaving = letOldestGo(kept.size(), freshBytes);   // first, so that the senders of the rows that leave free their colours
        List<LogRow> fresh = new ArrayList<>(kept.size());
        for (CallRecord r : kept) {
            fresh.add(new LogRow(r, colours, names));
        }
        // The new rows come before the old ones leave: a batch that fills the log on its own (a flood at 100,000/s)
        // would otherwise empty it for a moment, and a table emptied builds every row of its page anew.
        int before = rows.size();
        rows.addAll(fresh);
        if (leaving > 1 && leaving == before) {
            // Every old row leaves (a flood at 100,000/s): in one change that would be a removal as large as the table,
            // which TableView takes for a clear (RT-22463) and answers by building every row of its page anew; the
            // rows' restyling then costs the next frame a repaint of the whole window. Two changes say the same.
            rows.remove(0, leaving - 1);
            rows.remove(0, 1);
        } else {
            rows.remove(0, leaving);
        }
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
                // Of the calls left out, those beyond the row limit would have gone for their number anyway.
                trimmedForBytes.set(trimmedForBytes.get() + from - Math.max(0, done.size() - maxRows));
                break;
            }
            bytes += cost;
            from--;
        }
        return done.subList(from, done.size());
    }

    private void releaseColour(LogRow row) {
        if (row.colour() >= 0) {
            colours.release(row.sourceHost(), row.sourcePort());
        }
    }

    /**
     * Counts the oldest rows that must leave for this many more rows and bytes to fit, and frees their senders' colours
     * and bytes; the caller removes them.
     */
    private int letOldestGo(int moreRows, long moreBytes) {
        int drop = 0;
        long dropped = 0;
        while (drop < rows.size()) {
            boolean tooMany = rows.size() - drop + moreRows > maxRows;
            boolean tooBig = rowBytes - dropped + moreBytes > maxBytes;
            if (!tooMany && !tooBig) {
                break;
            }
            if (!tooMany) {
                trimmedForBytes.set(trimmedForBytes.get() + 1);
            }
            dropped += rows.get(drop).bytes();
            drop++;
        }
        rows.subList(0, drop).forEach(this::releaseColour);
        rowBytes -= dropped;
        return drop;
    }
}
