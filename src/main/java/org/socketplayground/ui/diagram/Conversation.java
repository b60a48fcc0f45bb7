package org.socketplayground.ui.diagram;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.socketplayground.engine.Addresses;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.engine.SockType;
import org.socketplayground.engine.SocketInfo;
import org.socketplayground.engine.SocketState;
import org.socketplayground.engine.UnixAddresses;
import org.socketplayground.engine.py.PyValue;
import org.socketplayground.transcript.SocketNames;
import org.socketplayground.ui.session.Format;
import org.socketplayground.ui.session.LogRow;

/**
 * The conversation the log's rows tell, as a sequence diagram: a lane for each endpoint, an arrow for each datagram,
 * stream data, connection, shutdown and close between them. A datagram one app socket sends to another is one arrow,
 * its send and its receive both: the receive is matched to the send it took (for streams, byte by byte). Messages of
 * one pair that follow each other closer than {@link #BUNDLE_GAP_NANOS} fold into one bundle arrow, so that a flood
 * stays readable and cheap. At most {@link #MAX_ARROWS} arrows are kept, the oldest leave first; an arrow's size is
 * bounded (a preview of at most {@link #PREVIEW} characters), so that is a budget in bytes as well. Used on the JavaFX
 * thread.
 */
final class Conversation {
    /** Arrows kept; the oldest leave first and the diagram says how many left (playground.diagramArrows). */
    static final int MAX_ARROWS = Integer.getInteger("playground.diagramArrows", 2_000);
    /** Messages of one pair closer than this fold into one bundle arrow: faster than anyone clicks Send. */
    static final long BUNDLE_GAP_NANOS = 100_000_000L;
    /** Characters of data an arrow's label shows. */
    static final int PREVIEW = 20;
    /** Sends to an app socket waiting for their receive, per pair; older ones are forgotten (their receive draws its own). */
    private static final int PENDING_PER_PAIR = 256;

    private enum Kind { DATA, DROP, CONNECT, ACCEPT, SHUTDOWN, CLOSE }

    /** A message between two lanes, or a bundle of them; mutable while the conversation goes on. */
    private final class Message {
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

        Message(Kind kind, String from, String to, String fromText, String toText, String call, boolean datagram,
                int colour, LogRow row, long nanos) {
            this.ordinal = nextOrdinal++;
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
            this.sockets = java.util.stream.Stream.of(from, to).filter(k -> k.startsWith("s:")).map(k -> k.substring(2))
                    .collect(java.util.stream.Collectors.toUnmodifiableSet());
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
            String label;
            String detail;
            if (kind == Kind.DROP) {
                label = "✕ " + CallRecord.LAB_DROP + " · " + bytesText(bytes) + (bundle() ? " × " + Format.count(count) : "");
                detail = bundle() ? "× " + Format.count(count) + " datagrams · " + CallRecord.LAB_DROP
                        : bytesText(bytes) + " · " + CallRecord.LAB_DROP;
            } else if (kind != Kind.DATA) {
                label = calls;
                detail = calls;
            } else if (bundle()) {
                double seconds = (lastNanos - firstNanos) / 1e9;
                String rate = seconds >= 0.001 ? ", " + Format.bytesPerSecond(bytes / seconds) : "";
                detail = "× " + Format.count(count) + (datagram ? " datagrams" : " " + call + " calls") + rate;
                label = calls + " " + detail + (dropped > 0 ? " · " + Format.count(dropped) + " dropped by the lab" : "");
            } else {
                detail = bytesText(bytes);
                label = calls + " · " + detail + (preview.isEmpty() ? "" : " · " + preview)
                        + (lab == null ? "" : " · " + lab) + (allDropped ? " · " + CallRecord.LAB_DROP : "");
            }
            String text = fromText + " → " + toText + " · " + detail + (kind == Kind.DATA && allDropped ? " · " + CallRecord.LAB_DROP : "");
            return new Arrow(ordinal, from, to, time, label, text, colour, allDropped, bundle(),
                    Arrays.copyOf(seqs, seqCount), firstSeq, lastSeq, sockets);
        }
    }

    private final Function<String, Optional<SocketInfo>> socketInfo;
    private final Supplier<List<SocketInfo>> allSockets;
    private final SocketNames names;
    private final int maxArrows;
    private final ObservableList<Arrow> arrows = FXCollections.observableArrayList();
    private final ObservableList<Lane> lanes = FXCollections.observableArrayList();
    /** The messages the arrows show, oldest first, one for one. */
    private final ArrayDeque<Message> messages = new ArrayDeque<>();
    private final Map<String, Integer> laneUses = new HashMap<>();
    private final Map<String, Lane> laneByKey = new HashMap<>();
    /** The app socket at an address, learnt from the records: "host:port", or "host:port|peer" for a stream's. */
    private final Map<String, String> owners = new HashMap<>();
    /** A stream socket's peer lane, where its shutdown and close go. */
    private final Map<String, String> peers = new HashMap<>();
    private final Map<String, Boolean> streams = new HashMap<>();
    /** Each app socket's address as last seen in its records: a closed socket has none left to ask for. */
    private final Map<String, String> addresses = new HashMap<>();
    /** The own address each datagram socket was last learnt at. */
    private final Map<String, PyValue.Tuple> learnt = new HashMap<>();
    /** Remote lanes resolved within one batch, by address: under a flood from outside, resolved once. */
    private final Map<PyValue.Tuple, String> remoteLanes = new HashMap<>();
    /** Sends to an app socket that its receives have not taken yet, per "from>to". */
    private final Map<String, ArrayDeque<Message>> pending = new HashMap<>();
    private final Set<Message> changed = new LinkedHashSet<>();
    /** Addresses no app socket holds, within one batch: under a flood from outside, the sockets are asked once. */
    private final Set<String> outside = new java.util.HashSet<>();
    private Set<String> localHosts;
    private long nextOrdinal;
    /** The ordinal of the first arrow in {@link #arrows}. */
    private long listedFrom;
    private long leftForBudget;
    private long lastSeq = -1;

    Conversation(Function<String, Optional<SocketInfo>> socketInfo, Supplier<List<SocketInfo>> allSockets,
                 SocketNames names, int maxArrows) {
        this.socketInfo = socketInfo;
        this.allSockets = allSockets;
        this.names = names;
        this.maxArrows = maxArrows;
    }

    /** The arrows, oldest first; changed at the end of each {@link #take}. */
    ObservableList<Arrow> arrows() {
        return arrows;
    }

    /** The lanes in the order their endpoints first took part. */
    ObservableList<Lane> lanes() {
        return lanes;
    }

    /** How many arrows left the diagram to keep it within its budget. */
    long leftForBudget() {
        return leftForBudget;
    }

    /** The newest record taken in, or -1. */
    long lastSeq() {
        return lastSeq;
    }

    /** Forgets the whole conversation. */
    void clear() {
        arrows.clear();
        lanes.clear();
        messages.clear();
        laneUses.clear();
        laneByKey.clear();
        owners.clear();
        peers.clear();
        streams.clear();
        addresses.clear();
        learnt.clear();
        pending.clear();
        changed.clear();
        listedFrom = nextOrdinal;
        leftForBudget = 0;
        lastSeq = -1;
    }

    /** Takes in the log's new rows, oldest first, and updates the arrows and lanes once. */
    void take(List<? extends LogRow> rows) {
        outside.clear();
        remoteLanes.clear();
        for (LogRow row : rows) {
            lastSeq = Math.max(lastSeq, row.record().seq());
            consider(row);
        }
        publish();
    }

    private void consider(LogRow row) {
        CallRecord r = row.record();
        String id = r.socketId();
        if (r.failed() || r.isPending() || id == null || r.isModuleCall()) {
            return;
        }
        boolean stream = isStream(id);
        switch (r.call()) {
            case "bind" -> {
                PyValue.Tuple bound = socketInfo.apply(id).map(SocketInfo::local).orElse(null);   // port 0: the one given
                if (bound != null || r.args().get(0) instanceof PyValue.Tuple) {
                    owners.put(key(bound != null ? bound : (PyValue.Tuple) r.args().get(0)), id);
                }
            }
            case "connect" -> {
                if (stream) {
                    SocketInfo info = socketInfo.apply(id).orElse(null);
                    PyValue.Tuple own = info == null ? null : info.local();
                    PyValue.Tuple peer = info != null && info.peer() != null ? info.peer()
                            : r.args().get(0) instanceof PyValue.Tuple t ? t : null;
                    if (peer != null) {
                        if (own != null) {
                            owners.put(key(own), id);   // a client's own address is its alone
                        }
                        outgoing(row, Kind.CONNECT, id, own, peer, true);
                    }
                }
            }
            case "accept" -> {
                if (r.value() instanceof PyValue.Tuple t && t.get(0) instanceof PyValue.SocketRef conn && r.source() != null) {
                    // The connection shares the listener's address: it is told apart by its peer.
                    streams.put(conn.id(), true);
                    PyValue.Tuple connLocal = socketInfo.apply(conn.id()).map(SocketInfo::local).orElse(r.destination());
                    owners.put(key(connLocal) + "|" + key(r.source()), conn.id());
                    addresses.put(conn.id(), Addresses.display(connLocal));
                    String client = lane(r.source(), connLocal, row.colour());
                    peers.put(conn.id(), client);
                    if (client.startsWith("s:")) {
                        peers.put(client.substring(2), "s:" + conn.id());
                    }
                    incoming(row, Kind.ACCEPT, id, r.destination(), r.source(), true, false);
                }
            }
            case "shutdown", "close" -> {
                String peer = peers.get(id);
                if (stream && peer != null && (r.call().equals("close") || !isShutRead(r))) {
                    String ownText = laneAddress("s:" + id);   // closed, a socket has no address left to ask for
                    Kind kind = r.call().equals("close") ? Kind.CLOSE : Kind.SHUTDOWN;
                    String call = kind == Kind.CLOSE ? "close" : "shutdown(" + r.args().get(0).source().replace("socket.", "") + ")";
                    revive(peer);
                    addMessage(row, kind, ownLane(id, null), peer, ownText,
                            laneAddress(peer), call, false, laneColour("s:" + id), true);
                }
                if (r.call().equals("close")) {
                    peers.remove(id);
                }
            }
            default -> {
                if (r.isLabDrop() && r.source() != null) {
                    incoming(row, Kind.DROP, id, r.destination(), r.source(), false, true);
                } else if (r.receivedData() != null && r.source() != null) {
                    incoming(row, Kind.DATA, id, r.destination(), r.source(), stream, true);
                } else if (row.hasData() && r.destination() != null) {
                    outgoing(row, Kind.DATA, id, r.source(), r.destination(), stream);
                }
            }
        }
    }

    /** shutdown(SHUT_RD) (or 0) sends nothing to the peer. */
    private static boolean isShutRead(CallRecord r) {
        String how = r.args().get(0).source();
        return how.endsWith("SHUT_RD") || how.equals("0");
    }

    /** A message this socket sent: from its lane to the lane of where it went. */
    private void outgoing(LogRow row, Kind kind, String id, PyValue.Tuple own, PyValue.Tuple to, boolean stream) {
        learn(id, own, to, stream);
        String from = ownLane(id, own);
        colourLane(from, row.colour());
        String toLane = lane(to, kind == Kind.CONNECT ? null : own, -1);   // a connect goes to the listener
        if (stream) {
            peers.put(id, toLane);
        }
        String ownText = own == null ? names.of(id) : Addresses.display(own);
        addMessage(row, kind, from, toLane, ownText, Addresses.display(to), row.record().call(), !stream && kind == Kind.DATA,
                row.colour() >= 0 ? row.colour() : laneColour(from), true);
    }

    /** A message this socket received (or its lab dropped): from its sender's lane to its own. */
    private void incoming(LogRow row, Kind kind, String id, PyValue.Tuple own, PyValue.Tuple from, boolean stream,
                          boolean learn) {
        if (learn) {
            learn(id, own, from, stream);
        }
        String fromLane = lane(from, own, row.colour());
        String to = ownLane(id, own);
        if (stream && kind == Kind.DATA) {
            peers.put(id, fromLane);
        }
        if (fromLane.startsWith("s:") && !fromLane.equals(to) && taken(row, kind, fromLane, to, stream)) {
            return;
        }
        String call = kind == Kind.DROP ? CallRecord.LAB_DROP : row.record().call();
        addMessage(row, kind, fromLane, to, Addresses.display(from), own == null ? names.of(id) : Addresses.display(own), call,
                !stream, row.colour(), false);
    }

    /** A receive (or a drop, or an accept) of what an app socket sent: it joins the send's arrow. */
    private boolean taken(LogRow row, Kind kind, String from, String to, boolean stream) {
        ArrayDeque<Message> queue = pending.get(from + ">" + to);
        CallRecord r = row.record();
        long amount = stream && kind == Kind.DATA ? row.dataLength() : 1;
        boolean endOfStream = stream && kind == Kind.DATA && amount == 0;
        boolean joined = false;
        while (queue != null && !queue.isEmpty() && (amount > 0 || endOfStream)) {
            Message m = queue.peekFirst();
            boolean fits = switch (kind) {
                case ACCEPT -> m.kind == Kind.CONNECT;
                case DATA -> endOfStream ? m.kind == Kind.CLOSE || m.kind == Kind.SHUTDOWN : m.kind == Kind.DATA;
                default -> m.kind == Kind.DATA;
            };
            if (!fits) {
                if (joined || m.kind == Kind.DATA && kind != Kind.ACCEPT) {
                    break;
                }
                queue.pollFirst().queued = false;   // a connect nobody accepted, a close already seen: no receive takes it
                continue;
            }
            long take = endOfStream ? m.untaken() : Math.min(amount, m.untaken());
            if (kind == Kind.DROP) {
                m.dropped += take;
            } else if (kind == Kind.ACCEPT) {
                m.answeredBy = "accept";
                m.received += take;
            } else {
                m.receivedBy = r.call() + (endOfStream ? " b''" : "");
                m.received += take;
            }
            amount -= take;
            m.see(r.seq());
            changed.add(m);
            joined = true;
            if (m.untaken() <= 0) {
                queue.pollFirst().queued = false;
            }
            if (endOfStream) {
                break;
            }
        }
        return joined;
    }

    private void addMessage(LogRow row, Kind kind, String from, String to, String fromText, String toText, String call,
                            boolean datagram, int colour, boolean toAnAppSocket) {
        long nanos = nanos(row.record());
        Message last = messages.peekLast();
        if (last != null && (kind == Kind.DATA || kind == Kind.DROP) && last.kind == kind && last.from.equals(from)
                && last.to.equals(to) && last.call.equals(call) && nanos - last.lastNanos < BUNDLE_GAP_NANOS
                && last.lastNanos - last.firstNanos >= 0) {
            last.add(row, nanos);
            changed.add(last);
            if (toAnAppSocket && !last.queued) {
                await(last);   // taken up to now, it has more for the receives
            }
            return;
        }
        Message m = new Message(kind, from, to, fromText, toText, call, datagram, colour, row, nanos);
        messages.addLast(m);
        use(from, 1);
        use(to, 1);
        if (toAnAppSocket) {
            await(m);
        }
        while (messages.size() > maxArrows) {
            Message gone = messages.pollFirst();
            leftForBudget++;
            use(gone.from, -1);
            use(gone.to, -1);
        }
    }

    /** A message sent to an app socket waits in its pair's queue for the receives that take it. */
    private void await(Message m) {
        if (!m.to.startsWith("s:") || m.to.equals(m.from) || m.kind == Kind.DROP) {
            return;
        }
        ArrayDeque<Message> queue = pending.computeIfAbsent(m.from + ">" + m.to, k -> new ArrayDeque<>());
        queue.addLast(m);
        m.queued = true;
        if (queue.size() > PENDING_PER_PAIR) {
            queue.pollFirst().queued = false;
        }
    }

    /** Brings the arrows in line with the messages: the ones that left, the ones that grew, the new ones. */
    private void publish() {
        long first = messages.isEmpty() ? nextOrdinal : messages.peekFirst().ordinal;
        long listedTo = listedFrom + arrows.size();
        int gone = (int) Math.min(arrows.size(), Math.max(0, first - listedFrom));
        if (gone > 0) {
            arrows.remove(0, gone);
        }
        listedFrom = first;
        for (Message m : changed) {
            if (m.ordinal >= first && m.ordinal < listedTo) {
                arrows.set((int) (m.ordinal - first), m.arrow());
            }
        }
        changed.clear();
        List<Arrow> fresh = new ArrayList<>();
        Iterator<Message> newest = messages.descendingIterator();
        while (newest.hasNext()) {
            Message m = newest.next();
            if (m.ordinal < listedTo) {
                break;
            }
            fresh.add(m.arrow());
        }
        java.util.Collections.reverse(fresh);
        arrows.addAll(fresh);
    }

    // ---------------------------------------------------------------- lanes

    private void use(String lane, int delta) {
        int uses = laneUses.merge(lane, delta, Integer::sum);
        if (uses <= 0) {
            laneUses.remove(lane);
            lanes.remove(laneByKey.remove(lane));
        }
    }

    private String ownLane(String id, PyValue.Tuple own) {
        String key = "s:" + id;
        if (laneByKey.containsKey(key)) {
            return key;
        }
        String address = own != null ? Addresses.display(own) : addresses.containsKey(id) ? addresses.get(id)
                : socketInfo.apply(id).map(SocketInfo::local).map(Addresses::display).orElse("not bound");
        ensureLane(key, names.of(id), address, -1);
        return key;
    }

    /** The lane of an address as seen from an app socket at own: the app socket that holds it, or a remote lane. */
    private String lane(PyValue.Tuple address, PyValue.Tuple own, int colour) {
        String remote = remoteLanes.get(address);
        if (remote != null && laneByKey.containsKey(remote)) {
            colourLane(remote, colour);
            return remote;
        }
        String owner = owner(address, own);
        if (owner != null) {
            String key = ownLane(owner, null);
            colourLane(key, colour);
            return key;
        }
        String key = "a:" + key(address);
        remoteLanes.put(address, key);
        ensureLane(key, "remote", Addresses.display(address), colour);
        colourLane(key, colour);
        return key;
    }

    /** Brings back the lane of a peer whose arrows all left the diagram, for its connection's close. */
    private void revive(String key) {
        if (key.startsWith("s:")) {
            ownLane(key.substring(2), null);
        } else {
            ensureLane(key, "remote", key.substring(2), -1);
        }
    }

    private void ensureLane(String key, String title, String address, int colour) {
        if (!laneByKey.containsKey(key)) {
            Lane lane = new Lane(key, title, address, colour);
            laneByKey.put(key, lane);
            lanes.add(lane);
        }
    }

    /** A lane wears the colour of the address's latest sender row (colours are handed out again as rows leave the log). */
    private void colourLane(String key, int colour) {
        Lane l = laneByKey.get(key);
        if (colour >= 0 && l != null && l.colour() != colour) {
            Lane coloured = new Lane(l.key(), l.title(), l.address(), colour);
            laneByKey.put(key, coloured);
            lanes.set(lanes.indexOf(l), coloured);
        }
    }

    private int laneColour(String key) {
        Lane l = laneByKey.get(key);
        return l == null ? -1 : l.colour();
    }

    private String laneAddress(String key) {
        Lane l = laneByKey.get(key);
        return l == null ? key.substring(2) : l.address();
    }

    // ---------------------------------------------------------------- which app socket is at an address

    private boolean isStream(String id) {
        return streams.computeIfAbsent(id, k -> socketInfo.apply(k).map(i -> i.type() == SockType.SOCK_STREAM).orElse(false));
    }

    /** Remembers where a socket is: its own address, and for a stream its peer too (connections share addresses). */
    private void learn(String id, PyValue.Tuple own, PyValue.Tuple other, boolean stream) {
        if (!stream && own != null && own.equals(learnt.get(id))) {
            return;   // under a flood, the same address row after row: learnt once
        }
        learnt.put(id, own);
        boolean named = own != null && !(UnixAddresses.isUnix(own) && (UnixAddresses.text(own).equals("''")
                || UnixAddresses.text(own).equals("None")));
        if (named) {
            addresses.put(id, Addresses.display(own));
            owners.put(stream && other != null ? key(own) + "|" + key(other) : key(own), id);
        }
    }

    /** The app socket at the address, as seen from an app socket at own; null for an endpoint outside the app. */
    private String owner(PyValue.Tuple address, PyValue.Tuple own) {
        String k = key(address);
        String id = own == null ? null : owners.get(k + "|" + key(own));
        if (id == null) {
            id = owners.get(k);
        }
        if (id == null && !UnixAddresses.isUnix(address) && isThisMachine(host(address))) {
            id = owners.get((address.size() > 2 ? "[::]:" : "0.0.0.0:") + address.get(1).repr());
        }
        if (id == null && !outside.contains(k)) {
            id = liveOwner(address, own);
            if (id == null) {
                outside.add(k);
            }
        }
        return id;
    }

    /** Asks the engine which socket holds the address now: one with that address (and that peer, of several). */
    private String liveOwner(PyValue.Tuple address, PyValue.Tuple own) {
        String k = key(address);
        String any = null;
        for (SocketInfo s : allSockets.get()) {
            if (s.local() == null || s.state() == SocketState.CLOSED || !key(s.local()).equals(k)) {
                continue;
            }
            if (own != null && s.peer() != null && key(s.peer()).equals(key(own))) {
                return s.id();
            }
            any = any == null || s.peer() == null ? s.id() : any;   // of several, the one with no peer: a listener
        }
        return any;
    }

    private boolean isThisMachine(String host) {
        if (host.startsWith("127.") || host.equals("::1") || host.equals("localhost")) {
            return true;
        }
        if (localHosts == null) {
            localHosts = new java.util.HashSet<>();
            org.socketplayground.system.Interfaces.list().forEach(a -> localHosts.add(a.address()));
        }
        return localHosts.contains(host);
    }

    private static String host(PyValue.Tuple address) {
        return address.get(0) instanceof PyValue.Str s ? s.value() : "";
    }

    /** An address as a key: host:port, [v6]:port, or an AF_UNIX path. */
    static String key(PyValue.Tuple address) {
        if (UnixAddresses.isUnix(address)) {
            return UnixAddresses.text(address);
        }
        String host = host(address);
        return (address.size() > 2 ? "[" + host + "]" : host) + ":" + address.get(1).repr();
    }

    private static long nanos(CallRecord r) {
        Instant t = r.time().plusNanos(r.durationNanos());
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    private static String preview(String text) {
        return text.length() <= PREVIEW ? text : text.substring(0, PREVIEW - 1) + "…";
    }

    private static String bytesText(long n) {
        return Format.count(n) + (n == 1 ? " byte" : " bytes");
    }
}
