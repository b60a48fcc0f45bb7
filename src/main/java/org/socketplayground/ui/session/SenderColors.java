package org.socketplayground.ui.session;

import java.util.HashMap;
import java.util.Map;

/**
 * Gives each sender (host, port) its own colour, in order of first appearance, so a class sees at a glance who
 * sent what. The palette is Okabe and Ito's, chosen to stay apart for colour-blind eyes; the style classes
 * {@code sender-0} .. {@code sender-7} set the colours in both themes.
 */
public final class SenderColors {
    public static final int PALETTE_SIZE = 8;
    private final Map<String, Integer> assigned = new HashMap<>();
    private final Map<String, String> byPort = new HashMap<>();
    private int next;

    /**
     * The colour of the endpoint host:port. A socket bound to every interface (0.0.0.0 or ::) sends what its
     * receiver sees as coming from a real address, so a wildcard host shares the colour of its port.
     */
    public int indexOf(String host, String port) {
        boolean wildcard = host.equals("0.0.0.0") || host.equals("::");
        String key = wildcard ? "*:" + port : host + ":" + port;
        Integer known = assigned.get(key);
        if (known == null) {
            known = assigned.get(wildcard ? byPort.getOrDefault(port, "") : "*:" + port);
        }
        if (known == null) {
            known = next++ % PALETTE_SIZE;
        }
        assigned.put(key, known);
        byPort.putIfAbsent(port, key);
        return known;
    }

    public static String styleClass(int index) {
        return "sender-" + index;
    }
}
