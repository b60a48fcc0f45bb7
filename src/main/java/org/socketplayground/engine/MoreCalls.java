package org.socketplayground.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.socketplayground.engine.py.PyValue;

/**
 * Socket methods beyond the classroom's first calls: fileno(), getblocking(), and recv_into / recvfrom_into, which
 * receive as recv / recvfrom do (with their flags) and write into the caller's bytearray.
 */
final class MoreCalls {
    /** Makes another call on the same socket within this one: recv for recv_into. */
    interface Dispatch {
        PyValue call(String call, List<PyValue> args) throws PyException;
    }

    private MoreCalls() {
    }

    static PyValue call(PySocket s, String call, List<PyValue> args, Dispatch dispatch) throws PyException {
        switch (call) {
            case "fileno" -> {
                Args.count("socket." + call, args, 0, 0);
                return PyValue.of(s.isClosed() ? -1 : s.fd);
            }
            case "getblocking" -> {
                Args.count("socket." + call, args, 0, 0);
                PyValue t = s.gettimeout();
                return PyValue.of(!(t instanceof PyValue.Float f && f.value() == 0.0));
            }
            case "recv_into", "recvfrom_into" -> {
                return receiveInto(call, args, dispatch);
            }
            default -> throw new PyException(new PyError("AttributeError", null,
                    "'socket' object has no attribute '" + call + "'"));
        }
    }

    /** recv_into(buffer, nbytes=0, flags=0): the count received; recvfrom_into: (count, address). */
    private static PyValue receiveInto(String call, List<PyValue> args, Dispatch dispatch) throws PyException {
        if (args.isEmpty()) {
            throw new PyException(PyError.typeError(call + "() missing required argument 'buffer' (pos 1)"));
        }
        if (args.size() > 3) {
            throw new PyException(PyError.typeError(call + "() takes at most 3 arguments (" + args.size() + " given)"));
        }
        PyValue buffer = args.get(0);
        PyValue.ByteArray target = buffer instanceof PyValue.ByteArray a ? a
                : buffer instanceof PyValue.MemoryView m && m.base() instanceof PyValue.ByteArray a ? a : null;
        if (target == null) {
            throw new PyException(PyError.typeError(call + "() argument 1 must be read-write bytes-like object, not "
                    + buffer.typeName()));
        }
        int offset = buffer instanceof PyValue.MemoryView m ? m.offset() : 0;
        int room = buffer instanceof PyValue.MemoryView m ? m.length() : target.length();
        long nbytes = args.size() > 1 ? Args.integer(args.get(1)) : 0;
        if (nbytes < 0) {
            throw new PyException(PyError.valueError("negative buffersize in " + call));
        }
        if (nbytes > room) {
            throw new PyException(PyError.valueError(call.equals("recv_into") ? "buffer too small for requested bytes"
                    : "nbytes is greater than the length of the buffer"));
        }
        List<PyValue> recvArgs = new ArrayList<>(args.subList(1, args.size()));
        if (recvArgs.isEmpty()) {
            recvArgs.add(PyValue.of(0));
        }
        recvArgs.set(0, PyValue.of(nbytes == 0 ? room : nbytes));
        boolean from = call.equals("recvfrom_into");
        PyValue got = dispatch.call(from ? "recvfrom" : "recv", recvArgs);
        PyValue.Bytes data = (PyValue.Bytes) (from ? ((PyValue.Tuple) got).get(0) : got);
        target.write(offset, data.value());
        PyValue count = PyValue.of(data.length());
        return from ? PyValue.tuple(count, ((PyValue.Tuple) got).get(1)) : count;
    }

    /** The lowest descriptor number from 3 (after stdin, stdout, stderr) that no open socket holds. */
    static int lowestFreeFd(Collection<PySocket> sockets) {
        java.util.BitSet used = new java.util.BitSet();
        for (PySocket s : sockets) {
            if (!s.isClosed()) {
                used.set(s.fd);
            }
        }
        return used.nextClearBit(3);
    }
}
