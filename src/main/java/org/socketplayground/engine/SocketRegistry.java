package org.socketplayground.engine;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.socketplayground.engine.py.PyValue;

/**
 * The engine's sockets, made by socket() and accept(): named as Python's session names them ({@code s1}, and {@code conn1} for what accept() returns),
 * listed in the order they were made, found by name or by fileno(), forgotten once closed. Once the engine closes, a
 * socket that a call under way is still making is closed at once rather than listed.
 */
final class SocketRegistry {
    private final AtomicInteger socketNumbers = new AtomicInteger();
    private final AtomicInteger connectionNumbers = new AtomicInteger();
    private final Map<String, PySocket> sockets = new ConcurrentHashMap<>();
    private final List<String> order = new CopyOnWriteArrayList<>();
    /** Guards {@link #closed} against sockets that calls under way are still making. */
    private final Object lifecycle = new Object();
    private boolean closed;

    String nextSocketId() {
        return "s" + socketNumbers.incrementAndGet();
    }

    String nextConnectionId() {
        return "conn" + connectionNumbers.incrementAndGet();
    }

    /** Lists a new socket with the lowest free fileno, as Linux numbers descriptors; EBADF once the engine is closed. */
    void register(PySocket s) throws PyException {
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

    /** What made gives, made while the engine is open; null, and nothing made, once it is closed. */
    <T> T whileOpen(Supplier<T> made) {
        synchronized (lifecycle) {
            return closed ? null : made.get();
        }
    }

    /** Closes the registry to new sockets and returns the ones it had. */
    List<PySocket> closeAll() {
        synchronized (lifecycle) {
            closed = true;
            return new ArrayList<>(sockets.values());
        }
    }

    PySocket get(String id) {
        return sockets.get(id);
    }

    /** A socket named in a select() list: by reference, or by its fileno(); null if there is none. */
    PySocket named(PyValue item) {
        if (item instanceof PyValue.SocketRef r) {
            return sockets.get(r.id());
        }
        long fd = ((PyValue.Int) item).value();
        return sockets.values().stream().filter(s -> s.fd == fd && !s.isClosed()).findFirst().orElse(null);
    }

    /** Every socket by id, for select()'s probe. */
    Map<String, PySocket> byId() {
        return sockets;
    }

    /** Every socket made so far, closed ones included, in the order they were made. */
    List<SocketInfo> infos() {
        List<SocketInfo> out = new ArrayList<>(order.size());
        for (String id : order) {
            PySocket s = sockets.get(id);
            if (s != null) {   // forgotten meanwhile
                out.add(s.info());
            }
        }
        return out;
    }

    Optional<SocketInfo> info(String id) {
        PySocket s = sockets.get(id);
        return s == null ? Optional.empty() : Optional.of(s.info());
    }

    /** Forgets a closed socket, so that it leaves the table. */
    void forget(String id) {
        PySocket s = sockets.get(id);
        if (s != null && s.isClosed()) {
            sockets.remove(id);
            order.remove(id);
        }
    }

    /** socket.socket(family, type): a new socket, listed under the next name. */
    PyValue create(CallContext ctx, List<PyValue> args) throws PyException {
        SocketKinds.Kind kind = SocketKinds.check(args);
        Family family = kind.family();
        SockType type = kind.type();
        String id = nextSocketId();
        register(PySocket.open(id, family, type));
        ctx.socketId = id;
        return new PyValue.SocketRef(id);
    }

    /** accept() on a listener: the connection, listed as the next conn, and its peer as Python gives it. */
    PyValue accept(CallContext ctx, PySocket listener) throws PyException {
        SocketChannel channel = listener.accept(ctx);
        String id = nextConnectionId();
        try {
            PySocket conn = new TcpSocket(id, listener.family, channel);
            register(conn);
            PyValue.Tuple peer = Addresses.toPython(listener.family, channel.getRemoteAddress());
            ctx.source = peer;
            ctx.destination = listener.ownAddress();
            return PyValue.tuple(new PyValue.SocketRef(id), UnixAddresses.python(peer));
        } catch (IOException e) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the connection is lost either way
            }
            throw Errno.wrap(e);
        }
    }
}
