package org.socketplayground.ui.session;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.socketplayground.engine.CallHandle;
import java.util.function.Consumer;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.engine.PyError;
import org.socketplayground.engine.SocketEngine;
import org.socketplayground.engine.UnixAddresses;
import org.socketplayground.engine.py.PyValue;
import org.socketplayground.i18n.Texts;
import org.socketplayground.peers.Peers;
import org.socketplayground.transcript.SocketNames;

/**
 * "Receive continuously": recvfrom (or recv) again and again, like a server's {@code while True:}, on the engine's one
 * receive loop for every socket ({@link SocketEngine#receiveContinuously}). In non-blocking mode it tries four times a
 * second instead of spinning; it stops by itself when the socket is closed or a stream ends. Auto-reply answers
 * through its {@link AutoReply} brakes.
 */
final class ContinuousReceiver implements AutoCloseable {
    private final SocketEngine engine;
    private final Peers peers;
    private final SocketNames names;
    /** Where auto-reply says what its brakes held back: the status bar. */
    private final Consumer<String> notices;
    private final Map<String, Loop> loops = new ConcurrentHashMap<>();

    ContinuousReceiver(SocketEngine engine, Peers peers, SocketNames names, Consumer<String> notices) {
        this.engine = engine;
        this.peers = peers;
        this.names = names;
        this.notices = notices;
    }

    /** One socket's loop: what ends it, and its auto-reply. */
    private final class Loop {
        final String socketId;
        final boolean stream;
        /** With a prefix, each datagram is answered with prefix + data, like the classroom echo server. */
        final AutoReply replies;
        /** Abandons the replies: once stop() has returned, none starts. */
        final CallHandle handle = new CallHandle();

        Loop(String socketId, boolean stream, byte[] replyPrefix) {
            this.socketId = socketId;
            this.stream = stream;
            this.replies = stream || replyPrefix == null ? null : new AutoReply(replyPrefix, peers::isEchoServerAt);
        }

        /** Takes each record of the loop, on the engine's receive loop; false: nothing more will come. */
        boolean received(CallRecord r) {
            if (ends(r)) {
                return false;
            }
            if (replies != null && !r.failed() && r.receivedData() != null && r.source() != null
                    && UnixAddresses.replyTo(r.source()) != null) {
                reply(r);
            }
            return true;
        }

        /** The loop is over: stopped here, abandoned (Esc), or at a stream's end or a closed socket. */
        void ended() {
            if (loops.remove(socketId, this) && replies != null) {
                tell(replies.report(System.nanoTime(), true));
            }
        }

        private void reply(CallRecord r) {
            long now = System.nanoTime();
            byte[] reply = replies.answer(r.receivedData().value(), r.source(), now);
            if (reply != null) {
                engine.call(socketId, "sendto", List.of(PyValue.of(reply), UnixAddresses.replyTo(r.source())), handle);
            }
            tell(replies.report(now, false));
        }

        private void tell(String summary) {
            if (summary != null) {
                notices.accept(Texts.get("sessionRows.continuousReceiver.autoReplyNotice", names.of(socketId), summary));
            }
        }

        /** Closed, unusable for receiving, or a stream at its end: nothing more will come. */
        private boolean ends(CallRecord r) {
            PyError e = r.error();
            if (e == null) {
                PyValue.Bytes data = r.receivedData();
                return stream && data != null && data.length() == 0;
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
        Loop loop = new Loop(socketId, stream, replyPrefix);
        if (loops.putIfAbsent(socketId, loop) == null
                && !engine.receiveContinuously(socketId, stream ? "recv" : "recvfrom", bufsize, loop::received, loop::ended)) {
            loops.remove(socketId, loop);
        }
    }

    void stop(String socketId) {
        Loop loop = loops.remove(socketId);
        if (loop != null) {
            loop.handle.abandon();
            engine.stopReceiving(socketId);   // only the loop's own call: a recvfrom the user made goes on
            if (loop.replies != null) {
                loop.tell(loop.replies.report(System.nanoTime(), true));
            }
        }
    }

    /** Stops every loop without waiting (closed sockets end the calls): for the JavaFX thread. */
    @Override
    public void close() {
        loops.keySet().forEach(this::stop);
    }
}
