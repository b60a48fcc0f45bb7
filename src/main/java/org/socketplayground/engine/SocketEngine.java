package org.socketplayground.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.function.Predicate;
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
    private final SocketRegistry sockets = new SocketRegistry();
    private final Map<Long, CallContext> waiting = new ConcurrentHashMap<>();
    private final List<RecordListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger threadNumbers = new AtomicInteger();
    private final Effects effects = new Effects();
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "socket-call-" + threadNumbers.incrementAndGet());
        t.setDaemon(true);
        return t;
    });
    private final OrderedStarts starts = new OrderedStarts(executor);
    // Made once, not per call: a flood makes hundreds of thousands of calls a second.
    private final java.util.function.Consumer<CallContext> announce = this::announceWait;
    private final SocketCalls.Accepting accepting = sockets::accept;
    /** The one loop of every socket that receives continuously, made when the first one starts. */
    private volatile ReceiveLoop receiveLoop;

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
                args, started == null ? announce : c -> {
                    announceWait(c);
                    started.run();
                }, effects);
        return run(ctx, target, handle, started);
    }

    /** One step of a receive loop: the record of its call, or null when the call parked or the loop was stopped. */
    CallRecord step(ReceiveLoop.Entry entry) {
        return run(entry.context(sequence, effects, announce), entry.socketId, entry.handle, null);
    }

    /** Announces a receive loop's call that stays parked as waiting, as any call that waits. */
    void announceParked(ReceiveLoop.Entry entry) {
        announceWait(entry.parkedContext(effects));
    }

    /** Ends a receive loop's parked call as Ctrl+C would, with its record. */
    void interruptParked(ReceiveLoop.Entry entry) {
        CallContext ctx = entry.parkedContext(effects);
        waiting.remove(ctx.seq);
        publishNote(ctx, null, PyError.interrupted());
    }

    private CallRecord run(CallContext ctx, String target, CallHandle handle, Runnable started) {
        String call = ctx.call;
        List<PyValue> args = ctx.args;
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
                if (e == ReceiveLoop.PARKED) {
                    return null;   // still waiting: the loop goes on with this call once the socket is readable
                }
                error = e.error();
            } catch (RuntimeException e) {
                // A JDK surprise must still end the call with an outcome the user can read.
                error = Errno.of(e);
            }
            if (ctx.blocked()) {   // only a call that waited was announced
                waiting.remove(ctx.seq);
            }
            ctx.effectAtReturn();
            CallRecord record = ctx.record(CallRecord.Status.DONE, value, error);
            publish(record);
            return record;
        } catch (Error e) {
            waiting.remove(ctx.seq);
            throw e;
        } finally {
            ctx.ended();
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
        if (ctx.parking != null) {
            stopReceiving(ctx.socketId);   // a receive loop's call: Ctrl+C ends the loop
        } else {
            ctx.cancel();
        }
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
        return Selects.probe(sockets.byId());
    }

    private PyValue dispatch(CallContext ctx, String target, String call, List<PyValue> args) throws PyException {
        if (MODULE.equals(target)) {
            if (call.equals("socket")) {
                return sockets.create(ctx, args);
            }
            if (call.equals("select")) {
                return Selects.select(ctx, args, sockets::named);
            }
            if (call.equals("unlink")) {
                return UnixAddresses.unlink(args);
            }
            return SocketModule.call(call, args);
        }
        PySocket s = sockets.get(target);
        if (s == null) {
            throw new PyException(new PyError("NameError", null, "name '" + target + "' is not defined"));
        }
        PyValue value = SocketCalls.call(ctx, s, call, args, accepting);
        if (call.equals("close")) {
            settleReceiveLoop();
        }
        return value;
    }

    // ---------------------------------------------------------------- receiving continuously

    /**
     * Receives on the socket again and again ({@code call} is recvfrom or recv), as a server's {@code while True:}
     * does, on the engine's one receive loop ({@link ReceiveLoop}): every call is a record, as any other. The
     * receiver takes each record on the loop's thread and returns false to end the loop, after which {@code ended}
     * runs. False, and nothing started, if the socket already receives continuously or the engine is closed.
     */
    public boolean receiveContinuously(String socketId, String call, long bufsize, Predicate<CallRecord> receiver,
                                       Runnable ended) {
        ReceiveLoop loop = sockets.whileOpen(() -> {
            if (receiveLoop == null) {
                try {
                    receiveLoop = new ReceiveLoop(this);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return receiveLoop;
        });
        return loop != null && loop.start(loop.entry(socketId, call, bufsize, new CallHandle(), receiver, ended));
    }

    /**
     * Stops the socket's receive loop: once this returns, none of its calls starts or takes data; the call it had
     * waiting ends in KeyboardInterrupt. The caller's own calls on the socket go on.
     */
    public void stopReceiving(String socketId) {
        ReceiveLoop loop = receiveLoop;
        if (loop != null) {
            loop.stop(socketId);
        }
    }

    /** After a close(): the loop's selector lets the closed channel go before close() returns, as the waits do. */
    private void settleReceiveLoop() {
        ReceiveLoop loop = receiveLoop;
        if (loop != null) {
            loop.settle();
        }
    }

    // ---------------------------------------------------------------- the datagram lab

    /**
     * Puts the datagram lab in front of what a UDP socket receives (settings), or takes it away (null). Not Python, so
     * no call: a note of it goes to the log ({@link CallRecord#LAB}), and so does each datagram the lab drops
     * ({@link CallRecord#LAB_DROP}, with its sender and bytes). False when the socket is no open UDP socket of the engine.
     */
    public boolean lab(String socketId, Lab.Settings settings) {
        if (!(sockets.get(socketId) instanceof UdpSocket udp) || udp.isClosed()) {
            return false;
        }
        udp.lab(settings, dropped -> {
            CallContext drop = note(udp.id, CallRecord.LAB_DROP);
            drop.source = udp.sourceOf(dropped.from());
            drop.destination = udp.ownAddress();
            drop.lab = CallRecord.LAB_DROP;
            publishNote(drop, PyValue.Bytes.adopt(dropped.data()), null);
        });
        publishNote(note(socketId, CallRecord.LAB), PyValue.of(settings == null ? "off" : settings.describe()), null);
        return true;
    }

    private CallContext note(String socketId, String what) {
        return new CallContext(sequence.incrementAndGet(), socketId, what, List.of(), c -> { }, effects);
    }

    /**
     * A record made outside a call's own run (a note of the lab, a parked call interrupted), numbered among the calls'
     * effects as they are, so that the log lists it in its place.
     */
    private void publishNote(CallContext ctx, PyValue value, PyError error) {
        try {
            ctx.effectNow();
            publish(ctx.record(CallRecord.Status.DONE, value, error));
        } finally {
            ctx.releaseEffect();
        }
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
        return sockets.infos();
    }

    public Optional<SocketInfo> socket(String id) {
        return sockets.info(id);
    }

    /** Forgets a closed socket, so that it leaves the table. */
    public void forget(String id) {
        sockets.forget(id);
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
        for (PySocket s : sockets.closeAll()) {
            s.close();
        }
        waiting.values().forEach(CallContext::cancel);
        ReceiveLoop loop = receiveLoop;
        if (loop != null) {
            loop.close();
        }
        executor.shutdownNow();
    }
}
