package org.socketplayground.ui.diagram;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.socketplayground.engine.Addresses;
import org.socketplayground.engine.SockType;
import org.socketplayground.engine.SocketInfo;
import org.socketplayground.engine.SocketState;
import org.socketplayground.engine.UnixAddresses;
import org.socketplayground.engine.py.PyValue;
import org.socketplayground.system.Interfaces;

/**
 * Which of the app's sockets is at an address, for the conversation's lanes: learnt from the records (a socket's own
 * address; a stream connection's with its peer, for connections share their listener's address), else asked of the
 * engine, once per batch for an address no app socket holds. Used on the JavaFX thread.
 */
final class Endpoints {
    private final Function<String, Optional<SocketInfo>> socketInfo;
    private final Supplier<List<SocketInfo>> allSockets;
    /** The app socket at an address, learnt from the records: "host:port", or "host:port|peer" for a stream's. */
    private final Map<String, String> owners = new HashMap<>();
    private final Map<String, Boolean> streams = new HashMap<>();
    /** Each app socket's address as last seen in its records: a closed socket has none left to ask for. */
    private final Map<String, String> addresses = new HashMap<>();
    /** The own address each datagram socket was last learnt at. */
    private final Map<String, PyValue.Tuple> learnt = new HashMap<>();
    /** Addresses no app socket holds, within one batch: under a flood from outside, the sockets are asked once. */
    private final Set<String> outside = new HashSet<>();
    /** The machine's own addresses, read off the JavaFX thread (interfaces are asked of the system); none until then. */
    private final CompletableFuture<Set<String>> localHosts = CompletableFuture.supplyAsync(() -> {
        Set<String> hosts = new HashSet<>();
        Interfaces.list().forEach(a -> hosts.add(a.address()));
        return hosts;
    });

    Endpoints(Function<String, Optional<SocketInfo>> socketInfo, Supplier<List<SocketInfo>> allSockets) {
        this.socketInfo = socketInfo;
        this.allSockets = allSockets;
    }

    /** The socket as the engine has it now. */
    Optional<SocketInfo> info(String id) {
        return socketInfo.apply(id);
    }

    /** A new batch of rows: the sockets may have changed since the last. */
    void newBatch() {
        outside.clear();
    }

    void clear() {
        owners.clear();
        streams.clear();
        addresses.clear();
        learnt.clear();
        outside.clear();
    }

    /** The socket holds the address (a key, as {@link #key} makes it, with "|peer" for a connection). */
    void holds(String addressKey, String id) {
        owners.put(addressKey, id);
    }

    /** A connection that accept() made: a stream socket, at this address. */
    void accepted(String id, PyValue.Tuple local, PyValue.Tuple peer) {
        streams.put(id, true);
        owners.put(key(local) + "|" + key(peer), id);
        addresses.put(id, Addresses.display(local));
    }

    /** The socket's address as its records last showed it, or null. */
    String address(String id) {
        return addresses.get(id);
    }

    boolean isStream(String id) {
        return streams.computeIfAbsent(id, k -> socketInfo.apply(k).map(i -> i.type() == SockType.SOCK_STREAM).orElse(false));
    }

    /** Remembers where a socket is: its own address, and for a stream its peer too (connections share addresses). */
    void learn(String id, PyValue.Tuple own, PyValue.Tuple other, boolean stream) {
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
    String owner(PyValue.Tuple address, PyValue.Tuple own) {
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
        return localHosts.getNow(Set.of()).contains(host);
    }

    static String host(PyValue.Tuple address) {
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
}
