package org.socketplayground.engine;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.socketplayground.engine.py.PyValue;

/**
 * Real sockets behind Python's socket API. Every call, successful or not, becomes one {@link CallRecord} that
 * goes to the listeners; a call that has to wait is announced first as a pending record.
 *
 * <p>{@link #call} runs on the caller's thread and may block as long as the socket's mode says;
 * {@link #submit} runs it on the engine's own threads, which is what a user interface uses. Calls on different
 * sockets never wait for each other, and neither do a send and a receive on the same socket.
 */
public final class SocketEngine implements AutoCloseable {
    /** The target that names the module rather than a socket: {@code socket.socket(...)}, {@code socket.htons(1)}. */
    public static final String MODULE = "socket";

    private final AtomicLong sequence = new AtomicLong();
    private final AtomicInteger socketNumbers = new AtomicInteger();
    private final AtomicInteger connectionNumbers = new AtomicInteger();
    private final Map<String, PySocket> sockets = new ConcurrentHashMap<>();
    private final List<String> order = new CopyOnWriteArrayList<>();
    private final Map<Long, CallContext> waiting = new ConcurrentHashMap<>();
    private final List<RecordListener> listeners = new CopyOnWriteArrayList<>();
    /** Guards {@link #closed} against sockets that calls under way are still making. */
    private final Object lifecycle = new Object();
    private boolean closed;
    private final AtomicInteger threadNumbers = new AtomicInteger();
    private final Effects effects = new Effects();
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "socket-call-" + threadNumbers.incrementAndGet());
        t.setDaemon(true);
        return t;
    });
    private final OrderedStarts starts = new OrderedStarts(executor);

    public void addListener(RecordListener listener) {
        listeners.add(listener);
    }

    public void removeListener(RecordListener listener) {
        listeners.remove(listener);
    }

    // ---------------------------------------------------------------- calls

    /**
     * Makes one call and returns its record, which the listeners have also received.
     *
     * @param target a socket id such as {@code s1}, or {@link #MODULE} for module functions
     * @param call   the Python name of the method or function
     * @param args   its arguments as Python values
     */
    public CallRecord call(String target, String call, List<PyValue> args) {
        return call(target, call, args, null, null);
    }

    /**
     * As {@link #call(String, String, List)}, abandoned through the handle (or null); returns null, making no call and
     * no record, when the handle was abandoned before the call started.
     */
    public CallRecord call(String target, String call, List<PyValue> args, CallHandle handle) {
        return call(target, call, args, handle, null);
    }

    /** The call, and {@code started} runs once it has started to wait or has returned (null: nothing to run). */
    private CallRecord call(String target, String call, List<PyValue> args, CallHandle handle, Runnable started) {
        CallContext ctx = new CallContext(sequence.incrementAndGet(), MODULE.equals(target) ? null : target, call,
                args, started == null ? this::announceWait : c -> {
                    announceWait(c);
                    started.run();
                }, effects);
        if (handle != null && !handle.attach(ctx)) {
            if (started != null) {
                started.run();
            }
            return null;
        }
        try {
            PyValue value = null;
            PyError error = null;
            try {
                if (Effects.ACT_ON_PEERS.contains(call)) {
                    ctx.effectNow();   // before the packet leaves: the peer's receive numbers after it
                }
                value = dispatch(ctx, target, call, args);
            } catch (PyException e) {
                error = e.error();
            } catch (RuntimeException e) {
                // A JDK surprise must still end the call with an outcome the user can read.
                error = Errno.of(e);
            } finally {
                if (ctx.blocked()) {   // only a call that waited was announced
                    waiting.remove(ctx.seq);
                }
            }
            ctx.effectAtReturn();
            CallRecord record = ctx.record(CallRecord.Status.DONE, value, error);
            publish(record);
            return record;
        } finally {
            // Once the listeners have the record, or when an Error ends the call without one, its number must no
            // longer hold later records back.
            ctx.releaseEffect();
            if (handle != null) {
                handle.detach(ctx);
            }
            if (started != null) {
                started.run();   // harmless if the call's wait already ran it
            }
        }
    }

    /**
     * The lowest effect number whose record is not yet published: every record numbered below it has reached the
     * listeners. A listener that releases records below it, in their order, lists each send before the receive
     * it woke, although the receiving thread may publish first.
     */
    public long effectHorizon() {
        return effects.horizon();
    }

    public CallRecord call(String target, String call, PyValue... args) {
        return call(target, call, List.of(args));
    }

    /**
     * Makes the call on one of the engine's threads; the caller never blocks. Calls submitted for one socket start in
     * the order they were submitted: each starts once the one before has started to wait or has returned, so a
     * recvfrom that waits never holds up the sendto clicked after it.
     */
    public CompletableFuture<CallRecord> submit(String target, String call, List<PyValue> args) {
        return starts.submit(target, started -> call(target, call, args, null, started));
    }

    /** Ends a waiting call with KeyboardInterrupt, as Ctrl+C would; false if it is no longer waiting. */
    public boolean abandon(long seq) {
        CallContext ctx = waiting.get(seq);
        if (ctx == null) {
            return false;
        }
        ctx.cancel();
        return true;
    }

    /** The calls waiting right now, as pending records, oldest first. */
    public List<CallRecord> waitingCalls() {
        return waiting.values().stream()
                .map(c -> c.record(CallRecord.Status.PENDING, null, null))
                .sorted(java.util.Comparator.comparingLong(CallRecord::seq))
                .toList();
    }

    private void announceWait(CallContext ctx) {
        waiting.put(ctx.seq, ctx);
        publish(ctx.record(CallRecord.Status.PENDING, null, null));
    }

    private void publish(CallRecord record) {
        for (RecordListener l : listeners) {
            l.onRecord(record);
        }
    }

    /**
     * What select() would answer now for each open socket, by id: "r", "w", "rw" or "". Makes no call and no record;
     * it does not wait, but it asks the system: not on the JavaFX thread.
     */
    public Map<String, String> readiness() {
        return Selects.probe(sockets);
    }

    /** A socket named in a select() list: by reference, or by its fileno(); null if there is none. */
    private PySocket socketOf(PyValue item) {
        if (item instanceof PyValue.SocketRef r) {
            return sockets.get(r.id());
        }
        long fd = ((PyValue.Int) item).value();
        return sockets.values().stream().filter(s -> s.fd == fd && !s.isClosed()).findFirst().orElse(null);
    }

    private PyValue dispatch(CallContext ctx, String target, String call, List<PyValue> args) throws PyException {
        if (MODULE.equals(target)) {
            if (call.equals("socket")) {
                return createSocket(ctx, args);
            }
            if (call.equals("select")) {
                return Selects.select(ctx, args, this::socketOf);
            }
            return SocketModule.call(call, args);
        }
        PySocket s = sockets.get(target);
        if (s == null) {
            throw new PyException(new PyError("NameError", null, "name '" + target + "' is not defined"));
        }
        return switch (call) {
            case "bind" -> {
                Args.count("socket.bind", args, 1, 1);
                yield s.bind(args.get(0));
            }
            case "listen" -> {
                Args.tuple(call, args, 0, 1);
                yield s.listen(args.isEmpty() ? 128 : Args.integer(args.get(0)));
            }
            case "accept" -> {
                Args.positional("socket.accept", args, List.of(), 0, true);
                yield accept(ctx, s);
            }
            case "connect" -> {
                Args.count("socket.connect", args, 1, 1);
                yield s.connect(ctx, "connect", args.get(0));
            }
            case "connect_ex" -> {
                Args.count("socket.connect_ex", args, 1, 1);
                yield connectEx(ctx, s, args.get(0));
            }
            case "send" -> {
                Args.tuple(call, args, 1, 2);
                byte[] data = Args.bytes(args.get(0));
                yield s.send(ctx, data, Args.flags(args, 1));
            }
            case "sendall" -> {
                Args.tuple(call, args, 1, 2);
                byte[] data = Args.bytes(args.get(0));
                Args.flags(args, 1);
                yield s.sendall(ctx, data);
            }
            case "sendto" -> {
                if (args.size() < 2 || args.size() > 3) {
                    throw new PyException(PyError.typeError("sendto() takes 2 or 3 arguments (" + args.size() + " given)"));
                }
                byte[] data = Args.bytes(args.get(0));
                if (args.size() == 3) {
                    Args.cInt(args.get(1));   // the flags
                }
                yield s.sendto(ctx, data, args.get(args.size() - 1));
            }
            case "recv", "recvfrom" -> {
                Args.tuple(call, args, 1, 2);
                int bufsize = Args.bufsize(call, args.get(0));
                int flags = Args.flags(args, 1);
                yield call.equals("recv") ? s.recv(ctx, bufsize, flags) : s.recvfrom(ctx, bufsize, flags);
            }
            case "setblocking" -> {
                Args.count("socket.setblocking", args, 1, 1);
                yield s.settimeout(Args.integer(args.get(0)) != 0 ? null : 0.0);
            }
            case "settimeout" -> {
                Args.count("socket.settimeout", args, 1, 1);
                yield s.settimeout(Args.timeout(args.get(0)));
            }
            case "gettimeout" -> {
                Args.count("socket.gettimeout", args, 0, 0);
                yield s.gettimeout();
            }
            case "setsockopt" -> {
                if (args.size() != 4 || !(args.get(2) instanceof PyValue.None)) {
                    Args.tuple(call, args, 3, 3);   // the 4-argument form takes None as its value
                }
                yield s.setsockopt(Args.integer(args.get(0)), Args.integer(args.get(1)), args.get(2));
            }
            case "getsockopt" -> {
                Args.tuple(call, args, 2, 3);
                yield s.getsockopt(Args.integer(args.get(0)), Args.integer(args.get(1)));
            }
            case "shutdown" -> {
                Args.count("socket.shutdown", args, 1, 1);
                yield s.shutdown(Args.integer(args.get(0)));
            }
            case "close" -> {
                Args.positional("socket.close", args, List.of(), 0, true);
                yield s.close();
            }
            case "getsockname" -> {
                Args.count("socket.getsockname", args, 0, 0);
                yield s.getsockname();
            }
            case "getpeername" -> {
                Args.count("socket.getpeername", args, 0, 0);
                yield s.getpeername();
            }
            default -> MoreCalls.call(s, call, args, (c, a) -> dispatch(ctx, target, c, a));
        };
    }

    private PyValue createSocket(CallContext ctx, List<PyValue> args) throws PyException {
        SocketKinds.Kind kind = SocketKinds.check(args);
        Family family = kind.family();
        SockType type = kind.type();
        String id = "s" + socketNumbers.incrementAndGet();
        register(PySocket.open(id, family, type));
        ctx.socketId = id;
        return new PyValue.SocketRef(id);
    }

    private PyValue accept(CallContext ctx, PySocket listener) throws PyException {
        SocketChannel channel = listener.accept(ctx);
        String id = "conn" + connectionNumbers.incrementAndGet();
        try {
            PySocket conn = new TcpSocket(id, listener.family, channel);
            register(conn);
            PyValue.Tuple peer = Addresses.toPython(listener.family, channel.getRemoteAddress());
            ctx.source = peer;
            ctx.destination = listener.ownAddress();
            return PyValue.tuple(new PyValue.SocketRef(id), peer);
        } catch (IOException e) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the connection is lost either way
            }
            throw Errno.wrap(e);
        }
    }

    /** connect_ex returns the errno instead of raising it (0 on success), as in Python. */
    private PyValue connectEx(CallContext ctx, PySocket s, PyValue address) throws PyException {
        try {
            s.connect(ctx, "connect_ex", address);
            return PyValue.of(0);
        } catch (PyException e) {
            PyError err = e.error();
            if (err.errno() != null && !err.type().startsWith("socket.")) {
                return PyValue.of(err.errno());
            }
            throw e;
        }
    }

    /** Lists a new socket; once the engine is closed, a socket made by a call still under way is closed at once. */
    private void register(PySocket s) throws PyException {
        synchronized (lifecycle) {
            if (!closed) {
                s.fd = MoreCalls.lowestFreeFd(sockets.values());
                sockets.put(s.id, s);
                order.add(s.id);
                return;
            }
        }
        s.close();
        throw Errno.EBADF.exception();
    }

    // ---------------------------------------------------------------- typed shortcuts

    public CallRecord socket(Family family, SockType type) {
        return call(MODULE, "socket", family.constant(), type.constant());
    }

    /** The address argument Python takes for a socket of this family: (host, port). */
    public static PyValue.Tuple address(String host, long port) {
        return PyValue.tuple(PyValue.of(host), PyValue.of(port));
    }

    // ---------------------------------------------------------------- what there is

    /** Every socket made so far, closed ones included, in the order they were made. */
    public List<SocketInfo> sockets() {
        List<SocketInfo> out = new ArrayList<>(order.size());
        for (String id : order) {
            PySocket s = sockets.get(id);
            if (s != null) {   // forgotten meanwhile
                out.add(s.info());
            }
        }
        return out;
    }

    public Optional<SocketInfo> socket(String id) {
        PySocket s = sockets.get(id);
        return s == null ? Optional.empty() : Optional.of(s.info());
    }

    /** Forgets a closed socket, so that it leaves the table. */
    public void forget(String id) {
        PySocket s = sockets.get(id);
        if (s != null && s.isClosed()) {
            sockets.remove(id);
            order.remove(id);
        }
    }

    /** Closes every socket, which ends every waiting call, and stops the engine's threads, 2 s at most. */
    @Override
    public void close() {
        shutdown();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * As {@link #close}, without waiting for the engine's threads to end, for the JavaFX thread: every socket is
     * closed when it returns, so its ports are free; the threads end as their calls find their sockets closed.
     */
    public void shutdown() {
        List<PySocket> open;
        synchronized (lifecycle) {
            closed = true;
            open = new ArrayList<>(sockets.values());
        }
        for (PySocket s : open) {
            s.close();
        }
        waiting.values().forEach(CallContext::cancel);
        executor.shutdownNow();
    }
}
