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
 * The live log's rows: the finished calls the log keeps (the newest {@code maxRows}), the ones held back while it
 * is paused, and the filter. Used on the JavaFX thread only.
 */
public final class SessionLog {
    private final int maxRows;
    private final SenderColors colours = new SenderColors();
    private final ObservableList<LogRow> rows = FXCollections.observableArrayList();
    private final FilteredList<LogRow> visible = new FilteredList<>(rows);
    private final BooleanProperty paused = new SimpleBooleanProperty(this, "paused");
    /** Calls that finished while the log was paused, newest last; no more than the log itself keeps. */
    private final ArrayDeque<CallRecord> held = new ArrayDeque<>();
    /** How many calls finished while the log was paused, those beyond what it keeps too. */
    private final ReadOnlyLongWrapper arrivedWhilePaused = new ReadOnlyLongWrapper(this, "arrivedWhilePaused");

    SessionLog(int maxRows) {
        this.maxRows = maxRows;
        paused.addListener((o, was, now) -> {
            if (!now) {
                append(new ArrayList<>(held));
                held.clear();
                arrivedWhilePaused.set(0);
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

    /** While paused the log adds no rows; the calls that finish meanwhile come in order on resuming. */
    public BooleanProperty pausedProperty() {
        return paused;
    }

    public ReadOnlyLongProperty arrivedWhilePausedProperty() {
        return arrivedWhilePaused.getReadOnlyProperty();
    }

    /** Shows only the rows that mention the text (socket, sender host:port, call or data), or only data calls. */
    public void filter(String needle, boolean dataOnly) {
        String n = needle == null ? "" : needle.strip();
        visible.setPredicate(row -> (!dataOnly || row.hasData()) && (n.isEmpty() || row.matches(n)));
    }

    /** Empties the log; the counters keep counting. */
    public void clear() {
        rows.clear();
        held.clear();
        arrivedWhilePaused.set(0);
    }

    void take(List<CallRecord> done) {
        if (!paused.get()) {
            append(done);
            return;
        }
        arrivedWhilePaused.set(arrivedWhilePaused.get() + done.size());
        // Only the newest can ever show: keep no more than the log would.
        int keep = Math.min(done.size(), maxRows);
        for (int drop = held.size() + keep - maxRows; drop > 0; drop--) {
            held.pollFirst();
        }
        held.addAll(done.subList(done.size() - keep, done.size()));
    }

    private void append(List<CallRecord> done) {
        // Only the newest rows can stay in the log: skip building the rest.
        int from = Math.max(0, done.size() - maxRows);
        List<LogRow> fresh = new ArrayList<>(done.size() - from);
        for (int i = from; i < done.size(); i++) {
            fresh.add(new LogRow(done.get(i), colours));
        }
        int overflow = rows.size() + fresh.size() - maxRows;
        if (overflow > 0) {
            rows.remove(0, Math.min(overflow, rows.size()));
        }
        rows.addAll(fresh);
    }
}
