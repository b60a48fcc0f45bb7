package org.socketplayground.engine;

import java.util.List;
import org.socketplayground.engine.py.PyValue;

/** The methods of a socket object: each call's arguments checked as CPython checks them, then the socket's own work. */
final class SocketCalls {
    /** accept() makes a new socket, which only the engine can list. */
    interface Accepting {
        PyValue accept(CallContext ctx, PySocket listener) throws PyException;
    }

    private SocketCalls() {
    }

    static PyValue call(CallContext ctx, PySocket s, String call, List<PyValue> args, Accepting accepting)
            throws PyException {
        return switch (call) {
            case "bind" -> {
                Args.count("socket.bind", args, 1, 1);
                yield s.bind(args.get(0));
            }
            case "listen" -> {
                Args.tuple(call, args, 0, 1);
                yield s.listen(args.isEmpty() ? 128 : Args.integer(args.get(0)));
            }
            case "accept" -> {
                Args.positional("socket.accept", args, List.of(), 0, true);
                yield accepting.accept(ctx, s);
            }
            case "connect" -> {
                Args.count("socket.connect", args, 1, 1);
                yield s.connect(ctx, "connect", args.get(0));
            }
            case "connect_ex" -> {
                Args.count("socket.connect_ex", args, 1, 1);
                yield connectEx(ctx, s, args.get(0));
            }
            case "send" -> {
                Args.tuple(call, args, 1, 2);
                byte[] data = Args.bytes(args.get(0));
                yield s.send(ctx, data, Args.flags(args, 1));
            }
            case "sendall" -> {
                Args.tuple(call, args, 1, 2);
                byte[] data = Args.bytes(args.get(0));
                Args.flags(args, 1);
                yield s.sendall(ctx, data);
            }
            case "sendto" -> {
                if (args.size() < 2 || args.size() > 3) {
                    throw new PyException(PyError.typeError("sendto() takes 2 or 3 arguments (" + args.size() + " given)"));
                }
                byte[] data = Args.bytes(args.get(0));
                if (args.size() == 3) {
                    Args.cInt(args.get(1));   // the flags
                }
                yield s.sendto(ctx, data, args.get(args.size() - 1));
            }
            case "recv", "recvfrom" -> {
                Args.tuple(call, args, 1, 2);
                int bufsize = Args.bufsize(call, args.get(0));
                int flags = Args.flags(args, 1);
                yield call.equals("recv") ? s.recv(ctx, bufsize, flags) : s.recvfrom(ctx, bufsize, flags);
            }
            case "setblocking" -> {
                Args.count("socket.setblocking", args, 1, 1);
                yield s.settimeout(Args.integer(args.get(0)) != 0 ? null : 0.0);
            }
            case "settimeout" -> {
                Args.count("socket.settimeout", args, 1, 1);
                yield s.settimeout(Args.timeout(args.get(0)));
            }
            case "gettimeout" -> {
                Args.count("socket.gettimeout", args, 0, 0);
                yield s.gettimeout();
            }
            case "setsockopt" -> {
                if (args.size() != 4 || !(args.get(2) instanceof PyValue.None)) {
                    Args.tuple(call, args, 3, 3);   // the 4-argument form takes None as its value
                }
                yield s.setsockopt(Args.integer(args.get(0)), Args.integer(args.get(1)), args.get(2));
            }
            case "getsockopt" -> {
                Args.tuple(call, args, 2, 3);
                yield s.getsockopt(Args.integer(args.get(0)), Args.integer(args.get(1)));
            }
            case "shutdown" -> {
                Args.count("socket.shutdown", args, 1, 1);
                yield s.shutdown(Args.integer(args.get(0)));
            }
            case "close" -> {
                Args.positional("socket.close", args, List.of(), 0, true);
                yield s.close();
            }
            case "getsockname" -> {
                Args.count("socket.getsockname", args, 0, 0);
                yield s.getsockname();
            }
            case "getpeername" -> {
                Args.count("socket.getpeername", args, 0, 0);
                yield s.getpeername();
            }
            default -> MoreCalls.call(s, call, args, (c, a) -> call(ctx, s, c, a, accepting));
        };
    }

    /** connect_ex returns the errno instead of raising it (0 on success), as in Python. */
    private static PyValue connectEx(CallContext ctx, PySocket s, PyValue address) throws PyException {
        try {
            s.connect(ctx, "connect_ex", address);
            return PyValue.of(0);
        } catch (PyException e) {
            PyError err = e.error();
            if (err.errno() != null && !err.type().startsWith("socket.")) {
                return PyValue.of(err.errno());
            }
            throw e;
        }
    }

}
