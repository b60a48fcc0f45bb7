package org.socketplayground.ui.session;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.socketplayground.engine.PyConsole;
import org.socketplayground.engine.SocketInfo;
import org.socketplayground.transcript.SocketNames;

/**
 * The socket table's rows, one per socket the engine has made, in order, and the names sockets are shown by. A name
 * is learned whenever the console binds one to a socket (a lesson's {@code As:}, a Show me line such as
 * {@code receiver = socket.socket(...)}, a peer started {@code as server}), on whatever thread ran the line, and
 * applied at the next frame, so that the table, the log and the Python pane change together.
 */
final class SocketRows {
    private final Map<String, SocketRow> rows = new LinkedHashMap<>();
    private final ObservableList<SocketRow> sockets = FXCollections.observableArrayList();
    private final ObservableList<SocketRow> shown = FXCollections.unmodifiableObservableList(sockets);
    private final SocketNames names = new SocketNames();
    /** Names bound since the last frame: {name, socket id}. */
    private final ConcurrentLinkedQueue<String[]> learned = new ConcurrentLinkedQueue<>();
    private final ReadOnlyIntegerWrapper nameChanges = new ReadOnlyIntegerWrapper(this, "nameChanges");

    SocketRows(PyConsole console) {
        console.onSocketNamed((name, id) -> learned.add(new String[] {name, id}));
    }

    ObservableList<SocketRow> shown() {
        return shown;
    }

    SocketNames names() {
        return names;
    }

    ReadOnlyIntegerProperty nameChangesProperty() {
        return nameChanges.getReadOnlyProperty();
    }

    SocketRow get(String id) {
        return id == null ? null : rows.get(id);
    }

    /** Adds a row for each new socket, brings the others up to date, and drops those the engine forgot. */
    void refresh(Iterable<SocketInfo> infos) {
        Set<String> listed = new HashSet<>();
        List<SocketRow> fresh = new ArrayList<>(0);
        for (SocketInfo info : infos) {
            listed.add(info.id());
            SocketRow row = rows.get(info.id());
            if (row == null) {
                row = new SocketRow(info, names.of(info.id()));
                rows.put(info.id(), row);
                fresh.add(row);
            } else {
                row.update(info);
            }
        }
        if (!fresh.isEmpty()) {
            sockets.addAll(fresh);   // one change for the table however many came (200 clients accepted at once)
        }
        if (listed.size() < rows.size()) {
            rows.keySet().retainAll(listed);
            sockets.removeIf(row -> !listed.contains(row.id()));
        }
    }

    /** What select() would answer now, by socket id ({@link ReadyProbe}); a socket not in the answer is not ready. */
    void showReady(java.util.Map<String, String> ready) {
        for (SocketRow row : sockets) {
            row.showReady(ready.getOrDefault(row.id(), ""));
        }
    }

    /**
     * Applies the names learned since the last frame: the rows show them, the log filters by them, and the name
     * changes count once, for the views that show sockets in their text.
     */
    void applyNames(SessionLog log) {
        boolean changed = false;
        for (String[] named = learned.poll(); named != null; named = learned.poll()) {
            changed |= names.name(named[1], named[0]);
        }
        if (changed) {
            for (SocketRow row : rows.values()) {
                row.rename(names.of(row.id()));
            }
            log.refilter();
            nameChanges.set(nameChanges.get() + 1);
        }
    }
}
