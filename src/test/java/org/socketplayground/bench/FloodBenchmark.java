package org.socketplayground.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import org.controlsfx.control.StatusBar;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.socketplayground.robustness.HeapAfterGc;
import org.socketplayground.engine.Family;
import org.socketplayground.engine.SockType;
import org.socketplayground.engine.SocketInfo;
import org.socketplayground.engine.py.PyValue;
import org.socketplayground.ui.PlaygroundApp;
import org.socketplayground.ui.session.SocketRow;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 5's benchmark: the live log at wire speed. Not part of the normal test run (the class name is not a test
 * name, and it is tagged "bench"); run it with {@code mvn -B -Pbench verify} (about three minutes on two cores).
 *
 * <ol>
 * <li>UDP flood: {@link FloodSender}, a separate JVM, sends 64-byte datagrams as fast as it can for
 * {@code bench.floodSeconds} to a bare {@code DatagramChannel} loop in this JVM (the baseline, run before and after
 * the app's, the faster counts), and to a socket of the app, made, bound and switched to "receive continuously"
 * through the window's controls, in a real Stage of the headless (Monocle) toolkit. The app's count is the socket
 * row's exact counter (its "Received" cell); {@code lost} = sent - the kernel's receive-side drops during the run
 * (Udp InErrors in /proc/net/snmp, machine-wide) - the app's count.</li>
 * <li>Fixed rates ({@link FixedRates}, part "rates"): the app's socket and then the bare loop flooded at 20,000, 50,000
 * and 100,000 datagrams/s; the datagrams the kernel dropped at each socket.</li>
 * <li>Responsiveness: the longest gap between two pulses, from an AnimationTimer, during the app's flood.</li>
 * <li>Memory: heap in use after a flood of 2,000,000 datagrams to the app and System.gc().</li>
 * <li>Start-up: the launch to the layout of the first pulse after the main window shows, median of fresh JVMs
 * ({@link StartupProbe}), from the app image of {@code mvn -Pdist package} if it was built, with the AppCDS archive its
 * launcher makes at the first start (else from the jars; the table says which); also the image's first start, the
 * jars, and the jars with an AppCDS archive, for comparison.</li>
 * <li>TCP: clients in the sender's JVM connect at once to a listening socket of the app; the user's part
 * (accept() once per client, then "receive continuously" on each connection) goes through the window; each client
 * sends 100 messages; a client counts when its connection's row shows every byte it sent. A first round as large,
 * not counted, warms the JIT.</li>
 * </ol>
 * Each measured UDP flood follows a warm-up flood that lasts until the JIT has settled ({@link #warmUp}), and each
 * measured phase reports the processor time of this JVM's threads, the sender's
 * and the rest of the machine's, so that a run on a shared machine can be told from a clean one. It prints a table
 * and, last, one line for scripts:
 * {@code bench: ratio=R recv_us=APP/BARE lost=N stall_ms=MS heap_mb=MB startup_ms=MS tcp_clients=OK/ALL tcp_stall_ms=MS}
 * (also in target/bench-result.txt); a figure of a part left out with -Dbench.parts reads n/a ({@link BenchLine}).
 * It reports figures and does not judge them; it fails only when it cannot
 * produce the line.
 */
@Tag("bench")
class FloodBenchmark {
    /** Datagrams a second for the measured UDP floods; 0, the default, is as fast as the sender can. */
    private static final long RATE = Long.getLong("bench.rate", 0);
    /** The tab in front during the run (bench.tab, an fx:id such as diagramTab); the lesson's by default. */
    private static final String TAB = System.getProperty("bench.tab", "lessonTab");
    private static final double FLOOD_SECONDS = Double.parseDouble(System.getProperty("bench.floodSeconds", "4"));
    /** A flood before each measured one, not counted: the JIT compiles the receiving path first, as in a lesson. */
    private static final double WARMUP_SECONDS = Double.parseDouble(System.getProperty("bench.warmupSeconds", "3"));
    /** The warm-up goes on, a second at a time, until the JIT compiles less than this in a second (or for this long). */
    private static final long JIT_SETTLED_MS = Long.getLong("bench.jitSettledMs", 50);
    private static final double WARMUP_MAX_SECONDS = Double.parseDouble(System.getProperty("bench.warmupMaxSeconds", "25"));
    /** How long each warm-up took, in order. */
    private final List<Double> warmUps = new ArrayList<>();
    private static final long MEMORY_DATAGRAMS = Long.getLong("bench.memoryDatagrams", 2_000_000);
    private static final int TCP_CLIENTS = Integer.getInteger("bench.tcpClients", 200);
    /**
     * Clients of a first TCP round, not counted, so that the measured round runs compiled code: as many as in the
     * measured round, since the JIT compiles a path once it has run so many times, and 50 clients left the compiler
     * busy on the receive loop through the measured round.
     */
    private static final int TCP_WARMUP_CLIENTS = Integer.getInteger("bench.tcpWarmupClients", TCP_CLIENTS);
    private static final int TCP_MESSAGES = Integer.getInteger("bench.tcpMessages", 100);
    private static final int TCP_MESSAGE_SIZE = Integer.getInteger("bench.tcpMessageSize", 64);
    private static final int STARTUP_RUNS = Integer.getInteger("bench.startupRuns", 5);
    /** Which parts run, for work on one of them: any of udp, rates, memory, tcp, startup (the default runs all). */
    private static final List<String> PARTS = List.of(System.getProperty("bench.parts", "udp,rates,memory,tcp,startup").split(","));

    private final List<String[]> table = new ArrayList<>();
    private final List<FixedRates.Pair> rates = new ArrayList<>();
    private final PulseWatch pulses = new PulseWatch();
    private FxRobot robot;

    /** The same run without Maven: {@code java -cp <test classpath> org.socketplayground.bench.FloodBenchmark}. */
    public static void main(String[] args) throws Exception {
        for (String[] p : new String[][] {{"testfx.headless", "true"}, {"testfx.robot", "glass"}, {"prism.order", "sw"},
                {"java.awt.headless", "true"}, {"headless.geometry", "1600x1000-32"}}) {
            if (System.getProperty(p[0]) == null) {
                System.setProperty(p[0], p[1]);
            }
        }
        new FloodBenchmark().floodTheLiveLog();
        System.exit(0);
    }

    @Test
    void floodTheLiveLog() throws Exception {
        long began = System.nanoTime();
        jars = Jars.make();
        try {
            run(began);
        } finally {
            jars.delete();
        }
    }

    private void run(long began) throws Exception {
        // 1a. The baseline: a bare DatagramChannel loop in this JVM, before the window exists.
        Flood baselineBefore = PARTS.contains("udp") ? baselineFlood() : null;

        // The application, in a real Stage of the headless toolkit.
        FxToolkit.registerPrimaryStage();
        PlaygroundApp app = (PlaygroundApp) FxToolkit.setupApplication(PlaygroundApp::new);
        robot = new FxRobot();
        Platform.runLater(() -> {
            pulses.start();
            robot.lookup("#logTable").queryAs(TableView.class).getItems()
                    .addListener((javafx.collections.ListChangeListener<Object>) c -> pulses.logChanged());
            // -Dbench.tab=diagramTab: the flood with that tab in front (the diagram drawing every batch)
            javafx.scene.control.TabPane tabs = robot.lookup("#codeTabs").queryAs(javafx.scene.control.TabPane.class);
            tabs.getTabs().stream().filter(t -> t.getId().equals(TAB)).findFirst().ifPresent(t -> tabs.getSelectionModel().select(t));
        });
        Flood flood;
        Memory memory;
        Tcp tcp;
        try {
            // 1b and 2. The same flood to a socket of the app with "receive continuously" on.
            String udp = udpSocketWithContinuousReceive();
            // 3. Memory after 2,000,000 datagrams; the flood also warms the app up for the measured one.
            memory = PARTS.contains("memory") ? memoryFlood(udp) : new Memory(0, 0, 0, 0, 0, 0);
            flood = PARTS.contains("udp") ? appFlood(udp) : new Flood(0, 1, 0, 0, 0, 0, " (not run)", "", 0, 0);
            // 1c. Fixed rates: what the kernel dropped at the app's socket, against the bare loop at the same rate.
            if (PARTS.contains("rates")) {
                for (long r : FixedRates.RATES) {
                    rates.add(new FixedRates.Pair(r, appFlood(udp, r), baselineFlood(r)));
                }
            }
            // 5. TCP: 200 clients at once.
            tcp = PARTS.contains("tcp") ? tcpClients() : new Tcp(0, 0, 0, 0, 0, 0, 0, 0, "", null);
        } finally {
            Platform.runLater(pulses::stop);
            FxToolkit.cleanupApplication(app);
            FxToolkit.cleanupStages();
        }
        // 1a again, now that the window is gone: the faster of the two baselines counts (the machine may be shared).
        Flood baseline = new Flood(1, 1_000_000_000L, 1, 0, 0, 0, " (not run)", "", 0, 0);
        String otherBaseline = "";
        if (baselineBefore != null) {
            Flood baselineAfter = baselineFlood();
            baseline = baselineAfter.rate() > baselineBefore.rate() ? baselineAfter : baselineBefore;
            Flood other = baseline == baselineAfter ? baselineBefore : baselineAfter;
            otherBaseline = String.format(Locale.ROOT, "; the faster of two runs, before and after the app's (the other: %,.0f/s)",
                    other.rate());
        }
        // 4. Start-up, in fresh JVMs once this one is quiet.
        Startup startup = PARTS.contains("startup") ? startup() : Startup.none();

        double ratio = flood.rate() / baseline.rate();
        row("UDP flood, bare DatagramChannel loop", String.format(Locale.ROOT, "%,.0f datagrams/s", baseline.rate()),
                baseline.detail() + otherBaseline);
        row("UDP flood, app (receive continuously, live log)", String.format(Locale.ROOT, "%,.0f datagrams/s", flood.rate()),
                flood.detail());
        row("ratio app / baseline", BenchLine.cell(PARTS, "udp", String.format(Locale.ROOT, "%.2f", ratio)),
                "each after a warm-up flood until the JIT settled (" + warmUpsText() + "; the app's after the memory flood too); target >= 0.90");
        row("receiving thread's CPU per datagram, app / bare loop", String.format(Locale.ROOT, "%.1f / %.1f µs",
                flood.receiveMicros(), baseline.receiveMicros()), "recvfrom through the engine, record and feed included");
        for (FixedRates.Pair p : rates) {
            row(p.label(), p.value(), p.detail());
        }
        row("lost (delivered to the app's socket, not counted)", BenchLine.cell(PARTS, "udp", Long.toString(flood.lost())),
                "sent - kernel drops - app count; target 0");
        row("longest pulse gap during the UDP flood", BenchLine.cell(PARTS, "udp", flood.stallMs() + " ms"), "target <= 50");
        row("heap after " + String.format(Locale.ROOT, "%,d", MEMORY_DATAGRAMS) + " datagrams and GC", BenchLine.cell(PARTS, "memory", memory.heapMb() + " MB"),
                memory.detail() + "; target <= 256");
        row("start-up to first frame (median of " + STARTUP_RUNS + ")", BenchLine.cell(PARTS, "startup", startup.medianMs() + " ms"),
                "from the launch, " + startup.from() + "; runs " + startup.runs() + "; last run: launch to start(), start(), to the pulse = "
                        + startup.phases() + " ms; target <= 1000");
        for (StartupWay way : startup.others()) {
            row(way.label() + " (not in the line)", way.medianMs() < 0 ? "n/a" : way.medianMs() + " ms", way.how() + "; runs " + way.runs());
        }
        row("TCP clients whose bytes all arrived", BenchLine.cell(PARTS, "tcp", tcp.complete() + "/" + TCP_CLIENTS), tcp.detail());
        row("longest pulse gap during TCP", BenchLine.cell(PARTS, "tcp", tcp.stallMs() + " ms"), tcp.stallDetail() + "; target <= 50");
        row("benchmark time", String.format(Locale.ROOT, "%.0f s", (System.nanoTime() - began) / 1e9), "");

        String line = BenchLine.format(PARTS, ratio, flood.receiveMicros(), baseline.receiveMicros(), flood.lost(), flood.stallMs(), memory.heapMb(), startup.medianMs(),
                tcp.complete(), TCP_CLIENTS, tcp.stallMs());
        String report = render() + line + "\n";
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "bench-result.txt"), report);
        System.out.print("\n" + report);
        System.out.flush();
        assertTrue(!PARTS.contains("udp") || (baseline.received() > 0 && flood.received() > 0), "the floods arrived");
    }

    // ---------------------------------------------------------------- 1. UDP flood

    record Flood(long sent, long sentNanos, long received, long drops, long rcvbufDrops, long stallMs, String extra, String cpu,
                 long receiveTicks, long socketDrops) {
        /** Processor time of the receiving thread per datagram counted, in microseconds. */
        double receiveMicros() {
            return received == 0 ? 0 : receiveTicks * 10_000.0 / received;
        }

        double rate() {
            return received / (sentNanos / 1e9);
        }

        long lost() {
            return sent - drops - received;
        }

        String detail() {
            return String.format(Locale.ROOT, "sent %,d in %.2f s (%,.0f/s), kernel dropped %,d (RcvbufErrors %,d), counted %,d; %s%s",
                    sent, sentNanos / 1e9, sent / (sentNanos / 1e9), drops, rcvbufDrops, received, cpu, extra);
        }
    }

    private Flood baselineFlood() throws Exception {
        return baselineFlood(RATE);
    }

    private Flood baselineFlood(long rate) throws Exception {
        AtomicLong count = new AtomicLong();
        try (DatagramChannel ch = DatagramChannel.open()) {
            ch.bind(new InetSocketAddress("127.0.0.1", 0));
            Thread loop = new Thread(() -> {
                ByteBuffer buf = ByteBuffer.allocateDirect(65536);
                try {
                    while (true) {
                        buf.clear();
                        ch.receive(buf);
                        count.incrementAndGet();
                    }
                } catch (ClosedChannelException e) {
                    // the end of the run
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }, "baseline-receive");
            loop.setDaemon(true);
            loop.start();
            int port = ((InetSocketAddress) ch.getLocalAddress()).getPort();
            warmUp(port);
            settle(count::get);
            long startCount = count.get();
            long[] before = udpCounters();
            long socketDropsBefore = FixedRates.socketDrops(port);
            Cpu cpu = Cpu.now();
            String[] sent = sender("udp", "127.0.0.1", Integer.toString(port), Double.toString(FLOOD_SECONDS),
                    Long.toString(Long.MAX_VALUE), Long.toString(rate)).finish("sent ");
            String cpuUse = cpu.since(Long.parseLong(sent[3]));
            long received = settle(count::get) - startCount;
            long[] after = udpCounters();
            long socketDrops = FixedRates.socketDrops(port) - socketDropsBefore;
            loop.interrupt();   // closes the channel and ends the loop
            loop.join(5000);
            return new Flood(Long.parseLong(sent[1]), Long.parseLong(sent[2]), received, after[0] - before[0],
                    after[1] - before[1], 0, "", cpuUse, lastReceiveTicks, socketDrops);
        }
    }

    private Flood appFlood(String udp) throws Exception {
        return appFlood(udp, RATE);
    }

    private Flood appFlood(String udp, long rate) throws Exception {
        int port = localPort(udp);
        warmUp(port);
        settle(() -> datagramsShown(udp));
        waitUntilUiCaughtUp(udp);
        long startCount = datagramsShown(udp);
        long[] before = udpCounters();
        long socketDropsBefore = FixedRates.socketDrops(port);
        pulses.reset();
        Cpu cpu = Cpu.now();
        String[] sent = sender("udp", "127.0.0.1", Integer.toString(port), Double.toString(FLOOD_SECONDS),
                Long.toString(Long.MAX_VALUE), Long.toString(rate)).finish("sent ");
        long floodEnd = System.nanoTime();
        String cpuUse = cpu.since(Long.parseLong(sent[3]));
        long receiveTicks = lastReceiveTicks;
        long floodPulses = pulses.count();
        long logMoves = pulses.logUpdates;
        long stall = pulses.maxGapMs();
        settle(() -> datagramsShown(udp));
        waitUntilUiCaughtUp(udp);
        long uiBehind = (System.nanoTime() - floodEnd) / 1_000_000;
        long received = datagramsShown(udp) - startCount;
        long[] after = udpCounters();
        long socketDrops = FixedRates.socketDrops(port) - socketDropsBefore;
        double secs = Long.parseLong(sent[2]) / 1e9;
        return new Flood(Long.parseLong(sent[1]), Long.parseLong(sent[2]), received, after[0] - before[0],
                after[1] - before[1], stall, String.format(Locale.ROOT,
                        "; %.0f pulses/s, the log moved %.0f times/s; its status bar showed every datagram %d ms after the sender stopped; log rows %,d",
                        floodPulses / secs, logMoves / secs, uiBehind,
                        fx(() -> robot.lookup("#logTable").queryAs(TableView.class).getItems().size())), cpuUse, receiveTicks,
                socketDrops);
    }

    /**
     * Floods the port, unmeasured, for at least {@link #WARMUP_SECONDS} and then a second at a time until the JIT has
     * settled (less than {@link #JIT_SETTLED_MS} of compiling in the last second), {@link #WARMUP_MAX_SECONDS} at most.
     * A JFR recording showed why: the window's first floods bring about 6,000 methods of JavaFX's CSS, layout and text
     * code and of the app to the compilers, which then use most of a core for about twelve seconds, and none after
     * (no method deoptimizes again and again). A three-second warm-up measured the compilers, not the app.
     */
    private void warmUp(int port) throws Exception {
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        long start = System.nanoTime();
        if (WARMUP_SECONDS > 0) {
            sender("udp", "127.0.0.1", Integer.toString(port), Double.toString(WARMUP_SECONDS), Long.toString(Long.MAX_VALUE))
                    .finish("sent ");
        }
        while ((System.nanoTime() - start) / 1e9 < WARMUP_MAX_SECONDS) {
            long compiled = jit.getTotalCompilationTime();
            sender("udp", "127.0.0.1", Integer.toString(port), "1", Long.toString(Long.MAX_VALUE)).finish("sent ");
            if (jit.getTotalCompilationTime() - compiled < JIT_SETTLED_MS) {
                break;
            }
        }
        warmUps.add((System.nanoTime() - start) / 1e9);
    }

    private String warmUpsText() {
        return "warm-ups of " + warmUps.stream().map(w -> String.format(Locale.ROOT, "%.0f", w)).collect(java.util.stream.Collectors.joining(", ")) + " s";
    }

    /** Creates, binds and switches on "receive continuously" through the window's controls; returns the socket id. */
    private String udpSocketWithContinuousReceive() throws Exception {
        String id = createSocket(SockType.SOCK_DGRAM);
        setText("hostField", "127.0.0.1");
        setText("portField", "0");
        robot.clickOn("#bindButton");
        waitFor(() -> localPort(id) > 0, "the UDP socket is bound");
        setText("bufsizeField", "1024");
        robot.clickOn("#autoReceiveToggle");
        waitFor(() -> robot.lookup("#autoReceiveToggle").queryAs(ToggleButton.class).isSelected(), "receive continuously is on");
        Thread.sleep(300);   // the loop's first recvfrom is on its way
        return id;
    }

    // ---------------------------------------------------------------- 3. memory

    record Memory(long heapMb, long beforeMb, long sent, long received, long drops, double seconds) {
        String detail() {
            return String.format(Locale.ROOT, "before the flood %d MB; sent %,d in %.1f s, app counted %,d, kernel dropped %,d",
                    beforeMb, sent, seconds, received, drops);
        }
    }

    private Memory memoryFlood(String udp) throws Exception {
        long beforeMb = HeapAfterGc.megabytes();
        int port = localPort(udp);
        long startCount = datagramsShown(udp);
        long[] before = udpCounters();
        String[] sent = sender("udp", "127.0.0.1", Integer.toString(port), "120", Long.toString(MEMORY_DATAGRAMS)).finish("sent ");
        settle(() -> datagramsShown(udp));
        waitUntilUiCaughtUp(udp);
        long received = datagramsShown(udp) - startCount;
        long[] after = udpCounters();
        return new Memory(HeapAfterGc.megabytes(), beforeMb, Long.parseLong(sent[1]), received, after[0] - before[0],
                Long.parseLong(sent[2]) / 1e9);
    }

    // ---------------------------------------------------------------- 5. TCP

    record Tcp(int clients, int complete, long expected, long received, long stallMs, long connectStallMs, long dataStallMs,
               double seconds, String cpu, Tcp warmUp) {
        String detail() {
            return String.format(Locale.ROOT, "%,d of %,d bytes counted, data phase %.2f s, %s", received, expected, seconds, cpu)
                    + (warmUp == null ? "" : String.format(Locale.ROOT, "; after a warm-up round of %d clients (%d/%d complete)",
                            warmUp.clients, warmUp.complete, warmUp.clients));
        }

        String stallDetail() {
            return "connect/accept phase " + connectStallMs + " ms, data phase " + dataStallMs + " ms"
                    + (warmUp == null ? "" : "; warm-up round (JIT still compiling): " + warmUp.connectStallMs + " ms and "
                            + warmUp.dataStallMs + " ms");
        }
    }

    private Tcp tcpClients() throws Exception {
        String listener = createSocket(SockType.SOCK_STREAM);
        setText("hostField", "127.0.0.1");
        setText("portField", "0");
        robot.clickOn("#bindButton");
        waitFor(() -> localPort(listener) > 0, "the TCP socket is bound");
        robot.interact(() -> {
            @SuppressWarnings("unchecked")
            Spinner<Integer> backlog = robot.lookup("#backlogSpinner").queryAs(Spinner.class);
            backlog.getValueFactory().setValue(Math.max(TCP_CLIENTS, 5));
        });
        robot.clickOn("#listenButton");
        waitFor(() -> "LISTEN".equals(fx(() -> info(listener).state().label())), "the socket listens");
        setText("bufsizeField", "1024");
        Tcp cold = TCP_WARMUP_CLIENTS > 0 ? tcpRound(listener, TCP_WARMUP_CLIENTS, null) : null;
        return tcpRound(listener, TCP_CLIENTS, cold);
    }

    /** One round: the user presses accept() once per client, then "receive continuously" on each connection. */
    private Tcp tcpRound(String listener, int n, Tcp warmUp) throws Exception {
        int port = localPort(listener);
        Set<String> before = new HashSet<>(fx(this::connections));
        pulses.reset();
        robot.interact(() -> {
            TableView<SocketRow> sockets = socketTable();
            sockets.getItems().stream().filter(r -> r.id().equals(listener)).findFirst()
                    .ifPresent(r -> sockets.getSelectionModel().select(r));
        });
        // Each accept() call waits on the engine's threads until a client comes. One press per event, as clicks come:
        // n presses in one event would hold the JavaFX thread for all of them, which no user can do.
        Button accept = fx(() -> robot.lookup("#acceptButton").queryAs(Button.class));
        for (int i = 0; i < n; i++) {
            Platform.runLater(accept::fire);
        }
        WaitForAsyncUtils.waitForFxEvents();
        Sender clients = sender("tcp", "127.0.0.1", Integer.toString(port), Integer.toString(n),
                Integer.toString(TCP_MESSAGES), Integer.toString(TCP_MESSAGE_SIZE));
        clients.expect("connected ");
        waitFor(() -> fx(() -> fresh(before).size()) >= n, "every connection is accepted and listed");
        // "receive continuously" on each connection, as the user would: select its row, press the toggle.
        List<String> conns = fx(() -> fresh(before));
        // Polled on the JavaFX thread every few milliseconds while the pulses are timed: a set, not 200 string compares a row.
        Set<String> connSet = new HashSet<>(conns);
        Map<Integer, String> byPeerPort = new HashMap<>();
        for (String conn : conns) {
            robot.interact(() -> {
                TableView<SocketRow> sockets = socketTable();
                for (SocketRow r : sockets.getItems()) {
                    if (r.id().equals(conn)) {
                        sockets.getSelectionModel().select(r);
                        byPeerPort.put((int) ((PyValue.Int) r.info().peer().get(1)).value(), conn);
                    }
                }
                robot.lookup("#autoReceiveToggle").queryAs(ToggleButton.class).setSelected(true);
            });
        }
        long connectStall = pulses.maxGapMs();

        pulses.reset();
        Cpu cpu = Cpu.now();
        clients.send("go");
        Map<Integer, Long> sentBy = new HashMap<>();
        String[] total;
        while (true) {
            String[] line = clients.expect("client ", "sent ");
            if (line[0].equals("sent")) {
                total = line;
                break;
            }
            sentBy.put(Integer.parseInt(line[1]), Long.parseLong(line[2]));
        }
        long expected = Long.parseLong(total[1]);
        long dataStart = System.nanoTime();
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> tcpBytes(connSet) >= expected);
        } catch (java.util.concurrent.TimeoutException e) {
            // reported below as clients whose bytes did not all arrive
        }
        double seconds = (System.nanoTime() - dataStart) / 1e9 + Long.parseLong(total[2]) / 1e9;
        long dataStall = pulses.maxGapMs();
        String cpuUse = cpu.since(0).replace(", sender 0%", "");
        long dataPulses = pulses.count();
        long received = settle(() -> tcpBytes(connSet));
        Map<String, Long> got = fx(() -> {
            Map<String, Long> m = new HashMap<>();
            for (SocketRow r : socketTable().getItems()) {
                m.put(r.id(), r.info().bytesReceived());
            }
            return m;
        });
        int complete = 0;
        for (Map.Entry<Integer, Long> e : sentBy.entrySet()) {
            String conn = byPeerPort.get(e.getKey());
            if (conn != null && e.getValue() == (long) TCP_MESSAGES * TCP_MESSAGE_SIZE && got.getOrDefault(conn, -1L).equals(e.getValue())) {
                complete++;
            }
        }
        clients.send("quit");   // the clients close: each receive loop reads b'' and ends
        clients.finish(null);
        return new Tcp(n, complete, expected, received, Math.max(connectStall, dataStall), connectStall, dataStall, seconds,
                dataPulses + " pulses; " + cpuUse.replace("others", "others (sender included)"), warmUp);
    }

    /** Connections listed now that were not listed before. */
    private List<String> fresh(Set<String> before) {
        List<String> out = connections();
        out.removeAll(before);
        return out;
    }

    private List<String> connections() {
        List<String> out = new ArrayList<>();
        for (SocketRow r : socketTable().getItems()) {
            if (r.id().startsWith("conn") && r.info().peer() != null) {
                out.add(r.id());
            }
        }
        return out;
    }

    private long tcpBytes(Set<String> conns) throws Exception {
        return fx(() -> {
            long sum = 0;
            for (SocketRow r : socketTable().getItems()) {
                if (conns.contains(r.id())) {
                    sum += r.info().bytesReceived();
                }
            }
            return sum;
        });
    }

    // ---------------------------------------------------------------- 4. start-up

    /** Start-up, median of fresh JVMs: as the app starts today, and with an AppCDS archive of its classes. */
    /**
     * Start-up: the line's figure (its median, what it ran from, its runs and the last run's phases) and the other ways
     * measured beside it, for comparison.
     */
    record Startup(long medianMs, String from, List<Long> runs, String phases, List<StartupWay> others) {
        static Startup none() {
            return new Startup(0, "", List.of(), "", List.of());
        }
    }

    /** One way of starting, measured: its median (-1 if it could not run) and runs. */
    record StartupWay(String label, String how, long medianMs, List<Long> runs) {
        static StartupWay of(String label, String how, List<Long> runs) {
            return new StartupWay(label, how, runs.isEmpty() ? -1 : median(runs), runs);
        }
    }

    /** The app image of {@code mvn -Pdist package}, if built: the benchmark's start-up then runs from it. */
    private static final Path IMAGE = Path.of(System.getProperty("bench.image", "target/dist/socket-playground"));

    /**
     * JavaFX is a set of named modules in the image: Monocle, on the class path beside the app, reaches the toolkit's
     * internals as TestFX's documentation says a modular JavaFX needs.
     */
    private static final List<String> MONOCLE_ON_MODULES = List.of(
            "--add-exports", "javafx.graphics/com.sun.glass.ui=ALL-UNNAMED",
            "--add-opens", "javafx.graphics/com.sun.glass.ui=ALL-UNNAMED",
            "--add-exports", "javafx.graphics/com.sun.glass.events=ALL-UNNAMED",
            "--add-exports", "javafx.graphics/com.sun.javafx.util=ALL-UNNAMED",
            "--add-exports", "javafx.graphics/com.sun.javafx.application=ALL-UNNAMED",
            "--add-exports", "javafx.graphics/com.sun.javafx.tk=ALL-UNNAMED",
            "--add-exports", "javafx.base/com.sun.javafx.logging=ALL-UNNAMED");

    /**
     * Runs the probe in fresh JVMs: from the app image if it was built (its runtime, its CDS archive, its class path),
     * then on jars as a packaged app runs (class data sharing cannot archive classes from directories), first as is,
     * then with a dynamic AppCDS archive made by one training run.
     */
    private Startup startup() throws Exception {
        List<StartupWay> others = new ArrayList<>();
        StartupWay image = null;
        String imagePhases = "";
        Path imageJava = IMAGE.resolve("runtime/bin/java");
        if (Files.isExecutable(imageJava)) {
            String monocle = jars.deps().stream().filter(d -> d.contains("openjfx-monocle")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no Monocle jar on the class path"));
            String cp = IMAGE.resolve("lib").toAbsolutePath() + "/*" + java.io.File.pathSeparator + jars.probeJar()
                    + java.io.File.pathSeparator + monocle;
            List<String> imageOptions = new ArrayList<>(MONOCLE_ON_MODULES);
            Path jvmOptions = IMAGE.resolve("lib/jvm.options");   // the launcher's options for the JVM
            if (Files.exists(jvmOptions)) {
                imageOptions.add(0, "@" + jvmOptions.toAbsolutePath());
            }
            String[] monocleOptions = imageOptions.toArray(String[]::new);
            others.add(StartupWay.of("start-up from the app image, first start", "its runtime and default CDS archive, before"
                    + " the launcher has made the app's", runs(imageJava.toString(), cp, monocleOptions)));
            // What the launcher does: the first start archives the app's classes at exit, the next ones map them.
            image = StartupWay.of("", "", withAppCds(imageJava.toString(), cp, jars.dir().resolve("image.jsa"), monocleOptions));
            imagePhases = lastPhases;
        }
        String cp = jars.classPath();
        StartupWay onJars = StartupWay.of("start-up from the jars", "the JDK's java, the app and its libraries as jars",
                runs(javaBinary(), cp));
        String jarPhases = lastPhases;
        others.add(onJars);
        others.add(StartupWay.of("start-up from the jars with an AppCDS archive", "java -XX:SharedArchiveFile=app.jsa,"
                + " archive from one training run", withAppCds(javaBinary(), cp, jars.dir().resolve("app.jsa"))));
        return image == null || image.medianMs() < 0
                ? new Startup(onJars.medianMs(), "app on jars (no app image: build it first with mvn -Pdist package)",
                        onJars.runs(), jarPhases, others)
                : new Startup(image.medianMs(), "app image " + IMAGE + " with the AppCDS archive its launcher makes at the first start",
                        image.runs(), imagePhases, others);
    }

    private static List<Long> runs(String java, String cp, String... options) throws Exception {
        List<Long> runs = new ArrayList<>();
        for (int i = 0; i < STARTUP_RUNS; i++) {
            runs.add(probe(java, cp, options));
        }
        return runs;
    }

    /** One training run that archives the classes at exit, then the runs that map them; none if it cannot. */
    private static List<Long> withAppCds(String java, String cp, Path archive, String... options) throws Exception {
        Files.deleteIfExists(archive);
        List<String> train = new ArrayList<>(List.of(options));
        train.add("-XX:ArchiveClassesAtExit=" + archive.toAbsolutePath());
        List<String> use = new ArrayList<>(List.of(options));
        use.add("-XX:SharedArchiveFile=" + archive.toAbsolutePath());
        try {
            probe(java, cp, train.toArray(String[]::new));
            return Files.exists(archive) ? runs(java, cp, use.toArray(String[]::new)) : List.of();
        } catch (IllegalStateException e) {
            return List.of();   // reported as not available
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static String lastPhases = "";

    /** One fresh JVM with the start-up probe, on that java and class path; its time in ms from the launch. */
    private static long probe(String java, String cp, String... jvmOptions) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(List.of(jvmOptions));
        String extra = System.getProperty("bench.startupJvmArgs", "");
        if (!extra.isBlank()) {
            cmd.addAll(List.of(extra.trim().split("\\s+")));
        }
        cmd.addAll(List.of("-Xshare:auto", "-cp", cp, "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless",
                "-Dprism.order=sw", "-Dheadless.geometry=1600x1000-32", "-Djava.awt.headless=true",
                "-Dprobe.launchedAt=" + System.currentTimeMillis(), StartupProbe.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        Long ms = null;
        StringBuilder out = new StringBuilder();
        try (BufferedReader in = p.inputReader(StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.append(line).append('\n');
                if (line.startsWith("startup_ms=")) {
                    ms = Long.parseLong(line.substring("startup_ms=".length()).trim());
                } else if (line.startsWith("phases_ms=")) {
                    lastPhases = line.substring("phases_ms=".length()).trim();
                }
            }
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        if (ms == null) {
            throw new IllegalStateException("the start-up probe printed no time:\n" + out);
        }
        return ms;
    }

    /** Packs the class files under dir (only those under prefix) into a jar. */
    private static Path jar(Path dir, String prefix, Path target) throws IOException {
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(target));
             var files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                String name = dir.relativize(f).toString().replace(java.io.File.separatorChar, '/');
                if (Files.isRegularFile(f) && name.startsWith(prefix)) {
                    out.putNextEntry(new java.util.jar.JarEntry(name));
                    Files.copy(f, out);
                    out.closeEntry();
                }
            }
        }
        return target.toAbsolutePath();
    }

    // ---------------------------------------------------------------- window helpers

    private String createSocket(SockType type) throws Exception {
        List<String> before = fx(() -> socketTable().getItems().stream().map(SocketRow::id).toList());
        robot.interact(() -> {
            robot.lookup("#familyChoice").<ChoiceBox<Family>>query().setValue(Family.AF_INET);
            robot.lookup("#typeChoice").<ChoiceBox<SockType>>query().setValue(type);
        });
        robot.clickOn("#createSocketButton");
        waitFor(() -> fx(() -> {
            SocketRow sel = socketTable().getSelectionModel().getSelectedItem();
            return sel != null && !before.contains(sel.id());
        }), "the new socket is listed and selected");
        return fx(() -> socketTable().getSelectionModel().getSelectedItem().id());
    }

    private void setText(String id, String text) {
        robot.interact(() -> robot.lookup("#" + id).queryAs(TextField.class).setText(text));
    }

    @SuppressWarnings("unchecked")
    private TableView<SocketRow> socketTable() {
        return robot.lookup("#socketTable").queryAs(TableView.class);
    }

    /** The socket as its row in the socket table has it (the table refreshes from the engine every pulse). */
    private SocketInfo info(String id) {
        for (SocketRow r : socketTable().getItems()) {
            if (r.id().equals(id)) {
                return r.info();
            }
        }
        throw new IllegalStateException("no row for " + id);
    }

    private int localPort(String id) throws Exception {
        return fx(() -> {
            PyValue.Tuple local = info(id).local();
            return local == null ? 0 : (int) ((PyValue.Int) local.get(1)).value();
        });
    }

    /** The exact datagram count of the socket's row (its "Received" cell shows it). */
    private long datagramsShown(String id) throws Exception {
        return fx(() -> info(id).datagramsReceived());
    }

    /** Waits until the status bar's datagram count (counted from the records the window took) meets the socket's. */
    private long waitUntilUiCaughtUp(String udp) throws Exception {
        long t0 = System.nanoTime();
        waitFor(() -> fx(() -> {
            String status = robot.lookup("#statusBar").queryAs(StatusBar.class).getText();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("([\\d,]+) datagrams received").matcher(status);
            return m.find() && Long.parseLong(m.group(1).replace(",", "")) >= info(udp).datagramsReceived();
        }), "the window has taken every record");
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }

    private static void waitFor(Callable<Boolean> condition, String what) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting until " + what, e);
        }
    }

    /** Polls a counter until it stops moving (the receive buffers are empty), at most 30 s. */
    private static long settle(LongSupplierEx counter) throws Exception {
        long last = counter.get();
        int still = 0;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (still < 5 && System.nanoTime() < end) {
            Thread.sleep(100);
            long now = counter.get();
            still = now == last ? still + 1 : 0;
            last = now;
        }
        return last;
    }

    @FunctionalInterface
    interface LongSupplierEx {
        long get() throws Exception;
    }

    // ---------------------------------------------------------------- 2. pulses

    /** Records the longest gap between two JavaFX pulses; runs on the FX thread. */
    static final class PulseWatch extends AnimationTimer {
        private volatile long last;
        private volatile long maxGap;
        private volatile long pulses;
        private volatile boolean resetAsked;
        /** Pulses in which the log table's rows changed: how often the log moved. */
        volatile long logUpdates;
        private long lastLogPulse = -1;

        void logChanged() {
            if (lastLogPulse != pulses) {
                lastLogPulse = pulses;
                logUpdates++;
            }
        }

        @Override
        public void handle(long now) {
            long t = System.nanoTime();
            if (resetAsked) {
                resetAsked = false;
                maxGap = 0;
                pulses = 0;
                logUpdates = 0;
            } else if (last != 0) {
                maxGap = Math.max(maxGap, t - last);
            }
            pulses++;
            last = t;
        }

        void reset() throws Exception {
            resetAsked = true;
            fx(() -> {
                handle(0);
                return null;
            });
        }

        long maxGapMs() throws Exception {
            // one more pulse, so that a stall still in progress is counted
            long seen = pulses;
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (pulses == seen && System.nanoTime() < end) {
                Thread.sleep(5);
            }
            return Math.round(maxGap / 1e6);
        }

        long count() {
            return pulses;
        }
    }

    // ---------------------------------------------------------------- the sender process

    /** The FloodSender in its own JVM. */
    private static final class Sender {
        private final Process process;
        private final BufferedReader out;
        private final PrintWriter in;
        private final StringBuilder transcript = new StringBuilder();

        Sender(Process process) {
            this.process = process;
            this.out = process.inputReader(StandardCharsets.UTF_8);
            this.in = new PrintWriter(process.outputWriter(StandardCharsets.UTF_8), true);
        }

        /** Reads until a line starting with one of the prefixes, and returns it split at spaces. */
        String[] expect(String... prefixes) throws IOException {
            String line;
            while ((line = out.readLine()) != null) {
                transcript.append(line).append('\n');
                for (String p : prefixes) {
                    if (line.startsWith(p)) {
                        return line.trim().split(" ");
                    }
                }
            }
            throw new IllegalStateException("the sender ended without " + List.of(prefixes) + ":\n" + transcript);
        }

        void send(String line) {
            in.println(line);
        }

        /** Reads the line with the prefix (if any), then waits for the process to end. */
        String[] finish(String prefix) throws Exception {
            String[] line = prefix == null ? null : expect(prefix);
            in.close();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("the sender did not end");
            }
            return line;
        }
    }

    /**
     * The app's and the benchmark's classes packed in jars in a directory of their own, made once at the start: the
     * sender and the start-up probe run from them, so that a build cleaning target/ meanwhile cannot pull the classes
     * from under the benchmark.
     */
    record Jars(Path dir, Path appJar, Path probeJar, List<String> deps) {
        static Jars make() throws IOException {
            Path dir = Files.createTempDirectory("playground-bench");
            List<String> deps = new ArrayList<>();
            Path classes = null;
            Path testClasses = null;
            for (String entry : FloodBenchmark.classPath().split(java.io.File.pathSeparator)) {
                Path e = Path.of(entry);
                if (Files.isDirectory(e)) {
                    if (e.getFileName().toString().equals("test-classes")) {
                        testClasses = e;
                    } else {
                        classes = e;
                    }
                } else if (entry.endsWith(".jar")) {
                    deps.add(entry);
                }
            }
            if (classes == null || testClasses == null) {
                throw new IllegalStateException("no class directories in the class path " + FloodBenchmark.classPath());
            }
            return new Jars(dir, jar(classes, "", dir.resolve("app.jar")),
                    jar(testClasses, "org/socketplayground/bench/", dir.resolve("probe.jar")), deps);
        }

        String classPath() {
            return appJar + java.io.File.pathSeparator + probeJar + java.io.File.pathSeparator
                    + String.join(java.io.File.pathSeparator, deps);
        }

        void delete() throws IOException {
            try (var files = Files.walk(dir)) {
                for (Path f : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    private static Jars jars;

    private static Sender sender(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(javaBinary(), "-cp", jars.probeJar().toString(), "-XX:+UseSerialGC", "-Xshare:auto",
                FloodSender.class.getName()));
        cmd.addAll(List.of(args));
        return new Sender(new ProcessBuilder(cmd).redirectErrorStream(true).start());
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String classPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    /** Udp InErrors and RcvbufErrors from /proc/net/snmp: the kernel's receive-side drops. */
    private static long[] udpCounters() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("/proc/net/snmp"));
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).startsWith("Udp: ") && lines.get(i + 1).startsWith("Udp: ")) {
                List<String> names = List.of(lines.get(i).split("\\s+"));
                String[] values = lines.get(i + 1).split("\\s+");
                return new long[] {Long.parseLong(values[names.indexOf("InErrors")]),
                        Long.parseLong(values[names.indexOf("RcvbufErrors")])};
            }
        }
        throw new IllegalStateException("no Udp counters in /proc/net/snmp");
    }

    /** Processor time during a flood, from /proc: this JVM, the sender, and whatever else ran on the machine. */
    /** Ticks (10 ms) the receiving threads used in the last measured window. */
    private static volatile long lastReceiveTicks;

    private record Cpu(long busyTicks, long selfTicks, long wallNanos, Map<String, Long> threads) {
        static Cpu now() throws IOException {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < cpu.length; i++) {
                if (i != 4 && i != 5) {   // all but idle and iowait
                    busy += Long.parseLong(cpu[i]);
                }
            }
            String self = Files.readString(Path.of("/proc/self/stat"));
            String[] f = self.substring(self.lastIndexOf(')') + 2).split(" ");
            return new Cpu(busy, Long.parseLong(f[11]) + Long.parseLong(f[12]), System.nanoTime(), threadTicks());
        }

        /** This JVM's processor time by kind of thread, from /proc/self/task (JIT and GC threads included). */
        static Map<String, Long> threadTicks() throws IOException {
            Map<String, Long> out = new java.util.TreeMap<>();
            try (var tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path t : (Iterable<Path>) tasks::iterator) {
                    String stat;
                    try {
                        stat = Files.readString(t.resolve("stat"));
                    } catch (IOException gone) {
                        continue;   // the thread ended
                    }
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    out.merge(group(name), Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum);
                }
            }
            return out;
        }

        static String group(String name) {
            if (name.startsWith("receive-loop") || name.startsWith("socket-call") || name.startsWith("baseline")) {
                return "receive";
            } else if (name.startsWith("JavaFX Applicat")) {
                return "fx";
            } else if (name.startsWith("QuantumRendere")) {
                return "render";
            } else if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
                return "jit";
            } else if (name.startsWith("GC ") || name.startsWith("G1 ") || name.startsWith("VM Thread")) {
                return "gc";
            }
            return "other";
        }

        /** "CPU: this JVM 95%, sender 98%, others 4% (of 200%)", the sender's own time as it reported it. */
        String since(long senderNanos) throws IOException {
            Cpu end = now();
            lastReceiveTicks = end.threads.getOrDefault("receive", 0L) - threads.getOrDefault("receive", 0L);
            double wall = (end.wallNanos - wallNanos) / 1e9;
            double hz = 100.0;   // USER_HZ on Linux
            double busy = (end.busyTicks - busyTicks) / hz / wall * 100;
            double self = (end.selfTicks - selfTicks) / hz / wall * 100;
            double sender = senderNanos / 1e9 / wall * 100;
            StringBuilder parts = new StringBuilder();
            for (Map.Entry<String, Long> e : end.threads.entrySet()) {
                long d = e.getValue() - threads.getOrDefault(e.getKey(), 0L);
                if (d > 0) {
                    parts.append(parts.length() == 0 ? "" : " ").append(e.getKey()).append(' ')
                            .append(String.format(Locale.ROOT, "%.0f%%", d / hz / wall * 100));
                }
            }
            return String.format(Locale.ROOT, "CPU: this JVM %.0f%% [%s], sender %.0f%%, others %.0f%% (of %d%%)",
                    self, parts, sender, Math.max(0, busy - self - sender), Runtime.getRuntime().availableProcessors() * 100);
        }
    }

    // ---------------------------------------------------------------- the report

    private void row(String what, String value, String detail) {
        table.add(new String[] {what, value, detail});
    }

    private String render() {
        int w0 = 0;
        int w1 = 0;
        for (String[] r : table) {
            w0 = Math.max(w0, r[0].length());
            w1 = Math.max(w1, r[1].length());
        }
        StringBuilder sb = new StringBuilder("Socket Playground flood benchmark (issue 5)\n");
        String fmt = "%-" + w0 + "s  %" + w1 + "s  %s%n";
        sb.append(String.format(Locale.ROOT, fmt, "measure", "value", "detail"));
        sb.append("-".repeat(w0 + w1 + 60)).append('\n');
        for (String[] r : table) {
            sb.append(String.format(Locale.ROOT, fmt, r[0], r[1], r[2]));
        }
        return sb.toString();
    }
}
