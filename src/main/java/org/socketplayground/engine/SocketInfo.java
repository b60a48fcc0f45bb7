package org.socketplayground.engine;

import org.socketplayground.engine.py.PyValue;

/**
 * A socket as a row of {@code ss} shows it, taken at one moment.
 *
 * @param local   the bound address, or null before bind
 * @param peer    the connected peer, or null
 * @param timeout null when blocking, 0.0 when non-blocking, else seconds
 * @param options the options set to something else than Linux's default, as {@code SO_BROADCAST=1}
 * @param groups  the multicast groups joined, as {@code 239.1.2.3 on lo}
 * @param lab     what the datagram lab in front of the socket does ({@code lab: loss 30%}), or null when it has none
 */
public record SocketInfo(String id, Family family, SockType type, SocketState state, PyValue.Tuple local,
                         PyValue.Tuple peer, Double timeout, long datagramsReceived, long bytesReceived,
                         long bytesSent, java.util.List<String> options,
                         java.util.List<String> groups, String lab) {

    /** "blocking", "non-blocking" or "timeout 2.5 s", as the mode column shows it. */
    public String mode() {
        if (timeout == null) {
            return "blocking";
        }
        if (timeout == 0.0) {
            return "non-blocking";
        }
        return "timeout " + new PyValue.Float(timeout).repr() + " s";
    }

    public boolean reachableFromNetwork() {
        if (local == null || state == SocketState.CLOSED || UnixAddresses.isUnix(local)) {
            return false;
        }
        String host = ((PyValue.Str) local.get(0)).value();
        return host.equals("0.0.0.0") || host.equals("::");
    }
}
