package org.socketplayground.ui.session;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.socketplayground.engine.py.PyValue;
import org.socketplayground.i18n.Texts;

/**
 * Auto-reply on one UDP socket, with brakes. Answering every sender means that two auto-replies (or one and the
 * built-in echo server) answer each other for ever, and that a socket every machine can reach answers spoofed
 * senders too. So it answers at most {@link #RATE} times a second after a burst of {@link #BURST} (a token bucket),
 * with at most {@link #MAX_REPLY_BYTES} bytes, and never the built-in echo servers, which would answer back. What it
 * held back is counted and said in one summary, never a row per datagram: the brakes must not flood the log either.
 * Replies are decided on the socket's receive loop; the counts are read from any thread.
 */
public final class AutoReply {
    /** Replies a second once the burst is spent: a class sees every echo of its own typing, never a flood. */
    public static final int RATE = 20;
    public static final int BURST = 20;
    /** The longest reply: prefix and data beyond it are cut, so that a growing prefix cannot amplify. */
    public static final int MAX_REPLY_BYTES = 2048;
    /** How often the status bar is told, at most. */
    private static final long REPORT_NANOS = 1_000_000_000L;

    private final byte[] prefix;
    private final Predicate<PyValue.Tuple> echoServer;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong heldForRate = new AtomicLong();
    private final AtomicLong heldForPeers = new AtomicLong();
    private final AtomicLong cut = new AtomicLong();
    private double tokens = BURST;
    private long refilledAt = System.nanoTime();
    private long reportedAt;
    private String reported = "";

    /** The prefix put before the data, and which senders are the app's own echo servers. */
    AutoReply(byte[] prefix, Predicate<PyValue.Tuple> echoServer) {
        this.prefix = prefix.clone();
        this.echoServer = echoServer;
    }

    /** The reply to send to a datagram's sender, or null when the brakes hold it back. The receive loop only. */
    byte[] answer(byte[] data, PyValue.Tuple sender, long now) {
        if (echoServer.test(sender)) {
            heldForPeers.incrementAndGet();
            return null;
        }
        tokens = Math.min(BURST, tokens + (now - refilledAt) * RATE / 1e9);
        refilledAt = now;
        if (tokens < 1) {
            heldForRate.incrementAndGet();
            return null;
        }
        tokens--;
        sent.incrementAndGet();
        long length = (long) prefix.length + data.length;
        if (length > MAX_REPLY_BYTES) {
            cut.incrementAndGet();
        }
        byte[] reply = Arrays.copyOf(prefix, (int) Math.min(length, MAX_REPLY_BYTES));
        if (reply.length > prefix.length) {
            System.arraycopy(data, 0, reply, prefix.length, reply.length - prefix.length);
        }
        return reply;
    }

    /**
     * What the brakes did since the last report, once a second at most (null when there is nothing new or it is too
     * soon); {@code force} reports what is left when the loop ends. The receive loop only.
     */
    String report(long now, boolean force) {
        String summary = summary();
        if (summary.isEmpty() || summary.equals(reported) || (!force && now - reportedAt < REPORT_NANOS)) {
            return null;
        }
        reported = summary;
        reportedAt = now;
        return summary;
    }

    /** Replies sent so far. */
    public long sent() {
        return sent.get();
    }

    /** Replies held back by the rate limit so far. */
    public long heldForRate() {
        return heldForRate.get();
    }

    /**
     * What the brakes did, in words, e.g. "held back 1,234 replies (rate limit 20/s); left 3 from built-in echo
     * servers unanswered"; empty while they did nothing.
     */
    public String summary() {
        List<String> parts = new ArrayList<>(3);
        long rate = heldForRate.get();
        long peers = heldForPeers.get();
        long shortened = cut.get();
        if (rate > 0) {
            parts.add(rate == 1 ? Texts.get("sessionRows.autoReply.heldForRate.one", Texts.count(rate), RATE)
                    : Texts.get("sessionRows.autoReply.heldForRate.other", Texts.count(rate), RATE));
        }
        if (peers > 0) {
            parts.add(peers == 1 ? Texts.get("sessionRows.autoReply.heldForPeers.one", Texts.count(peers))
                    : Texts.get("sessionRows.autoReply.heldForPeers.other", Texts.count(peers)));
        }
        if (shortened > 0) {
            parts.add(shortened == 1 ? Texts.get("sessionRows.autoReply.cut.one", Texts.count(shortened), Texts.count(MAX_REPLY_BYTES))
                    : Texts.get("sessionRows.autoReply.cut.other", Texts.count(shortened), Texts.count(MAX_REPLY_BYTES)));
        }
        return String.join("; ", parts);
    }
}
