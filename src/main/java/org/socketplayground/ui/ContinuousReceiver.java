package org.socketplayground.ui;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.engine.PyError;
import org.socketplayground.engine.SocketEngine;
import org.socketplayground.engine.py.PyValue;

/**
 * "Receive continuously": a loop per socket that calls recvfrom (or recv) again and again, like a server's
 * {@code while True:}. In non-blocking mode it polls four times a second instead of spinning; it stops by
 * itself when the socket is closed or a stream ends.
 */
final class ContinuousReceiver implements AutoCloseable {
    private static final long POLL_PAUSE_MS = 250;

    private final SocketEngine engine;
    private final Map<String, Loop> loops = new ConcurrentHashMap<>();
    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "receive-loop-" + threads.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    ContinuousReceiver(SocketEngine engine) {
        this.engine = engine;
    }

    private final class Loop implements Runnable {
        final String socketId;
        final String call;
        final long bufsize;
        volatile boolean running = true;

        Loop(String socketId, boolean stream, long bufsize) {
            this.socketId = socketId;
            this.call = stream ? "recv" : "recvfrom";
            this.bufsize = bufsize;
        }

        @Override
        public void run() {
            try {
                List<PyValue> args = List.of(PyValue.of(bufsize));
                while (running) {
                    CallRecord r = engine.call(socketId, call, args);
                    if (!running || ends(r)) {
                        break;
                    }
                    if (r.failed() && !r.error().type().equals("TimeoutError")) {
                        Thread.sleep(POLL_PAUSE_MS);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                loops.remove(socketId, this);
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

    boolean isRunning(String socketId) {
        return loops.containsKey(socketId);
    }

    void start(String socketId, boolean stream, long bufsize) {
        Loop loop = new Loop(socketId, stream, bufsize);
        if (loops.putIfAbsent(socketId, loop) == null) {
            executor.execute(loop);
        }
    }

    void stop(String socketId) {
        Loop loop = loops.remove(socketId);
        if (loop != null) {
            loop.running = false;
            for (CallRecord waiting : engine.waitingCalls()) {
                if (socketId.equals(waiting.socketId()) && waiting.call().equals(loop.call)) {
                    engine.abandon(waiting.seq());
                }
            }
        }
    }

    @Override
    public void close() {
        loops.keySet().forEach(this::stop);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
