package org.socketplayground.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The other end of the flood benchmark, run as its own process so that it does not share the benchmark's JVM
 * (only its CPU). Everything it sends goes to loopback; every mode ends by itself.
 *
 * <pre>
 * udp HOST PORT SECONDS MAX_COUNT [PER_SECOND]
 *                                   64-byte datagrams as fast as it can (or at PER_SECOND) until the time or the
 *                                   count is reached;
 *                                   prints "sent COUNT NANOS CPU_NANOS"
 * tcp HOST PORT CLIENTS MESSAGES SIZE
 *                                   opens CLIENTS connections at once, prints "connected N", waits for "go" on
 *                                   stdin, then each client sends MESSAGES messages of SIZE bytes; prints
 *                                   "client LOCALPORT BYTES" per client and "sent TOTAL NANOS", then waits for
 *                                   "quit" (or 60 s) and closes the connections
 * </pre>
 */
public final class FloodSender {
    static final int DATAGRAM = 64;

    private FloodSender() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "udp" -> udp(args[1], Integer.parseInt(args[2]), Double.parseDouble(args[3]), Long.parseLong(args[4]),
                    args.length > 5 ? Long.parseLong(args[5]) : 0);
            case "tcp" -> tcp(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]));
            default -> throw new IllegalArgumentException(args[0]);
        }
        System.out.flush();
        System.exit(0);
    }

    private static void udp(String host, int port, double seconds, long maxCount, long perSecond) throws IOException {
        try (DatagramChannel ch = DatagramChannel.open()) {
            ch.setOption(StandardSocketOptions.SO_SNDBUF, 1 << 20);
            ch.connect(new InetSocketAddress(host, port));
            ByteBuffer buf = ByteBuffer.allocateDirect(DATAGRAM);
            for (int i = 0; i < DATAGRAM; i++) {
                buf.put(i, (byte) ('a' + i % 26));
            }
            long start = System.nanoTime();
            long end = start + (long) (seconds * 1e9);
            long sent = 0;
            long errors = 0;
            while (sent < maxCount) {
                buf.clear();
                buf.putLong(0, sent);
                try {
                    if (ch.write(buf) == DATAGRAM) {
                        sent++;
                    }
                } catch (IOException e) {
                    // a connected UDP socket reports an ICMP error from an earlier datagram: not sent by this call
                    if (++errors > 1000) {
                        throw e;
                    }
                }
                if ((sent & 255) == 0 && System.nanoTime() >= end) {
                    break;
                }
                if (perSecond > 0 && (sent & 63) == 0) {
                    // paced: wait until this many datagrams are due
                    long due = start + sent * 1_000_000_000L / perSecond;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                }
            }
            long nanos = System.nanoTime() - start;
            long cpu = ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(-1L);
            System.out.println("sent " + sent + " " + nanos + " " + cpu);
        }
    }

    private static void tcp(String host, int port, int clients, int messages, int size) throws Exception {
        InetSocketAddress target = new InetSocketAddress(host, port);
        List<SocketChannel> channels = new ArrayList<>(clients);
        try {
            // Every connect starts before any finishes: the listener sees them all at once.
            for (int i = 0; i < clients; i++) {
                SocketChannel ch = SocketChannel.open();
                ch.configureBlocking(false);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                ch.connect(target);
                channels.add(ch);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            for (SocketChannel ch : channels) {
                while (!ch.finishConnect()) {
                    if (System.nanoTime() > deadline) {
                        throw new IOException("connect timed out");
                    }
                    Thread.sleep(1);
                }
                ch.configureBlocking(true);
            }
            System.out.println("connected " + channels.size());
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            if (!"go".equals(in.readLine())) {
                return;
            }
            long start = System.nanoTime();
            long[] sent = new long[clients];
            List<Thread> threads = new ArrayList<>();
            // Two threads, each serving half the clients in turn: every client's 100 messages go out interleaved. Two
            // keep a two-core machine's kernel as busy as eight did (the same data phase, about 0.2 s); more threads
            // only take turns on the cores away from the app, whose clients would be other machines in a classroom.
            int nThreads = Math.min(2, clients);
            for (int t = 0; t < nThreads; t++) {
                int first = t;
                Thread th = new Thread(() -> {
                    ByteBuffer buf = ByteBuffer.allocate(size);
                    for (int m = 0; m < messages; m++) {
                        for (int c = first; c < clients; c += nThreads) {
                            buf.clear();
                            for (int i = 0; i < size; i++) {
                                buf.put(i, (byte) ('A' + (c + m + i) % 26));
                            }
                            try {
                                while (buf.hasRemaining()) {
                                    sent[c] += channels.get(c).write(buf);
                                }
                            } catch (IOException e) {
                                System.out.println("error client " + c + ": " + e);
                            }
                        }
                    }
                });
                th.start();
                threads.add(th);
            }
            for (Thread th : threads) {
                th.join(60_000);
            }
            long nanos = System.nanoTime() - start;
            long total = 0;
            for (int c = 0; c < clients; c++) {
                System.out.println("client " + ((InetSocketAddress) channels.get(c).getLocalAddress()).getPort() + " " + sent[c]);
                total += sent[c];
            }
            System.out.println("sent " + total + " " + nanos);
            System.out.flush();
            Thread waiter = new Thread(() -> {
                try {
                    in.readLine();
                } catch (IOException ignored) {
                    // the benchmark is gone: close anyway
                }
            });
            waiter.setDaemon(true);
            waiter.start();
            waiter.join(60_000);
        } finally {
            for (SocketChannel ch : channels) {
                ch.close();
            }
        }
    }
}
