package org.socketplayground.ui.diagram;

import java.util.HashMap;
import java.util.Map;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The conversation's lanes in the order their endpoints first took part, each kept while an arrow uses it: a lane
 * whose arrows all left the diagram leaves too. Used on the JavaFX thread.
 */
final class Lanes {
    private final ObservableList<Lane> shown = FXCollections.observableArrayList();
    private final Map<String, Integer> uses = new HashMap<>();
    private final Map<String, Lane> byKey = new HashMap<>();

    ObservableList<Lane> list() {
        return shown;
    }

    void clear() {
        shown.clear();
        uses.clear();
        byKey.clear();
    }

    boolean has(String key) {
        return byKey.containsKey(key);
    }

    /** One more arrow uses the lane, or one fewer (1 or -1); a lane no arrow uses leaves. */
    void use(String key, int delta) {
        if (uses.merge(key, delta, Integer::sum) <= 0) {
            uses.remove(key);
            shown.remove(byKey.remove(key));
        }
    }

    /** The lane, added at the right if it is not there yet. */
    void ensure(String key, String title, String address, int colour) {
        if (!byKey.containsKey(key)) {
            Lane lane = new Lane(key, title, address, colour);
            byKey.put(key, lane);
            shown.add(lane);
        }
    }

    /** A lane wears the colour of the address's latest sender row (colours are handed out again as rows leave the log). */
    void colour(String key, int colour) {
        Lane l = byKey.get(key);
        if (colour >= 0 && l != null && l.colour() != colour) {
            Lane coloured = new Lane(l.key(), l.title(), l.address(), colour);
            byKey.put(key, coloured);
            shown.set(shown.indexOf(l), coloured);
        }
    }

    int colourOf(String key) {
        Lane l = byKey.get(key);
        return l == null ? -1 : l.colour();
    }

    /** The lane's address; for a lane that left, what its key holds. */
    String addressOf(String key) {
        Lane l = byKey.get(key);
        return l == null ? key.substring(2) : l.address();
    }
}
