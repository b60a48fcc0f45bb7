package org.socketplayground.engine;

import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import org.socketplayground.engine.py.PyValue;

/** Address families the playground supports, with Linux's numbers. */
public enum Family {
    AF_INET(2, StandardProtocolFamily.INET),
    AF_INET6(10, StandardProtocolFamily.INET6),
    /** Sockets on one machine, addressed by a path (or a Linux abstract name), not by a host and a port. */
    AF_UNIX(1, StandardProtocolFamily.UNIX);

    private final int number;
    private final ProtocolFamily protocolFamily;

    Family(int number, ProtocolFamily protocolFamily) {
        this.number = number;
        this.protocolFamily = protocolFamily;
    }

    /** Whether addresses are (host, port) pairs: every family but AF_UNIX. */
    public boolean usesPorts() {
        return this != AF_UNIX;
    }

    public int number() {
        return number;
    }

    ProtocolFamily protocolFamily() {
        return protocolFamily;
    }

    public PyValue.Const constant() {
        return new PyValue.Const(name(), "AddressFamily", number);
    }

    public static Family ofNumber(long n) {
        for (Family f : values()) {
            if (f.number == n) {
                return f;
            }
        }
        return null;
    }
}
