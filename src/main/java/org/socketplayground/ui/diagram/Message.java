package org.socketplayground.ui.diagram;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.socketplayground.i18n.Texts;
import org.socketplayground.ui.session.Format;
import org.socketplayground.ui.session.LogRow;

/**
 * A message of the conversation between two lanes, or a bundle of them, and what the receives made of it; mutable
 * while the conversation goes on, drawn as an immutable {@link Arrow}.
 */
final class Message {
    /** Characters of data an arrow's label shows. */
    static final int PREVIEW = 20;

    enum Kind { DATA, DROP, CONNECT, ACCEPT, SHUTDOWN, CLOSE }

    final long ordinal;
    final Kind kind;
    final String from;
    final String to;
    final String fromText;
    final String toText;
    final String call;
    final boolean datagram;
    final int colour;
    final String time;
    final long firstNanos;
    final long firstSeq;
    final Set<String> sockets;
    final long[] seqs = new long[4];
    int seqCount;
    long lastNanos;
    long lastSeq;
    long count;
    long bytes;
    String preview;
    String lab;
    /** The receive that took it: its call, how many datagrams (or bytes, of a stream) were taken, how many dropped. */
    String receivedBy;
    long received;
    long dropped;
    String answeredBy;
    /** Whether it waits in its pair's queue for receives to take it. */
    boolean queued;

    Message(long ordinal, Kind kind, String from, String to, String fromText, String toText, String call, boolean datagram,
            int colour, LogRow row, long nanos) {
        this.ordinal = ordinal;
        this.kind = kind;
        this.from = from;
        this.to = to;
        this.fromText = fromText;
        this.toText = toText;
        this.call = call;
        this.datagram = datagram;
        this.colour = colour;
        this.time = row.time();
        this.firstNanos = nanos;
        this.firstSeq = row.record().seq();
        this.sockets = Stream.of(from, to).filter(k -> k.startsWith("s:")).map(k -> k.substring(2))
                .collect(Collectors.toUnmodifiableSet());
        add(row, nanos);
    }

    void add(LogRow row, long nanos) {
        count++;
        bytes += row.dataLength();
        lastNanos = nanos;
        see(row.record().seq());
        if (count == 1) {
            preview = row.hasData() ? preview(row.text()) : "";
            lab = row.record().lab();
        }
    }

    void see(long seq) {
        if (seqCount < seqs.length) {
            seqs[seqCount++] = seq;
        }
        lastSeq = Math.max(lastSeq, seq);
    }

    boolean bundle() {
        return count > 1;
    }

    /** How much of it a receive can still take: datagrams, or a stream's bytes. */
    long untaken() {
        return (datagram || kind != Kind.DATA ? count : bytes) - received - dropped;
    }

    Arrow arrow() {
        boolean allDropped = kind == Kind.DROP || dropped > 0 && dropped >= count;
        String calls = call + (receivedBy == null ? "" : " → " + receivedBy) + (answeredBy == null ? "" : " → " + answeredBy);
        String labDrop = Texts.get("diagram.message.labDrop");   // the call of a drop is CallRecord.LAB_DROP: shown in these words
        String label;
        String detail;
        if (kind == Kind.DROP) {
            label = "✕ " + labDrop + " · " + bytesText(bytes) + (bundle() ? " × " + Texts.count(count) : "");
            detail = bundle() ? Texts.get("diagram.message.datagramsTimes", Texts.count(count)) + " · " + labDrop
                    : bytesText(bytes) + " · " + labDrop;
        } else if (kind != Kind.DATA) {
            label = calls;
            detail = calls;
        } else if (bundle()) {
            double seconds = (lastNanos - firstNanos) / 1e9;
            String rate = seconds >= 0.001 ? ", " + Format.bytesPerSecond(bytes / seconds) : "";
            detail = (datagram ? Texts.get("diagram.message.datagramsTimes", Texts.count(count))
                    : Texts.get("diagram.message.callsTimes", Texts.count(count), call)) + rate;
            label = calls + " " + detail + (dropped > 0 ? " · " + Texts.get(dropped == 1 ? "diagram.message.droppedByLab.one"
                    : "diagram.message.droppedByLab.other", Texts.count(dropped)) : "");
        } else {
            detail = bytesText(bytes);
            label = calls + " · " + detail + (preview.isEmpty() ? "" : " · " + preview)
                    + (lab == null ? "" : " · " + lab) + (allDropped ? " · " + labDrop : "");
        }
        String text = fromText + " → " + toText + " · " + detail + (kind == Kind.DATA && allDropped ? " · " + labDrop : "");
        return new Arrow(ordinal, from, to, time, label, text, colour, allDropped, bundle(),
                Arrays.copyOf(seqs, seqCount), firstSeq, lastSeq, sockets);
    }

    private static String preview(String text) {
        return text.length() <= PREVIEW ? text : text.substring(0, PREVIEW - 1) + "…";
    }

    private static String bytesText(long n) {
        return Texts.get(n == 1 ? "diagram.message.bytes.one" : "diagram.message.bytes.other", Texts.count(n));
    }
}
