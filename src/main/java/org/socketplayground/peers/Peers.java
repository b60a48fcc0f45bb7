package org.socketplayground.peers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.engine.Family;
import org.socketplayground.engine.SockType;
import org.socketplayground.engine.SocketEngine;
import org.socketplayground.engine.py.PyValue;
import org.socketplayground.i18n.Texts;

/**
 * Built-in peers, so that one student alone can run every lesson: echo servers and a launcher of clients.
 * They are ordinary sockets of the engine, made and driven through its calls, so they appear in the socket
 * table and their traffic in the log with its true addresses. They bind to loopback unless told otherwise.
 */
public final class Peers implements AutoCloseable {
    /** What the classroom's UDP server answers: the prefix, then the data. */
    public static final String DEFAULT_PREFIX = "OK...";
    public static final String LOOPBACK = "127.0.0.1";
    /** Clients one start may make: a classroom's worth, not enough to exhaust threads and ports. */
    public static final int MAX_CLIENTS = 50;
    /**
     * The pause after a call that failed without ending the socket, as "receive continuously" pauses: a peer whose
     * socket the user made non-blocking gets BlockingIOError at once, and must poll, not spin.
     */
    static final long RETRY_PAUSE_MS = 250;
    /** What one flood sends: enough to overflow a small receive buffer, 50 kB in all, one log row each. */
    public static final int FLOOD_DATAGRAMS = 500;
    static final int FLOOD_BYTES = 100;
    /** How many pings the UDP pinger sends, one after another, as the textbook lab does. */
    public static final int PINGS = 10;

    private final SocketEngine engine;
    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "peer-" + threads.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private final java.util.Set<String> own = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** The UDP echo servers: they answer every datagram, so auto-reply must not answer them. */
    private final java.util.Set<String> echoServers = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public Peers(SocketEngine engine) {
        this.engine = engine;
    }

    /** The kinds a lesson or the menu can start. */
    public enum Kind {
        UDP_ECHO("udp-echo"),
        UDP_UPPER("udp-upper"),
        TCP_ECHO("tcp-echo"),
        TCP_ECHO_THREADS("tcp-echo-threads"),
        UDP_CLIENTS("udp-clients"),
        TCP_CLIENTS("tcp-clients"),
        UDP_FLOOD("udp-flood"),
        UDP_PINGER("udp-pinger");

        public final String word;

        Kind(String word) {
            this.word = word;
        }

        /** What the peer is, in the language in use (asked each time: the enum outlives a language choice). */
        public String description() {
            return switch (this) {
                case UDP_ECHO -> Texts.get("peers.kind.udpEcho");
                case UDP_UPPER -> Texts.get("peers.kind.udpUpper");
                case TCP_ECHO -> Texts.get("peers.kind.tcpEcho");
                case TCP_ECHO_THREADS -> Texts.get("peers.kind.tcpEchoThreads");
                case UDP_CLIENTS -> Texts.get("peers.kind.udpClients");
                case TCP_CLIENTS -> Texts.get("peers.kind.tcpClients");
                case UDP_FLOOD -> Texts.get("peers.kind.udpFlood", FLOOD_DATAGRAMS);
                case UDP_PINGER -> Texts.get("peers.kind.udpPinger", PINGS);
            };
        }

        public static Kind of(String word) {
            for (Kind k : values()) {
                if (k.word.equalsIgnoreCase(word)) {
                    return k;
                }
            }
            throw new IllegalArgumentException(Texts.get("peers.kind.unknown", word));
        }
    }

    /** Starts a server peer on host:port (port 0 for any) and returns its socket id once it is bound. */
    public String startServer(Kind kind, String host, int port, String prefix) {
        boolean udp = kind == Kind.UDP_ECHO || kind == Kind.UDP_UPPER;
        String id = newSocket(udp ? SockType.SOCK_DGRAM : SockType.SOCK_STREAM);
        call(id, "bind", SocketEngine.address(host, port));
        if (udp) {
            echoServers.add(id);
            executor.execute(() -> udpEcho(id, kind == Kind.UDP_UPPER ? null : prefix));
        } else {
            call(id, "listen", PyValue.of(5));
            executor.execute(() -> tcpEcho(id, kind == Kind.TCP_ECHO_THREADS));
        }
        return id;
    }

    /**
     * Starts n client sockets that each send a few messages to the target at random moments within about
     * two seconds, reading the replies. Returns their ids.
     */
    public List<String> startClients(boolean udp, int n, PyValue.Tuple target) {
        if (n < 1 || n > MAX_CLIENTS) {
            throw new IllegalArgumentException("the built-in peers start 1 to " + MAX_CLIENTS + " clients, not " + n);
        }
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            String id = newSocket(udp ? SockType.SOCK_DGRAM : SockType.SOCK_STREAM);
            ids.add(id);
            int number = i;
            executor.execute(() -> client(id, number, udp, target));
        }
        return ids;
    }

    /**
     * Starts one UDP socket that sends {@link #FLOOD_DATAGRAMS} datagrams of {@link #FLOOD_BYTES} bytes to the target
     * as fast as it can, then closes: what overflows a receive buffer that nobody reads. Returns its id.
     */
    public String startFlood(PyValue.Tuple target) {
        String id = newSocket(SockType.SOCK_DGRAM);
        executor.execute(() -> {
            if (isLoopback(target) && call(id, "bind", SocketEngine.address("127.0.0.1", 0)).failed()) {
                return;
            }
            for (int i = 1; i <= FLOOD_DATAGRAMS && !Thread.currentThread().isInterrupted(); i++) {
                byte[] message = String.format(Locale.ROOT, "%-" + FLOOD_BYTES + "s", "flood " + i).getBytes(StandardCharsets.US_ASCII);
                if (over(call(id, "sendto", PyValue.of(message), target))) {
                    return;
                }
            }
            call(id, "close");
        });
        return id;
    }

    /**
     * The textbook UDP pinger: sends {@code Ping 1 <time>} to {@code Ping 10 <time>} to the target, one at a time,
     * waits up to a second for each echo, and reports each round-trip time or "Request timed out", then the least,
     * mean and most RTT and the loss rate. Blocks until done (about ten seconds at most); report gets each line.
     */
    public PingSummary ping(PyValue.Tuple target, java.util.function.Consumer<String> report) {
        if (!udpTarget(target)) {
            throw new IllegalArgumentException(Texts.get("peers.pinger.notIpv4", target.repr()));
        }
        String id = newSocket(SockType.SOCK_DGRAM);
        report.accept(Texts.get("peers.pinger.pinging", target.repr(), id));
        if (isLoopback(target) && call(id, "bind", SocketEngine.address("127.0.0.1", 0)).failed()) {
            return new PingSummary(id, 0, List.of());
        }
        call(id, "settimeout", PyValue.of(1));
        List<Double> rtts = new ArrayList<>();
        int sent = 0;
        for (int seq = 1; seq <= PINGS && !Thread.currentThread().isInterrupted(); seq++) {
            String message = "Ping " + seq + " " + java.time.LocalTime.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            long start = System.nanoTime();
            CallRecord out = call(id, "sendto", PyValue.of(message.getBytes(StandardCharsets.US_ASCII)), target);
            if (out.failed()) {
                report.accept(Texts.get("peers.pinger.failed", seq, out.error()));
                if (over(out)) {
                    break;
                }
                continue;
            }
            sent++;
            CallRecord echo = call(id, "recvfrom", PyValue.of(1024));
            if (echo.failed()) {
                report.accept(Texts.get("peers.pinger.timedOut", seq));
                if (over(echo)) {
                    break;
                }
                continue;
            }
            double ms = (System.nanoTime() - start) / 1e6;
            rtts.add(ms);
            report.accept(Texts.get("peers.pinger.rtt", seq, String.format(Locale.ROOT, "%.3f", ms)));
        }
        call(id, "close");
        PingSummary summary = new PingSummary(id, sent, rtts);
        report.accept(summary.toString());
        return summary;
    }

    /** Starts the pinger on a thread of its own, for a lesson's Peer: line; its calls show in the log. */
    public void startPinger(PyValue.Tuple target) {
        executor.execute(() -> ping(target, line -> { }));
    }

    private static boolean udpTarget(PyValue.Tuple target) {
        return target.size() == 2 && target.get(0) instanceof PyValue.Str;
    }

    /** What the pinger found: pings sent, and the round-trip times of those answered, in milliseconds. */
    public record PingSummary(String socket, int sent, List<Double> rtts) {
        public int lossPercent() {
            return sent == 0 ? 100 : (int) Math.round(100.0 * (sent - rtts.size()) / sent);
        }

        @Override
        public String toString() {
            String head = Texts.get("peers.pinger.statistics", sent, rtts.size(), lossPercent());
            if (rtts.isEmpty()) {
                return head;
            }
            double min = rtts.stream().mapToDouble(Double::doubleValue).min().orElse(0);
            double max = rtts.stream().mapToDouble(Double::doubleValue).max().orElse(0);
            double avg = rtts.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            return head + Texts.get("peers.pinger.rtts", String.format(Locale.ROOT, "%.3f", min), String.format(Locale.ROOT, "%.3f", avg),
                    String.format(Locale.ROOT, "%.3f", max));
        }
    }

    private String newSocket(SockType type) {
        CallRecord made = engine.socket(Family.AF_INET, type);
        if (made.failed()) {
            throw new IllegalStateException(made.outcome());
        }
        String id = ((PyValue.SocketRef) made.value()).id();
        own.add(id);
        return id;
    }

    /** Whether the socket is one of the peers' own (a server, a client, or a connection a server accepted). */
    public boolean owns(String socketId) {
        return socketId != null && own.contains(socketId);
    }

    /** Whether a datagram from this (host, port) comes from one of the built-in UDP echo servers. */
    public boolean isEchoServerAt(PyValue.Tuple address) {
        if (address == null || address.size() < 2 || echoServers.isEmpty()) {
            return false;
        }
        for (String id : echoServers) {
            PyValue.Tuple local = engine.socket(id).map(info -> info.local()).orElse(null);
            if (local != null && local.size() >= 2 && local.get(1).equals(address.get(1))
                    && (local.get(0).equals(address.get(0)) || isEveryInterface(local.get(0)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isEveryInterface(PyValue host) {
        return host instanceof PyValue.Str s && (s.value().equals("0.0.0.0") || s.value().equals("::") || s.value().isEmpty());
    }

    private CallRecord call(String id, String name, PyValue... args) {
        return engine.call(id, name, args);
    }

    private static boolean over(CallRecord r) {
        return r.failed() && r.error().errno() != null && (r.error().errno() == 9 || r.error().errno() == 22);
    }

    /**
     * After a failed call that did not end the socket: pause before the next, unless it waited its timeout already.
     * False when the peer is to stop.
     */
    private static boolean backOff(CallRecord failed) {
        if (failed.error().type().equals("TimeoutError")) {
            return !Thread.currentThread().isInterrupted();
        }
        try {
            Thread.sleep(RETRY_PAUSE_MS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** while True: data, addr = s.recvfrom(1024); s.sendto(reply, addr) */
    private void udpEcho(String id, String prefix) {
        while (true) {
            CallRecord got = call(id, "recvfrom", PyValue.of(65535));
            if (over(got) || Thread.currentThread().isInterrupted()) {
                return;
            }
            if (got.failed()) {
                if (!backOff(got)) {
                    return;
                }
                continue;
            }
            byte[] data = got.receivedData().value();
            byte[] reply = prefix == null
                    ? new String(data, StandardCharsets.UTF_8).toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)
                    : concat(prefix.getBytes(StandardCharsets.UTF_8), data);
            call(id, "sendto", PyValue.of(reply), got.source());
        }
    }

    /** while True: conn, addr = s.accept(); echo until b'' (on a thread of its own when threaded) */
    private void tcpEcho(String id, boolean threaded) {
        while (true) {
            CallRecord accepted = call(id, "accept");
            if (over(accepted) || Thread.currentThread().isInterrupted()) {
                return;
            }
            if (accepted.failed()) {
                if (!backOff(accepted)) {
                    return;
                }
                continue;
            }
            String conn = ((PyValue.SocketRef) ((PyValue.Tuple) accepted.value()).get(0)).id();
            own.add(conn);
            if (threaded) {
                executor.execute(() -> echoConnection(conn));
            } else {
                echoConnection(conn);
            }
        }
    }

    private void echoConnection(String conn) {
        while (true) {
            CallRecord got = call(conn, "recv", PyValue.of(1024));
            PyValue.Bytes data = got.receivedData();
            if (got.failed() && isTryAgain(got) && backOff(got)) {
                continue;   // made non-blocking, or given a timeout: the client may still send
            }
            if (got.failed() || data == null || data.length() == 0) {
                break;
            }
            call(conn, "sendall", data);
        }
        call(conn, "close");
    }

    private static boolean isTryAgain(CallRecord r) {
        return r.error().type().equals("TimeoutError") || Integer.valueOf(11).equals(r.error().errno());
    }

    private void client(String id, int number, boolean udp, PyValue.Tuple target) {
        try {
            if (!udp && call(id, "connect", target).failed()) {
                return;
            }
            // Sending would bind the socket to every interface; a loopback target needs only loopback.
            if (udp && isLoopback(target) && call(id, "bind", SocketEngine.address("127.0.0.1", 0)).failed()) {
                return;
            }
            call(id, "settimeout", PyValue.of(2));
            for (int i = 1; i <= 3; i++) {
                Thread.sleep(ThreadLocalRandom.current().nextInt(100, 700));
                byte[] message = ("client " + number + " message " + i).getBytes(StandardCharsets.UTF_8);
                CallRecord sent = udp ? call(id, "sendto", PyValue.of(message), target) : call(id, "sendall", PyValue.of(message));
                if (over(sent)) {
                    return;
                }
                call(id, udp ? "recvfrom" : "recv", PyValue.of(1024));
            }
            call(id, "close");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean isLoopback(PyValue.Tuple target) {
        String host = ((PyValue.Str) target.get(0)).value();
        return host.startsWith("127.") || host.equals("localhost");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /**
     * Stops the peers' threads without waiting for them, so that the JavaFX thread can call it; the engine closes
     * their sockets when it closes, which ends their calls.
     */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
