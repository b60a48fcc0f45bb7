package org.socketplayground.ui.session;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gives each sender (host, port) its own colour, so that a class sees at a glance who sent what; the host:port text
 * stays the key. No two senders in the log share a colour until more than {@link #PALETTE_SIZE} are in it: a new
 * sender takes a colour no sender in the log wears (the earliest in the palette, whose first colours differ most),
 * and only when all are worn the one its senders wore least recently. A sender whose rows all left the log frees its
 * colour, and gets it back if it returns before another sender took it.
 *
 * <p>The palette (style classes {@code sender-0} .. {@code sender-11}, with a text colour each) is twelve colours of
 * Paul Tol's colour-blind-safe schemes and Okabe and Ito's, chosen by their CIEDE2000 distances: under normal vision
 * on a washed-out projector any two differ by at least 11.7, under simulated protanopia, deuteranopia and tritanopia
 * (Machado 2009) by at least 6.1; none is near white or black. The first eight differ more (14.8 and 8.8) than Okabe
 * and Ito's eight did (14.6 and 8.1, with sky blue and blue the closest pair).
 */
public final class SenderColors {
    public static final int PALETTE_SIZE = 12;
    /** Senders remembered after they left the log, to give them their colour back; the oldest are forgotten first. */
    static final int REMEMBERED = 64;

    /** A sender: its colour and how many log rows show it (0: it left the log, remembered for its colour). */
    private static final class Sender {
        int colour;
        int rows;

        Sender(int colour) {
            this.colour = colour;
        }
    }

    /** The senders with rows in the log. */
    private final Map<String, Sender> inLog = new HashMap<>();
    /** Senders that left the log, oldest first, at most {@link #REMEMBERED}. */
    private final LinkedHashMap<String, Sender> departed = new LinkedHashMap<>();
    private final int[] rowsOfColour = new int[PALETTE_SIZE];
    private final long[] lastWorn = new long[PALETTE_SIZE];
    private long clock;
    /** The last key made, and what it was made of: a flood's rows come from one sender, thousands a batch. */
    private String keyHost;
    private String keyPort;
    private String key;

    /**
     * The colour of a new log row from the endpoint host:port; the row wears it until {@link #release} for the same
     * endpoint. A socket bound to every interface (0.0.0.0 or ::) sends what its receiver sees as coming from a real
     * address, so a wildcard host shares the colour of its port.
     */
    public int indexOf(String host, String port) {
        String key = key(host, port);
        Sender sender = inLog.get(key);
        if (sender == null) {
            sender = departed.remove(key);
            if (sender == null || rowsOfColour[sender.colour] > 0) {
                sender = new Sender(newColour(host, port));
            }
            forgetDepartedWith(sender.colour);
            inLog.put(key, sender);
        }
        sender.rows++;
        rowsOfColour[sender.colour]++;
        lastWorn[sender.colour] = ++clock;
        return sender.colour;
    }

    /** A row of this endpoint left the log; with its last row the sender frees its colour. */
    public void release(String host, String port) {
        String key = key(host, port);
        Sender sender = inLog.get(key);
        if (sender == null) {
            return;
        }
        rowsOfColour[sender.colour]--;
        if (--sender.rows == 0) {
            inLog.remove(key);
            remember(key, sender);
        }
    }

    /** The log was emptied: every sender left it, and is remembered for its colour. */
    public void releaseAll() {
        inLog.forEach(this::remember);
        inLog.values().forEach(s -> s.rows = 0);
        inLog.clear();
        java.util.Arrays.fill(rowsOfColour, 0);
    }

    /** How many senders this remembers, those in the log and those that left it. */
    int remembered() {
        return inLog.size() + departed.size();
    }

    public static String styleClass(int index) {
        return "sender-" + index;
    }

    private static boolean isWildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("::");
    }

    private String key(String host, String port) {
        if (!host.equals(keyHost) || !port.equals(keyPort)) {
            keyHost = host;
            keyPort = port;
            key = isWildcard(host) ? "*:" + port : host + ":" + port;
        }
        return key;
    }

    private int newColour(String host, String port) {
        // the wildcard and a real address on the same port are one socket: they share a colour
        for (Map.Entry<String, Sender> e : inLog.entrySet()) {
            String other = e.getKey();
            if (other.endsWith(":" + port) && (isWildcard(host) || other.equals("*:" + port))) {
                return e.getValue().colour;
            }
        }
        int best = -1;
        for (int c = 0; c < PALETTE_SIZE; c++) {
            if (rowsOfColour[c] == 0 && !claimed(c)) {
                return c;   // free and nobody's to come back to: the earliest, the palette's first colours differ most
            }
            // else: free but a departed sender's, or worn; the one worn least recently
            if (best < 0 || rank(c) < rank(best)) {
                best = c;
            }
        }
        return best;
    }

    /** Free colours come before worn ones, each in the order they were last worn. */
    private long rank(int colour) {
        return (rowsOfColour[colour] > 0 ? Long.MAX_VALUE / 2 : 0) + lastWorn[colour];
    }

    private boolean claimed(int colour) {
        return departed.values().stream().anyMatch(s -> s.colour == colour);
    }

    private void remember(String key, Sender sender) {
        departed.put(key, sender);
        if (departed.size() > REMEMBERED) {
            Iterator<String> oldest = departed.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    /** A colour given to a new sender is no longer one a departed sender may come back to. */
    private void forgetDepartedWith(int colour) {
        departed.values().removeIf(s -> s.colour == colour);
    }
}
