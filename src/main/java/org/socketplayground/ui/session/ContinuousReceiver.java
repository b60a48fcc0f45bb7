package org.socketplayground.ui.session;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.socketplayground.engine.CallHandle;
import java.util.function.Consumer;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.engine.PyError;
import org.socketplayground.engine.SocketEngine;
import org.socketplayground.engine.py.PyValue;
import org.socketplayground.peers.Peers;
import org.socketplayground.transcript.SocketNames;

/**
 * "Receive continuously": a loop per socket that calls recvfrom (or recv) again and again, like a server's
 * {@code while True:}. In non-blocking mode it polls four times a second instead of spinning; it stops by
 * itself when the socket is closed or a stream ends. Auto-reply answers through its {@link AutoReply} brakes.
 */
final class ContinuousReceiver implements AutoCloseable {
    private static final long POLL_PAUSE_MS = 250;

    private final SocketEngine engine;
    private final Peers peers;
    private final SocketNames names;
    /** Where auto-reply says what its brakes held back: the status bar. */
    private final Consumer<String> notices;
    private final Map<String, Loop> loops = new ConcurrentHashMap<>();
    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "receive-loop-" + threads.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    ContinuousReceiver(SocketEngine engine, Peers peers, SocketNames names, Consumer<String> notices) {
        this.engine = engine;
        this.peers = peers;
        this.names = names;
        this.notices = notices;
    }

    private final class Loop implements Runnable {
        final String socketId;
        final String call;
        final long bufsize;
        /** With a prefix, each datagram is answered with prefix + data, like the classroom echo server. */
        final AutoReply replies;
        /** Abandons the loop's calls: once stop() has abandoned it, no call of the loop starts or takes a datagram. */
        final CallHandle handle = new CallHandle();
        volatile boolean running = true;

        Loop(String socketId, boolean stream, long bufsize, byte[] replyPrefix) {
            this.socketId = socketId;
            this.call = stream ? "recv" : "recvfrom";
            this.bufsize = bufsize;
            this.replies = stream || replyPrefix == null ? null : new AutoReply(replyPrefix, peers::isEchoServerAt);
        }

        @Override
        public void run() {
            try {
                List<PyValue> args = List.of(PyValue.of(bufsize));
                while (running) {
                    CallRecord r = engine.call(socketId, call, args, handle);
                    if (r == null || !running || ends(r)) {
                        break;
                    }
                    if (r.failed() && !r.error().type().equals("TimeoutError")) {
                        Thread.sleep(POLL_PAUSE_MS);
                    } else if (replies != null && r.receivedData() != null && r.source() != null) {
                        reply(r);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                loops.remove(socketId, this);
                if (replies != null) {
                    tell(replies.report(System.nanoTime(), true));
                }
            }
        }

        private void reply(CallRecord r) {
            long now = System.nanoTime();
            byte[] reply = replies.answer(r.receivedData().value(), r.source(), now);
            if (reply != null) {
                engine.call(socketId, "sendto", List.of(PyValue.of(reply), r.source()), handle);
            }
            tell(replies.report(now, false));
        }

        private void tell(String summary) {
            if (summary != null) {
                notices.accept("auto-reply on " + names.of(socketId) + " " + summary);
            }
        }

        /** Closed, unusable for receiving, or a stream at its end: nothing more will come. */
        private boolean ends(CallRecord r) {
            PyError e = r.error();
            if (e == null) {
                PyValue.Bytes data = r.receivedData();
                return call.equals("recv") && data != null && data.length() == 0;
            }
            Integer errno = e.errno();
            return errno != null && !e.type().startsWith("socket.") && (errno == 9 || errno == 107 || errno == 22 || errno == 95);
        }
    }

    /** Whether the socket receives continuously; a call on no socket (select()) never does. */
    boolean isRunning(String socketId) {
        return socketId != null && loops.containsKey(socketId);
    }

    boolean isReplying(String socketId) {
        return autoReply(socketId) != null;
    }

    /** The socket's auto-reply while it runs, else null. */
    AutoReply autoReply(String socketId) {
        Loop loop = loops.get(socketId);
        return loop == null ? null : loop.replies;
    }

    void start(String socketId, boolean stream, long bufsize) {
        start(socketId, stream, bufsize, null);
    }

    /** Starts receiving continuously; with a reply prefix, a UDP socket also answers every sender. */
    void start(String socketId, boolean stream, long bufsize, byte[] replyPrefix) {
        Loop loop = new Loop(socketId, stream, bufsize, replyPrefix);
        if (loops.putIfAbsent(socketId, loop) == null) {
            executor.execute(loop);
        }
    }

    void stop(String socketId) {
        Loop loop = loops.remove(socketId);
        if (loop != null) {
            loop.running = false;
            loop.handle.abandon();   // only the loop's own call: a recvfrom the user made goes on
        }
    }

    /** Stops every loop without waiting for its thread (closed sockets end the calls): for the JavaFX thread. */
    @Override
    public void close() {
        loops.keySet().forEach(this::stop);
        executor.shutdownNow();
    }
}
