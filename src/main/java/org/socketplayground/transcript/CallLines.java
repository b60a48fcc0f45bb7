package org.socketplayground.transcript;

import org.socketplayground.engine.CallRecord;
import org.socketplayground.engine.py.PyValue;

/**
 * How one call is written in the Python pane and the script: the call as a student writes it (sockets by their names,
 * ports the system chose as getsockname()[1], a group request as struct.pack builds it, large data cut), the variables
 * it assigns, and its outcome as a comment.
 */
final class CallLines {
    private final SocketNames names;
    private final ChosenPorts ports;

    CallLines(SocketNames names, ChosenPorts ports) {
        this.names = names;
        this.ports = ports;
    }

    /** {@code select.select(...)}: a function of the select module, made on no socket. */
    static boolean isSelect(CallRecord r) {
        return r.socketId() == null && r.call().equals("select");
    }

    /** A value as Python source, sockets (in select()'s lists) by their names. */
    String named(PyValue v) {
        if (v instanceof PyValue.SocketRef ref) {
            return names.of(ref.id());
        }
        if (v instanceof PyValue.PyList l) {
            return l.items().stream().map(this::named).collect(java.util.stream.Collectors.joining(", ", "[", "]"));
        }
        if (v instanceof PyValue.Tuple t) {
            String inside = t.items().stream().map(this::named).collect(java.util.stream.Collectors.joining(", "));
            return t.items().size() == 1 ? "(" + inside + ",)" : "(" + inside + ")";
        }
        return v.repr();
    }

    String line(Payloads.Kept k) {
        String code = code(k);
        if (interrupted(k.record())) {
            return "# " + code + "  -- abandoned while it waited (KeyboardInterrupt)";
        }
        String comment = comment(k);
        return comment == null ? code : code + "  # " + comment;
    }

    static boolean interrupted(CallRecord r) {
        return r.failed() && r.error().type().equals("KeyboardInterrupt");
    }

    String code(Payloads.Kept k) {
        CallRecord r = k.record();
        if (r.isLabChange()) {   // not Python: a note, so that the script still runs
            return "# the lab on " + names.of(r.socketId()) + ": " + ((PyValue.Str) r.value()).value();
        }
        if (r.isLabDrop()) {
            return "# the lab dropped " + ((PyValue.Bytes) r.value()).length() + " bytes from " + r.source().repr()
                    + " on their way to " + names.of(r.socketId());
        }
        String call = expression(k);
        if (r.failed()) {
            return call;
        }
        if (r.call().equals("socket")) {
            return names.of(r.socketId()) + " = " + call;
        }
        if (isSelect(r)) {
            return "r, w, x = " + call;
        }
        if (r.call().equals("accept") && r.value() instanceof PyValue.Tuple t && t.get(0) instanceof PyValue.SocketRef conn) {
            return names.of(conn.id()) + ", " + addressVariable(conn.id()) + " = " + call;
        }
        return call;
    }

    /** The variable an accept's address goes to: addr and the number of the connection's id, so it is unique. */
    static String addressVariable(String connectionId) {
        return "addr" + connectionId.replaceAll("\\D", "");
    }

    String comment(Payloads.Kept k) {
        CallRecord r = k.record();
        if (r.isLabDrop() || r.isLabChange()) {
            return null;
        }
        if (r.lab() != null && !r.failed()) {
            String plain = plainComment(k);
            return (plain == null ? "" : plain + "  ") + "(" + r.lab() + ")";
        }
        return plainComment(k);
    }

    private String plainComment(Payloads.Kept k) {
        CallRecord r = k.record();
        if (r.failed()) {
            return r.error().toString();
        }
        if (isSelect(r)) {
            return named(r.value());
        }
        if (k.cut() != null && r.receivedData() != null) {
            String data = k.cut().repr(r.receivedData());
            return r.value() instanceof PyValue.Tuple t ? "(" + data + ", " + t.get(1).repr() + ")" : data;
        }
        if (k.cut() != null && k.cut().note(k.data()) != null) {
            return r.value().repr() + " (" + k.cut().note(k.data()) + ")";
        }
        if (r.value() instanceof PyValue.None || r.value() instanceof PyValue.SocketRef) {
            return null;
        }
        if (r.call().equals("accept") && r.value() instanceof PyValue.Tuple t) {
            return t.get(1).repr();
        }
        String repr = r.value().repr();
        return repr.length() > 200 ? repr.substring(0, 200) + "…" : repr;
    }

    /** The call with the system's ports written as getsockname() of the socket that owns them. */
    String expression(Payloads.Kept k) {
        CallRecord r = k.record();
        StringBuilder sb = new StringBuilder();
        if (isSelect(r)) {
            return r.args().stream().map(this::named).collect(java.util.stream.Collectors.joining(", ", "select.select(", ")"));
        }
        sb.append(r.isModuleCall() ? r.module() : names.of(r.socketId())).append('.').append(r.call()).append('(');
        for (int i = 0; i < r.args().size(); i++) {
            boolean cutData = i == 0 && k.cut() != null && Payloads.isSend(r);
            String packed = i == 2 ? r.membershipSource().orElse(null) : null;   // a group request, as struct.pack builds it
            sb.append(i == 0 ? "" : ", ").append(cutData ? k.cut().source(k.data())
                    : packed != null ? packed : ports.argument(r.args().get(i), r.socketId()));
        }
        return sb.append(')').toString();
    }
}
