package org.socketplayground.engine;

import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import org.socketplayground.engine.py.PyValue;

/** Address families the playground supports, with Linux's numbers. */
public enum Family {
    AF_INET(2, StandardProtocolFamily.INET),
    AF_INET6(10, StandardProtocolFamily.INET6);

    private final int number;
    private final ProtocolFamily protocolFamily;

    Family(int number, ProtocolFamily protocolFamily) {
        this.number = number;
        this.protocolFamily = protocolFamily;
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
