package org.socketplayground.engine;

import java.util.List;
import org.socketplayground.engine.py.PyValue;

/**
 * socket.socket(family, type, proto, fileno)'s arguments checked in Linux's order: the type's range (EINVAL), the
 * family (EAFNOSUPPORT), whether the family has the type (ESOCKTNOSUPPORT), then the protocol (EPROTONOSUPPORT).
 */
final class SocketKinds {
    /** What a valid call makes. */
    record Kind(Family family, SockType type, int proto) {
    }

    private static final int SOCK_RAW = 3;
    private static final int SOCK_PACKET = 10;

    private SocketKinds() {
    }

    static Kind check(List<PyValue> args) throws PyException {
        Args.positional("socket.__init__", args, List.of(), 4, true);
        // -1 is CPython's "not given" for each of them.
        int familyNumber = arg(args, 0, Family.AF_INET.number());
        int typeNumber = arg(args, 1, SockType.SOCK_STREAM.number());
        int proto = arg(args, 2, 0);
        if (args.size() > 3 && !(args.get(3) instanceof PyValue.None)) {
            Args.integer(args.get(3));
            throw Errno.EBADF.exception();   // the playground adopts no descriptors
        }
        if (typeNumber < 0 || typeNumber > SOCK_PACKET) {
            throw Errno.EINVAL.exception();
        }
        Family family = Family.ofNumber(familyNumber);
        if (family == null) {
            throw Errno.EAFNOSUPPORT.exception();
        }
        SockType type = SockType.ofNumber(typeNumber);
        if (typeNumber == SOCK_RAW || typeNumber == SOCK_PACKET) {
            throw new PyException(new PyError("OSError", null, "the playground makes SOCK_STREAM and SOCK_DGRAM sockets only"));
        }
        if (type == null) {
            throw Errno.ESOCKTNOSUPPORT.exception();
        }
        if (proto != 0 && proto != type.protocol()) {
            throw Errno.EPROTONOSUPPORT.exception();
        }
        return new Kind(family, type, proto);
    }

    private static int arg(List<PyValue> args, int i, int otherwise) throws PyException {
        if (i >= args.size()) {
            return otherwise;
        }
        int n = Args.clinicInt(args.get(i));
        return n == -1 ? otherwise : n;
    }
}
