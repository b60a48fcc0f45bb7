package org.socketplayground.bench;

import java.util.Collection;
import java.util.Locale;

/**
 * The benchmark's last line, for scripts. A figure of a part that did not run (-Dbench.parts) reads {@code n/a}:
 * a 0 there would read like a pass ({@code lost=0}, {@code stall_ms=0}).
 */
final class BenchLine {
    static final String NOT_RUN = "n/a";

    private BenchLine() {
    }

    /**
     * @param parts the parts that ran: udp (ratio, recv_us: the receiving thread's CPU per datagram, app/bare loop, lost, stall_ms), memory (heap_mb), startup (startup_ms) and tcp
     *              (tcp_clients, tcp_stall_ms)
     */
    static String format(Collection<String> parts, double ratio, double appRecvUs, double bareRecvUs, long lost,
                         long stallMs, long heapMb, long startupMs, long tcpComplete, int tcpClients, long tcpStallMs) {
        boolean udp = parts.contains("udp");
        boolean tcp = parts.contains("tcp");
        return "bench: ratio=" + (udp ? String.format(Locale.ROOT, "%.2f", ratio) : NOT_RUN)
                + " recv_us=" + (udp ? String.format(Locale.ROOT, "%.1f/%.1f", appRecvUs, bareRecvUs) : NOT_RUN)
                + " lost=" + (udp ? Long.toString(lost) : NOT_RUN)
                + " stall_ms=" + (udp ? Long.toString(stallMs) : NOT_RUN)
                + " heap_mb=" + (parts.contains("memory") ? Long.toString(heapMb) : NOT_RUN)
                + " startup_ms=" + (parts.contains("startup") ? Long.toString(startupMs) : NOT_RUN)
                + " tcp_clients=" + (tcp ? tcpComplete + "/" + tcpClients : NOT_RUN)
                + " tcp_stall_ms=" + (tcp ? Long.toString(tcpStallMs) : NOT_RUN);
    }

    /** A table cell: the figure, or n/a when its part did not run. */
    static String cell(Collection<String> parts, String part, String figure) {
        return parts.contains(part) ? figure : NOT_RUN;
    }
}
