package org.socketplayground.ui.diagram;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
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
import org.socketplayground.engine.SocketInfo;
import org.socketplayground.engine.py.PyValue;
import org.socketplayground.i18n.Texts;
import org.socketplayground.transcript.SocketNames;
import org.socketplayground.ui.diagram.Message.Kind;
import org.socketplayground.ui.session.LogRow;

/**
 * The conversation the log's rows tell, as a sequence diagram: a lane for each endpoint, an arrow for each datagram,
 * stream data, connection, shutdown and close between them. A datagram one app socket sends to another is one arrow,
 * its send and its receive both: the receive is matched to the send it took (for streams, byte by byte). Messages of
 * one pair that follow each other closer than {@link #BUNDLE_GAP_NANOS} fold into one bundle arrow, so that a flood
 * stays readable and cheap. At most {@link #MAX_ARROWS} arrows are kept, the oldest leave first; an arrow's size is
 * bounded (a preview of at most {@link Message#PREVIEW} characters), so that is a budget in bytes as well. Used on the JavaFX
 * thread.
 */
final class Conversation {
    /** Arrows kept; the oldest leave first and the diagram says how many left (playground.diagramArrows). */
    static final int MAX_ARROWS = Integer.getInteger("playground.diagramArrows", 2_000);
    /** Messages of one pair closer than this fold into one bundle arrow: faster than anyone clicks Send. */
    static final long BUNDLE_GAP_NANOS = 100_000_000L;
    /** Sends to an app socket waiting for their receive, per pair; older ones are forgotten (their receive draws its own). */
    private static final int PENDING_PER_PAIR = 256;

    private final Endpoints endpoints;
    private final SocketNames names;
    private final int maxArrows;
    private final ObservableList<Arrow> arrows = FXCollections.observableArrayList();
    private final Lanes lanes = new Lanes();
    /** The messages the arrows show, oldest first, one for one. */
    private final ArrayDeque<Message> messages = new ArrayDeque<>();
    /** A stream socket's peer lane, where its shutdown and close go. */
    private final Map<String, String> peers = new HashMap<>();
    /** Remote lanes resolved within one batch, by address: under a flood from outside, resolved once. */
    private final Map<PyValue.Tuple, String> remoteLanes = new HashMap<>();
    /** Sends to an app socket that its receives have not taken yet, per "from>to". */
    private final Map<String, ArrayDeque<Message>> pending = new HashMap<>();
    private final Set<Message> changed = new LinkedHashSet<>();
    private long nextOrdinal;
    /** The ordinal of the first arrow in {@link #arrows}. */
    private long listedFrom;
    private long leftForBudget;
    private long lastSeq = -1;

    Conversation(Function<String, Optional<SocketInfo>> socketInfo, Supplier<List<SocketInfo>> allSockets,
                 SocketNames names, int maxArrows) {
        this.endpoints = new Endpoints(socketInfo, allSockets);
        this.names = names;
        this.maxArrows = maxArrows;
    }

    /** The arrows, oldest first; changed at the end of each {@link #take}. */
    ObservableList<Arrow> arrows() {
        return arrows;
    }

    /** The lanes in the order their endpoints first took part. */
    ObservableList<Lane> lanes() {
        return lanes.list();
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
        endpoints.clear();
        peers.clear();
        pending.clear();
        changed.clear();
        listedFrom = nextOrdinal;
        leftForBudget = 0;
        lastSeq = -1;
    }

    /** Takes in the log's new rows, oldest first, and updates the arrows and lanes once. */
    void take(List<? extends LogRow> rows) {
        endpoints.newBatch();
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
        boolean stream = endpoints.isStream(id);
        switch (r.call()) {
            case "bind" -> {
                PyValue.Tuple bound = endpoints.info(id).map(SocketInfo::local).orElse(null);   // port 0: the one given
                if (bound != null || r.args().get(0) instanceof PyValue.Tuple) {
                    endpoints.holds(Endpoints.key(bound != null ? bound : (PyValue.Tuple) r.args().get(0)), id);
                }
            }
            case "connect" -> {
                if (stream) {
                    SocketInfo info = endpoints.info(id).orElse(null);
                    PyValue.Tuple own = info == null ? null : info.local();
                    PyValue.Tuple peer = info != null && info.peer() != null ? info.peer()
                            : r.args().get(0) instanceof PyValue.Tuple t ? t : null;
                    if (peer != null) {
                        if (own != null) {
                            endpoints.holds(Endpoints.key(own), id);   // a client's own address is its alone
                        }
                        outgoing(row, Kind.CONNECT, id, own, peer, true);
                    }
                }
            }
            case "accept" -> {
                if (r.value() instanceof PyValue.Tuple t && t.get(0) instanceof PyValue.SocketRef conn && r.source() != null) {
                    // The connection shares the listener's address: it is told apart by its peer.
                    PyValue.Tuple connLocal = endpoints.info(conn.id()).map(SocketInfo::local).orElse(r.destination());
                    endpoints.accepted(conn.id(), connLocal, r.source());
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
                    String ownText = lanes.addressOf("s:" + id);   // closed, a socket has no address left to ask for
                    Kind kind = r.call().equals("close") ? Kind.CLOSE : Kind.SHUTDOWN;
                    String call = kind == Kind.CLOSE ? "close" : "shutdown(" + r.args().get(0).source().replace("socket.", "") + ")";
                    revive(peer);
                    addMessage(row, kind, ownLane(id, null), peer, ownText,
                            lanes.addressOf(peer), call, false, lanes.colourOf("s:" + id), true);
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
        endpoints.learn(id, own, to, stream);
        String from = ownLane(id, own);
        lanes.colour(from, row.colour());
        String toLane = lane(to, kind == Kind.CONNECT ? null : own, -1);   // a connect goes to the listener
        if (stream) {
            peers.put(id, toLane);
        }
        String ownText = own == null ? names.of(id) : Addresses.display(own);
        addMessage(row, kind, from, toLane, ownText, Addresses.display(to), row.record().call(), !stream && kind == Kind.DATA,
                row.colour() >= 0 ? row.colour() : lanes.colourOf(from), true);
    }

    /** A message this socket received (or its lab dropped): from its sender's lane to its own. */
    private void incoming(LogRow row, Kind kind, String id, PyValue.Tuple own, PyValue.Tuple from, boolean stream,
                          boolean learn) {
        if (learn) {
            endpoints.learn(id, own, from, stream);
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
        Message m = new Message(nextOrdinal++, kind, from, to, fromText, toText, call, datagram, colour, row, nanos);
        messages.addLast(m);
        lanes.use(from, 1);
        lanes.use(to, 1);
        if (toAnAppSocket) {
            await(m);
        }
        while (messages.size() > maxArrows) {
            Message gone = messages.pollFirst();
            leftForBudget++;
            lanes.use(gone.from, -1);
            lanes.use(gone.to, -1);
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

    private String ownLane(String id, PyValue.Tuple own) {
        String key = "s:" + id;
        if (lanes.has(key)) {
            return key;
        }
        String address = own != null ? Addresses.display(own) : endpoints.address(id) != null ? endpoints.address(id)
                : endpoints.info(id).map(SocketInfo::local).map(Addresses::display).orElse(Texts.get("diagram.conversation.notBound"));
        lanes.ensure(key, names.of(id), address, -1);
        return key;
    }

    /** The lane of an address as seen from an app socket at own: the app socket that holds it, or a remote lane. */
    private String lane(PyValue.Tuple address, PyValue.Tuple own, int colour) {
        String remote = remoteLanes.get(address);
        if (remote != null && lanes.has(remote)) {
            lanes.colour(remote, colour);
            return remote;
        }
        String owner = endpoints.owner(address, own);
        if (owner != null) {
            String key = ownLane(owner, null);
            lanes.colour(key, colour);
            return key;
        }
        String key = "a:" + Endpoints.key(address);
        remoteLanes.put(address, key);
        lanes.ensure(key, Texts.get("diagram.conversation.remote"), Addresses.display(address), colour);
        lanes.colour(key, colour);
        return key;
    }

    /** Brings back the lane of a peer whose arrows all left the diagram, for its connection's close. */
    private void revive(String key) {
        if (key.startsWith("s:")) {
            ownLane(key.substring(2), null);
        } else {
            lanes.ensure(key, Texts.get("diagram.conversation.remote"), key.substring(2), -1);
        }
    }

    private static long nanos(CallRecord r) {
        Instant t = r.time().plusNanos(r.durationNanos());
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
