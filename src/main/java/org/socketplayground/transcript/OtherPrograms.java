package org.socketplayground.transcript;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.engine.py.PyValue;

/**
 * Tells data and connections from the app's own sockets from those of another program (ncat, a python3 script, a
 * classmate), and writes how a saved script waits for the others. Run again, a script makes the app's own sends
 * itself, but nobody sends what ncat sent: a plain receive would wait for ever, so the script waits 10 s at most,
 * says what to run, and reports when nothing came.
 */
final class OtherPrograms {
    /** The Python function that makes a call waiting for another program: 10 s at most. */
    static final String WAIT = "from_another_program";
    /** The same, printing what the call gave, as the script does for every other call. */
    static final String PRINT = "print_from_another_program";
    /** The same for accept(): the rest of the script needs the connection, so without one the script stops. */
    static final String ACCEPT = "connection_from_another_program";
    /** The senders that sent nothing within 10 s: the script does not wait for them again (a flood's thousands). */
    static final String SILENT = "silent";

    /** How long the script waits for another program. */
    static final int SECONDS = 10;

    /** The hosts of the app's own sockets, by port: where their data and connections come from. */
    private final Map<Long, Set<String>> ownHosts = new HashMap<>();
    /** The TCP sockets, for the command that reaches them (ncat, not ncat -u). */
    private final Set<String> streams = new HashSet<>();

    /** Learns from a finished call: a TCP socket made, the address a send went out from. */
    void learn(CallRecord r) {
        if (r.failed()) {
            return;
        }
        if (r.call().equals("socket") && isStream(r)) {
            streams.add(r.socketId());
        }
        if (r.call().equals("accept") && r.value() instanceof PyValue.Tuple t && t.get(0) instanceof PyValue.SocketRef conn) {
            streams.add(conn.id());
        }
        if (r.call().startsWith("send")) {
            own(r.source());
        }
    }

    private static boolean isStream(CallRecord socketCall) {
        if (socketCall.args().size() < 2) {
            return true;   // socket.socket() makes a TCP socket
        }
        PyValue type = socketCall.args().get(1);
        long number = type instanceof PyValue.Const c ? c.value() : type instanceof PyValue.Int i ? i.value() : -1;
        return number == 1;
    }

    /** One of the app's sockets has this local address. */
    void own(PyValue.Tuple address) {
        if (address != null && address.size() >= 2 && address.get(0) instanceof PyValue.Str host
                && address.get(1) instanceof PyValue.Int port && port.value() != 0) {
            ownHosts.computeIfAbsent(port.value(), p -> new HashSet<>()).add(plain(host.value()));
        }
    }

    /** Whether the call received data, or a connection, that another program sent. */
    boolean isFromAnotherProgram(CallRecord r) {
        boolean received = r.receivedData() != null
                || r.call().equals("accept") && !r.failed() && r.value() instanceof PyValue.Tuple;
        if (!received || r.source() == null || r.source().size() < 2 || !(r.source().get(0) instanceof PyValue.Str host)
                || !(r.source().get(1) instanceof PyValue.Int port)) {
            return false;
        }
        Set<String> hosts = ownHosts.get(port.value());
        if (hosts == null) {
            return true;
        }
        String from = plain(host.value());
        return !(hosts.contains(from) || hosts.contains("0.0.0.0") || hosts.contains("::") || hosts.contains(""));
    }

    /** An IPv4 sender as a dual-stack socket sees it (::ffff:127.0.0.1) is the same sender. */
    private static String plain(String host) {
        return host.startsWith("::ffff:") && host.indexOf('.') > 0 ? host.substring(7) : host;
    }

    /** The sender as host:port, [host]:port for IPv6. */
    static String sender(CallRecord r) {
        String host = ((PyValue.Str) r.source().get(0)).value();
        long port = ((PyValue.Int) r.source().get(1)).value();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** The command that reaches the socket as that sender did, or null for data on an accepted connection. */
    String command(CallRecord r) {
        boolean stream = streams.contains(r.socketId());
        if (r.call().equals("accept")) {
            return "ncat";
        }
        return stream ? null : "ncat -u";
    }

    /**
     * The comment above the call in the script: who sent, and what to run.
     *
     * @param host the receiving socket's host as another program reaches it
     * @param port its port, or null when the system chose it (the script prints it when it gets there)
     */
    String comment(CallRecord r, String host, Long port) {
        String command = command(r);
        String where = port == null ? "PORT (the script prints it)" : Long.toString(port);
        String what = r.call().equals("accept") ? "connect again, e.g. " + command + " " + host + " " + where
                : command == null ? "send it again on the connection accepted above"
                : "send it again, e.g. " + command + " " + host + " " + where;
        return "# from " + sender(r) + ", another program: " + what;
    }

    /** The call, made through the helper that waits 10 s at most. */
    String call(CallRecord r, String socket, String expression) {
        String command = command(r);
        return "(" + socket + ", " + PyValue.of(sender(r)).repr() + ", " + (command == null ? "None" : PyValue.of(command).repr())
                + ", lambda: " + expression + ")";
    }

    /** The helpers a script needs when another program was involved. */
    static String helpers() {
        return SILENT + " = set()  # senders that sent nothing within " + SECONDS + " s: the script does not wait for them again\n"
                + "\n\n"
                + "def " + WAIT + "(sock, sender, command, call, again='send it again'):\n"
                + "    \"\"\"Makes a call that waits for another program (sender): " + SECONDS + " s at most, so that the script\n"
                + "    never hangs. Returns what the call gave, or None when nothing came.\"\"\"\n"
                + "    if sender in " + SILENT + ":\n"
                + "        print(f'nothing from {sender}: not waiting for it again')\n"
                + "        return None\n"
                + "    host, port = sock.getsockname()[:2]\n"
                + "    host = {'0.0.0.0': '127.0.0.1', '::': '::1'}.get(host, host)\n"
                + "    print(f'waiting " + SECONDS + " s for {sender}, another program: {again}, '\n"
                + "          + (f'e.g. {command} {host} {port}' if command else 'on its connection'))\n"
                + "    before = sock.gettimeout()\n"
                + "    sock.settimeout(" + SECONDS + ")\n"
                + "    try:\n"
                + "        return call()\n"
                + "    except socket.timeout:\n"
                + "        " + SILENT + ".add(sender)\n"
                + "        print(f'nothing from {sender} within " + SECONDS + " s')\n"
                + "        return None\n"
                + "    finally:\n"
                + "        sock.settimeout(before)\n"
                + "\n\n"
                + "def " + PRINT + "(sock, sender, command, call):\n"
                + "    \"\"\"As " + WAIT + ", printing what the call gave.\"\"\"\n"
                + "    got = " + WAIT + "(sock, sender, command, call)\n"
                + "    if got is not None:\n"
                + "        print(repr(got))\n"
                + "\n\n"
                + "def " + ACCEPT + "(sock, sender, command, call):\n"
                + "    \"\"\"As " + WAIT + " for accept(): the rest of the script needs the connection.\"\"\"\n"
                + "    got = " + WAIT + "(sock, sender, command, call, 'connect again')\n"
                + "    if got is None:\n"
                + "        raise SystemExit('the rest of the script needs that connection, so it stops here')\n"
                + "    return got\n"
                + "\n\n";
    }
}
