package org.socketplayground.engine;

import java.io.IOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.socketplayground.engine.py.PyValue;

/**
 * {@code select.select(rlist, wlist, xlist[, timeout])} over the engine's sockets, as CPython answers it on Linux:
 * the sockets of each list that are ready now, in the lists' order, waiting up to the timeout (for ever without one)
 * until one is. A socket is readable when a receive (or accept) would not wait — a datagram, stream data, the end of
 * the stream, a client in the queue — and writable when a send would not; a TCP socket neither connected nor
 * listening is both, as Linux reports it. Nothing is ever exceptional (out-of-band data is not offered). The wait is
 * a waiting call like any other: abandoned, it ends with KeyboardInterrupt.
 */
final class Selects {
    static final int READ = 1;
    static final int WRITE = 2;

    /**
     * What select needs of a socket: the channel to watch, the interest that means readable and the one that means
     * writable (0: never from the channel), and what is ready whatever the channel says.
     */
    record Readiness(SelectableChannel channel, int readOp, int writeOp, int always) {
    }

    private Selects() {
    }

    /** The call; sockets finds a socket by a list's item (a socket, or its fileno), null if none. */
    static PyValue select(CallContext ctx, List<PyValue> args, Function<PyValue, PySocket> sockets) throws PyException {
        if (args.size() < 3) {
            throw new PyException(PyError.typeError("select expected at least 3 arguments, got " + args.size()));
        }
        if (args.size() > 4) {
            throw new PyException(PyError.typeError("select expected at most 4 arguments, got " + args.size()));
        }
        List<List<PyValue>> lists = new ArrayList<>(3);
        for (int i = 0; i < 3; i++) {
            if (!(args.get(i) instanceof PyValue.PyList || args.get(i) instanceof PyValue.Tuple)) {
                throw new PyException(PyError.typeError("arguments 1-3 must be sequences"));
            }
            lists.add(items(args.get(i)));
        }
        Deadline deadline = deadline(args.size() == 4 ? args.get(3) : PyValue.NONE);
        // Each item a socket this engine has, open: CPython asks each for its fileno() first, in the lists' order.
        Map<PyValue, PySocket> of = new IdentityHashMap<>();
        for (List<PyValue> list : lists) {
            for (PyValue item : list) {
                of.put(item, socketOf(item, sockets));
            }
        }
        try (Selectors selector = new Selectors()) {
            while (true) {
                Map<PySocket, Integer> ready = readyNow(selector, lists, of, deadline, ctx);
                List<PyValue> r = pick(lists.get(0), of, ready, READ);
                List<PyValue> w = pick(lists.get(1), of, ready, WRITE);
                if (!r.isEmpty() || !w.isEmpty() || deadline.nonBlocking() || !deadline.infinite() && deadline.remainingNanos() <= 0) {
                    return new PyValue.Tuple(List.of(new PyValue.PyList(r), new PyValue.PyList(w), new PyValue.PyList(List.of())));
                }
            }
        } catch (IOException e) {
            throw Errno.wrap(e);
        } finally {
            ctx.leaveWait();
        }
    }

    private static List<PyValue> items(PyValue seq) {
        return seq instanceof PyValue.PyList l ? l.items() : ((PyValue.Tuple) seq).items();
    }

    /** CPython's reading of the timeout: None waits for ever, 0 polls, a number of seconds otherwise. */
    private static Deadline deadline(PyValue timeout) throws PyException {
        if (timeout instanceof PyValue.None) {
            return Deadline.INFINITE;
        }
        double seconds;
        if (timeout instanceof PyValue.Int i) {
            seconds = i.value();
        } else if (timeout instanceof PyValue.Float f) {
            seconds = f.value();
        } else if (timeout == PyValue.TRUE || timeout == PyValue.FALSE) {
            seconds = timeout == PyValue.TRUE ? 1 : 0;
        } else {
            throw new PyException(PyError.typeError("timeout must be a float or None"));
        }
        if (Double.isNaN(seconds)) {
            throw new PyException(PyError.valueError("Invalid value NaN (not a number)"));
        }
        if (seconds < 0) {
            throw new PyException(PyError.valueError("timeout must be non-negative"));
        }
        if (seconds > 9.2e9) {
            throw new PyException(PyError.overflow("timestamp out of range for platform time_t"));
        }
        return seconds == 0 ? Deadline.NON_BLOCKING : new Deadline(System.nanoTime() + (long) (seconds * 1e9));
    }

    private static PySocket socketOf(PyValue item, Function<PyValue, PySocket> sockets) throws PyException {
        if (!(item instanceof PyValue.SocketRef) && !(item instanceof PyValue.Int)) {
            throw new PyException(PyError.typeError("argument must be an int, or have a fileno() method."));
        }
        PySocket s = sockets.apply(item);
        if (item instanceof PyValue.Int fd && fd.value() < 0 || s != null && s.isClosed()) {
            long n = item instanceof PyValue.Int fd ? fd.value() : -1;
            throw new PyException(PyError.valueError("file descriptor cannot be a negative integer (" + n + ")"));
        }
        if (s == null) {
            throw Errno.EBADF.exception();
        }
        return s;
    }

    /**
     * What each socket is ready for now, waiting (once the call may wait) until something on the lists is, the deadline
     * passes or the call is abandoned. Registers the sockets' channels anew each time: a listen() swaps a channel.
     */
    private static Map<PySocket, Integer> readyNow(Selectors selector, List<List<PyValue>> lists, Map<PyValue, PySocket> of,
                                                   Deadline deadline, CallContext ctx) throws IOException, PyException {
        Map<PySocket, Integer> wanted = new IdentityHashMap<>();
        for (int i = 0; i < 2; i++) {
            for (PyValue item : lists.get(i)) {
                wanted.merge(of.get(item), i == 0 ? READ : WRITE, (a, b) -> a | b);
            }
        }
        Map<PySocket, Integer> ready = new IdentityHashMap<>();
        Map<SelectionKey, PySocket> keys = new IdentityHashMap<>();
        boolean anyNow = false;
        for (Map.Entry<PySocket, Integer> e : wanted.entrySet()) {
            Readiness r = e.getKey().readiness();
            int now = r.always() & e.getValue();
            anyNow |= now != 0;
            ready.put(e.getKey(), now);
            int ops = ((e.getValue() & READ) != 0 ? r.readOp() : 0) | ((e.getValue() & WRITE) != 0 ? r.writeOp() : 0);
            if (ops != 0 && r.channel() != null) {
                try {
                    keys.put(selector.register(r.channel(), ops), e.getKey());
                } catch (ClosedChannelException | CancelledKeyException ignored) {
                    // closed meanwhile (its next call raises EBADF) or its key not yet flushed: not ready this round
                }
            }
        }
        int count;
        if (anyNow || deadline.nonBlocking()) {
            count = selector.selectNow();
        } else {
            ctx.enterWait(selector.first());   // announces the waiting call the first time
            if (ctx.cancelled() || Thread.currentThread().isInterrupted()) {
                throw new PyException(PyError.interrupted());
            }
            long millis = deadline.infinite() ? 0 : Math.max(1, (deadline.remainingNanos() + 999_999) / 1_000_000);
            count = deadline.infinite() || deadline.remainingNanos() > 0 ? selector.select(millis) : selector.selectNow();
            if (ctx.cancelled()) {
                throw new PyException(PyError.interrupted());
            }
        }
        if (count > 0) {
            for (SelectionKey key : selector.selectedKeys()) {
                PySocket s = keys.get(key);
                if (s == null || !key.isValid()) {
                    continue;
                }
                Readiness r = s.readiness();
                int got = ((key.readyOps() & r.readOp()) != 0 ? READ : 0) | ((key.readyOps() & r.writeOp()) != 0 ? WRITE : 0);
                ready.merge(s, got & wanted.get(s), (a, b) -> a | b);
            }
        }
        selector.clearSelected();
        return ready;
    }

    /**
     * The selectors of one select(): one per kind of channel (junixsocket's AF_UNIX channels register only with its
     * own), so that each socket is watched by a selector that takes it. With more than one, the wait polls them.
     */
    private static final class Selectors implements AutoCloseable {
        /** How long a wait on one selector lasts before the others are looked at again, with sockets of both kinds. */
        private static final long POLL_MILLIS = 20;
        private final Map<java.nio.channels.spi.SelectorProvider, Selector> byProvider = new java.util.LinkedHashMap<>();

        SelectionKey register(SelectableChannel ch, int ops) throws IOException {
            Selector selector = byProvider.get(ch.provider());
            if (selector == null) {
                selector = ch.provider().openSelector();
                byProvider.put(ch.provider(), selector);
            }
            SelectionKey key = ch.keyFor(selector);
            return key != null && key.isValid() ? key.interestOps(ops) : ch.register(selector, ops);
        }

        /** The selector a waiting call is woken through (abandon): the first one. */
        Selector first() throws IOException {
            if (byProvider.isEmpty()) {
                byProvider.put(java.nio.channels.spi.SelectorProvider.provider(), Selector.open());
            }
            return byProvider.values().iterator().next();
        }

        int selectNow() throws IOException {
            int n = 0;
            for (Selector s : byProvider.values()) {
                n += s.selectNow();
            }
            return n;
        }

        /** As Selector.select(millis) (0: for ever), over every selector. */
        int select(long millis) throws IOException {
            if (byProvider.size() <= 1) {
                return ChannelWaiter.select(first(), millis);
            }
            long end = millis == 0 ? Long.MAX_VALUE : System.nanoTime() + millis * 1_000_000L;
            while (true) {
                int n = selectNow();
                long left = (end - System.nanoTime()) / 1_000_000L;
                if (n > 0 || left <= 0) {
                    return n;
                }
                n = first().select(Math.min(left, POLL_MILLIS));
                if (n > 0) {
                    selectNow();   // the others' ready keys too, in their selected sets
                    return n;
                }
            }
        }

        List<SelectionKey> selectedKeys() {
            List<SelectionKey> all = new ArrayList<>();
            byProvider.values().forEach(s -> all.addAll(s.selectedKeys()));
            return all;
        }

        void clearSelected() {
            byProvider.values().forEach(s -> s.selectedKeys().clear());
        }

        @Override
        public void close() {
            byProvider.values().forEach(PySocket::closeQuietly);
        }
    }

    /**
     * What select() would answer now for each open socket, without waiting and without a record: "r", "w", "rw" or
     * "" (the socket table's Ready column). One selector for all of them, closed again at once.
     */
    static Map<String, String> probe(Map<String, PySocket> sockets) {
        Map<String, String> out = new java.util.HashMap<>();
        try (Selectors selector = new Selectors()) {
            Map<SelectionKey, String> keys = new IdentityHashMap<>();
            Map<String, Readiness> of = new java.util.HashMap<>();
            Map<String, Integer> ready = new java.util.HashMap<>();
            for (Map.Entry<String, PySocket> e : sockets.entrySet()) {
                if (e.getValue().isClosed()) {
                    continue;
                }
                Readiness r = e.getValue().readiness();
                of.put(e.getKey(), r);
                ready.put(e.getKey(), r.always());
                int ops = r.readOp() | r.writeOp();
                if (ops != 0 && r.channel() != null) {
                    try {
                        keys.put(selector.register(r.channel(), ops), e.getKey());
                    } catch (IOException | RuntimeException ignored) {
                        // closed or swapped meanwhile: no readiness from the channel this time
                    }
                }
            }
            selector.selectNow();
            for (SelectionKey key : selector.selectedKeys()) {
                String id = keys.get(key);
                Readiness r = of.get(id);
                if (key.isValid()) {
                    int got = ((key.readyOps() & r.readOp()) != 0 ? READ : 0) | ((key.readyOps() & r.writeOp()) != 0 ? WRITE : 0);
                    ready.merge(id, got, (a, b) -> a | b);
                }
            }
            ready.forEach((id, bits) -> out.put(id, ((bits & READ) != 0 ? "r" : "") + ((bits & WRITE) != 0 ? "w" : "")));
        } catch (IOException e) {
            // no selector to be had (out of descriptors): the column stays as it was
        }
        return out;
    }

    /** The items of a list whose socket is ready for the op, in the list's order (a socket twice, twice). */
    private static List<PyValue> pick(List<PyValue> list, Map<PyValue, PySocket> of, Map<PySocket, Integer> ready, int op) {
        List<PyValue> out = new ArrayList<>();
        for (PyValue item : list) {
            if ((ready.getOrDefault(of.get(item), 0) & op) != 0) {
                out.add(item);
            }
        }
        return out;
    }
}
