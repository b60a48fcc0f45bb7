package org.socketplayground.ui;

import java.util.HashMap;
import java.util.Map;

/**
 * Gives each sender (host, port) its own colour, in order of first appearance, so a class sees at a glance who
 * sent what. The palette is Okabe and Ito's, chosen to stay apart for colour-blind eyes; the style classes
 * {@code sender-0} .. {@code sender-7} set the colours in both themes.
 */
final class SenderColors {
    static final int PALETTE_SIZE = 8;
    private final Map<String, Integer> assigned = new HashMap<>();

    int indexOf(String hostAndPort) {
        return assigned.computeIfAbsent(hostAndPort, k -> assigned.size() % PALETTE_SIZE);
    }

    static String styleClass(int index) {
        return "sender-" + index;
    }
}
