package org.socketplayground.ui.diagram;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the lanes stand: a column of times on the left, then one lane per endpoint, all of one width.
 *
 * @param lanes     the lanes shown, left to right
 * @param timeWidth the width of the times' column
 * @param laneWidth the width of each lane
 * @param rowHeight the height of an arrow's row
 */
record LaneLayout(List<Lane> lanes, double timeWidth, double laneWidth, double rowHeight, Map<String, Integer> index) {

    LaneLayout(List<Lane> lanes, double timeWidth, double laneWidth, double rowHeight) {
        this(List.copyOf(lanes), timeWidth, laneWidth, rowHeight, indexOf(lanes));
    }

    private static Map<String, Integer> indexOf(List<Lane> lanes) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < lanes.size(); i++) {
            index.put(lanes.get(i).key(), i);
        }
        return index;
    }

    /** The middle of a lane, or -1 for a lane not shown. */
    double x(String key) {
        Integer i = index.get(key);
        return i == null ? -1 : timeWidth + (i + 0.5) * laneWidth;
    }

    /** The sender colour of a lane's heading, or -1. */
    int colour(String key) {
        Integer i = index.get(key);
        return i == null ? -1 : lanes.get(i).colour();
    }

    double width() {
        return timeWidth + lanes.size() * laneWidth;
    }
}
