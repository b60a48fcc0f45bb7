package org.socketplayground.transcript;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.engine.py.PyValue;

/**
 * The ports the system chose (bind to port 0, or the port a first sendto picked), learned from the calls, so that the
 * transcript writes them as {@code s1.getsockname()[1]} and the script still reaches the right socket when run again.
 */
final class ChosenPorts {
    private final Function<String, PyValue.Tuple> localAddressOf;
    private final OtherPrograms others;
    private final SocketNames names;
    /** Ports the system chose, and the socket that owns each. */
    private final Map<Long, String> chosenPorts = new HashMap<>();
    private final Set<Long> userPorts = new HashSet<>();
    private final Set<String> knownSockets = new HashSet<>();
    /** Each socket's local address when last learned: a closed socket has none, and the script still names it. */
    private final Map<String, PyValue.Tuple> lastLocal = new HashMap<>();

    ChosenPorts(Function<String, PyValue.Tuple> localAddressOf, OtherPrograms others, SocketNames names) {
        this.localAddressOf = localAddressOf;
        this.others = others;
        this.names = names;
    }

    /** Whether the user chose this port (bound to it). */
    boolean isUsers(long port) {
        return userPorts.contains(port);
    }

    /** The socket's local address when last learned, else as the engine has it now (or null). */
    PyValue.Tuple lastLocal(String socketId) {
        return lastLocal.getOrDefault(socketId, localAddressOf.apply(socketId));
    }

    /** Learns the ports of the sockets a finished call concerns. */
    void learn(CallRecord r) {
        if (r.failed() || r.socketId() == null) {
            return;
        }
        String id = r.socketId();
        if (r.call().equals("bind") && r.args().get(0) instanceof PyValue.Tuple t && t.get(1) instanceof PyValue.Int p
                && p.value() != 0) {
            userPorts.add(p.value());
        }
        if (r.call().equals("accept") && r.value() instanceof PyValue.Tuple t && t.get(0) instanceof PyValue.SocketRef conn) {
            knownSockets.add(conn.id());
            remember(conn.id());
        }
        if (!knownSockets.contains(id) || r.call().equals("bind") || r.call().startsWith("send") || r.call().equals("connect")
                || r.call().equals("listen")) {
            knownSockets.add(id);
            remember(id);
        }
    }

    private void remember(String id) {
        PyValue.Tuple local = localAddressOf.apply(id);
        others.own(local);
        if (local != null) {
            lastLocal.put(id, local);
        }
        if (local != null && local.size() >= 2 && local.get(1) instanceof PyValue.Int p && p.value() != 0 && !userPorts.contains(p.value())) {
            chosenPorts.putIfAbsent(p.value(), id);
        }
    }

    /** An argument as Python source, an address at a port the system chose written as getsockname() of its owner. */
    String argument(PyValue arg, String caller) {
        if (arg instanceof PyValue.Tuple t && t.size() >= 2 && t.get(0) instanceof PyValue.Str host
                && t.get(1) instanceof PyValue.Int port) {
            String owner = chosenPorts.get(port.value());
            if (owner != null && !owner.equals(caller)) {
                PyValue.Tuple local = localAddressOf.apply(owner);
                if (local != null && local.get(0) instanceof PyValue.Str ownHost && ownHost.value().equals(host.value())
                        && t.size() == 2 && local.size() == 2) {
                    return names.of(owner) + ".getsockname()";
                }
                return "(" + host.repr() + ", " + names.of(owner) + ".getsockname()[1])";
            }
        }
        return arg.source();
    }
}
