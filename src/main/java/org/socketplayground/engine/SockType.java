package org.socketplayground.engine;

import org.socketplayground.engine.py.PyValue;

/** Socket types the playground supports: TCP streams and UDP datagrams. */
public enum SockType {
    SOCK_STREAM(1, 6),
    SOCK_DGRAM(2, 17);

    private final int number;
    private final int protocol;

    SockType(int number, int protocol) {
        this.number = number;
        this.protocol = protocol;
    }

    public int number() {
        return number;
    }

    /** IPPROTO_TCP or IPPROTO_UDP, as getaddrinfo reports it. */
    public int protocol() {
        return protocol;
    }

    public PyValue.Const constant() {
        return new PyValue.Const(name(), "SocketKind", number);
    }

    public boolean isStream() {
        return this == SOCK_STREAM;
    }

    public static SockType ofNumber(long n) {
        for (SockType t : values()) {
            if (t.number == n) {
                return t;
            }
        }
        return null;
    }
}
