package org.socketplayground.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.engine.SocketEngine;
import org.socketplayground.engine.py.PyParser;
import org.socketplayground.engine.py.PyValue;
import org.socketplayground.robustness.PythonPeer;
import org.socketplayground.robustness.Robustness;
import org.socketplayground.ui.session.Inputs;
import org.socketplayground.ui.session.LogExport;
import org.socketplayground.ui.session.LogRow;
import org.socketplayground.ui.session.SenderColors;

/**
 * Issue 6: datagrams of random bytes are shown safely. 100,000 of them go through the log's rows (every column,
 * the hex view, the detail pane, the copied text and the CSV export) and must come out escaped, never
 * interpreted, and without an exception; then 500 real datagrams from a python3 sender go through the window:
 * received continuously, shown in the log, in hex, and selected one by one into the detail pane.
 */
class LogFuzzTest extends SharedWindow {
    private static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());
    private static final int LOG_DATAGRAMS = Integer.getInteger("fuzz.datagrams", 100_000);
    private static final int WINDOW_DATAGRAMS = 500;
    private static final Pattern HEX = Pattern.compile("([0-9a-f]{2}( [0-9a-f]{2})*)?( …\\(\\d+ more bytes\\))?");
    private static final Pattern DUMP_LINE = Pattern.compile("[0-9a-f]{8}  .*\\|");
    private static final Pattern MORE = Pattern.compile(" …\\((\\d+) more bytes\\)$");
    private static final PyValue.Tuple SENDER = SocketEngine.address("127.0.0.1", 40000);

    /**
     * What in the text the window must not show as it is, or null: decided by {@link MustEscape}, from Unicode's
     * categories, not by the function the log itself uses (that would check the code against itself).
     */
    static String unsafe(String text, boolean newlines) {
        return MustEscape.raw(text, newlines);
    }

    /** One datagram as the engine records it: received by recvfrom, by recv, or sent with sendto. */
    private static CallRecord record(long seq, byte[] data) {
        PyValue.Bytes bytes = PyValue.of(data);
        return switch ((int) (seq % 3)) {
            case 0 -> new CallRecord(seq, Instant.now(), "s1", "recvfrom", List.of(PyValue.of(65536)), CallRecord.Status.DONE,
                    PyValue.tuple(bytes, SENDER), null, 1000, seq % 2 == 0, (int) (seq % 7), SENDER);
            case 1 -> new CallRecord(seq, Instant.now(), "conn1", "recv", List.of(PyValue.of(1 << 20)), CallRecord.Status.DONE,
                    bytes, null, 1000, false, 0, SENDER);
            default -> new CallRecord(seq, Instant.now(), "s2", "sendto", List.of(bytes, SENDER), CallRecord.Status.DONE,
                    PyValue.of(data.length), null, 1000, false, 0, SENDER);
        };
    }

    /** What is wrong with how the log shows the datagram, or null. */
    private static String check(byte[] data, LogRow row) throws Exception {
        String text = row.text();
        String bad = unsafe(text, false);
        if (bad != null) {
            return "data column: " + bad;
        }
        int shown = Math.min(data.length, LogRow.SHOWN_BYTES);
        byte[] prefix = Arrays.copyOf(data, shown);
        if (data.length == 0) {
            // An empty datagram reads as Python writes it, as text and as hex, rather than as an empty cell.
            if (!text.equals("b''") || !row.hex().equals("b''")) {
                return "an empty datagram shows as b'', not: " + text + " / " + row.hex();
            }
        } else {
            java.util.regex.Matcher more = MORE.matcher(text);
            if (more.find() != data.length > LogRow.SHOWN_BYTES
                    || (more.find(0) && Integer.parseInt(more.group(1)) != data.length - LogRow.SHOWN_BYTES)) {
                return "data column says the wrong number of bytes more: " + text;
            }
            String body = MORE.matcher(text).replaceFirst("");
            boolean asText = body.equals(new String(prefix, StandardCharsets.UTF_8)) && data.length <= LogRow.SHOWN_BYTES;
            if (!asText && !(body.chars().allMatch(c -> c >= 0x20 && c < 0x7f) && Arrays.equals(PyParser.unescape(body), prefix))) {
                return "data column is neither the text nor its escapes: " + text;
            }
            String hex = row.hex();
            if (!HEX.matcher(hex).matches() || !Arrays.equals(
                    java.util.HexFormat.of().parseHex(MORE.matcher(hex).replaceFirst("").replace(" ", "")), prefix)) {
                return "hex column: " + hex;
            }
        }
        bad = unsafe(row.call(), false);
        if (bad != null) {
            return "call column: " + bad;
        }
        String detail = row.detail();
        bad = unsafe(detail, true);
        if (bad != null) {
            return "detail: " + bad;
        }
        long dumpLines = detail.lines().filter(l -> DUMP_LINE.matcher(l).matches()).count();
        if (dumpLines != (data.length + 15) / 16 || !detail.contains(data.length + " bytes:")) {
            return "detail: " + dumpLines + " hex dump lines for " + data.length + " bytes";
        }
        String[] copied = row.copyText().split("\t", -1);
        if (copied.length != LogExport.HEADER.size()) {
            return "copied row has " + copied.length + " cells: " + row.copyText();
        }
        for (String cell : copied) {
            if (Csv.runsInSpreadsheet(cell) || cell.contains("\n") || cell.contains("\r")) {
                return "copied cell a spreadsheet would run or split: " + cell;
            }
        }
        row.matches("x");   // whatever the data, the filter must not throw
        if (!row.matches("127.0.0.1:40000")) {
            return "the filter by sender does not find the row";
        }
        return null;
    }

    @Test
    void aHundredThousandRandomDatagramsAreShownEscapedNeverInterpretedAndNeverThrow() throws Exception {
        // Chunks of 1,000 datagrams, each with a generator of its own (seed + chunk), on as many threads as there
        // are processors (at most 4): the same datagrams whatever the machine.
        int chunks = (LOG_DATAGRAMS + CHUNK - 1) / CHUNK;
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<java.util.concurrent.Future<Chunk>> results = new ArrayList<>();
        try {
            for (int c = 0; c < chunks; c++) {
                int chunk = c;
                results.add(pool.submit(() -> fuzzChunk(chunk)));
            }
            long passed = 0;
            long bytes = 0;
            List<String> failures = new ArrayList<>();
            for (java.util.concurrent.Future<Chunk> f : results) {
                Chunk r = f.get();
                passed += r.passed;
                bytes += r.bytes;
                failures.addAll(r.failures.subList(0, Math.min(r.failures.size(), Math.max(0, 10 - failures.size()))));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Robustness.count(Robustness.FUZZ, LOG_DATAGRAMS, passed);
            Robustness.figure(String.format("fuzz: %,d random datagrams (%,d bytes, seed %d) through the log's columns, hex, "
                    + "detail, copy and CSV in %.1f s on %d threads: %,d shown safely",
                    LOG_DATAGRAMS, bytes, SEED, seconds, threads, passed));
            assertTrue(failures.isEmpty(), "seed " + SEED + ": " + String.join("\n", failures));
            assertEquals(LOG_DATAGRAMS, passed);
        } finally {
            pool.shutdownNow();
        }
    }

    private static final int CHUNK = 1000;

    private record Chunk(long passed, long bytes, List<String> failures) {
    }

    /** Datagrams chunk * 1000 to chunk * 1000 + 999 through their rows, then the rows as CSV. */
    private static Chunk fuzzChunk(int chunk) {
        Datagrams datagrams = new Datagrams(SEED + chunk, 64 * 1024);
        SenderColors colours = new SenderColors();
        List<String> failures = new ArrayList<>();
        List<LogRow> rows = new ArrayList<>();
        long passed = 0;
        long bytes = 0;
        for (int n = chunk * CHUNK; n < Math.min(LOG_DATAGRAMS, (chunk + 1) * CHUNK); n++) {
            byte[] data = datagrams.next(n);
            bytes += data.length;
            String problem;
            try {
                LogRow row = new LogRow(record(n, data), colours);
                rows.add(row);
                problem = check(data, row);
            } catch (Exception | StackOverflowError e) {
                problem = "threw " + e;
            }
            if (problem == null) {
                passed++;
            } else if (failures.size() < 10) {
                failures.add("#" + n + " (" + Datagrams.KINDS[n % Datagrams.KINDS.length] + ", "
                        + java.util.HexFormat.of().formatHex(Arrays.copyOf(data, Math.min(data.length, 40))) + "): " + problem);
            }
        }
        try {
            String csvProblem = checkCsv(rows, chunk % 2 == 1);
            if (csvProblem != null) {
                failures.add("CSV of chunk " + chunk + ": " + csvProblem);
                passed = Math.min(passed, rows.size() - 1L);
            }
        } catch (RuntimeException e) {
            failures.add("CSV of chunk " + chunk + " threw " + e);
            passed = 0;
        }
        return new Chunk(passed, bytes, failures);
    }

    /** The rows as CSV, read back with RFC 4180's rules, give the cells the log shows, made spreadsheet-safe. */
    private static String checkCsv(List<LogRow> rows, boolean hex) {
        List<List<String>> read = Csv.parse(LogExport.csv(rows, hex));
        if (read.size() != rows.size() + 1 || !read.get(0).equals(LogExport.HEADER)) {
            return read.size() + " records for " + rows.size() + " rows";
        }
        for (int i = 0; i < rows.size(); i++) {
            List<String> expected = rows.get(i).cells(hex).stream().map(LogExport::spreadsheetSafe).toList();
            if (!read.get(i + 1).equals(expected)) {
                return "row " + i + " reads " + read.get(i + 1) + ", expected " + expected;
            }
            for (String cell : read.get(i + 1)) {
                if (Csv.runsInSpreadsheet(cell)) {
                    return "a cell a spreadsheet would run: " + cell;
                }
            }
        }
        return null;
    }

    /** Whether the window fuzz counted its datagrams; if it failed before, they count as tried, not passed. */
    private static boolean counted = true;

    @org.junit.jupiter.api.AfterEach
    void countAFailedWindowFuzz() {
        if (!counted) {
            Robustness.count(Robustness.FUZZ_WINDOW, WINDOW_DATAGRAMS, 0);
            counted = true;
        }
    }

    @Test
    void fiveHundredRandomDatagramsFromAPythonSenderAreShownSafelyInTheWindow(@TempDir Path dir) throws Exception {
        Datagrams datagrams = new Datagrams(SEED + 1, 65_507);
        List<byte[]> sent = new ArrayList<>();
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(file);
        for (int n = 0; n < WINDOW_DATAGRAMS; n++) {
            byte[] data = n == WINDOW_DATAGRAMS / 2 ? datagrams.next(999) : datagrams.next(n);   // one of 65,507 bytes
            sent.add(data);
            out.writeInt(data.length);
            out.write(data);
        }
        Path payloads = dir.resolve("datagrams.bin");
        counted = false;
        Files.write(payloads, file.toByteArray());

        // The socket receives continuously; the sender sends the next datagram only once the socket's receive queue
        // is empty again (Linux shows it in /proc/net/udp), so that no datagram is dropped however busy the machine
        // is, without asking anything of the app (an echo would now meet auto-reply's brakes).
        String s = boundUdp();
        ui.set("bufsizeField", "65536");
        ui.press("autoReceiveToggle");
        long start = System.nanoTime();
        String senderPort;
        try (PythonPeer sender = PythonPeer.start("""
                import socket, struct, sys, time
                data = open(sys.argv[1], 'rb').read()
                port = int(sys.argv[2])
                target = ('127.0.0.1', port)
                def queued():
                    with open('/proc/net/udp') as f:
                        for line in f.readlines()[1:]:
                            fields = line.split()
                            if int(fields[1].split(':')[1], 16) == port:
                                return int(fields[4].split(':')[1], 16)
                    return 0
                s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                s.bind(('127.0.0.1', 0))
                print('port', s.getsockname()[1])
                i = n = 0
                while i < len(data):
                    (length,) = struct.unpack_from('>I', data, i)
                    i += 4
                    s.sendto(data[i:i + length], target)
                    deadline = time.time() + 30
                    while queued() > 0:
                        if time.time() > deadline:
                            print('stuck at', n)
                            sys.exit(1)
                        time.sleep(0.001)
                    i += length
                    n += 1
                print('sent', n)
                """, payloads.toString(), port(s))) {
            senderPort = sender.expect("port");
            assertEquals(Integer.toString(WINDOW_DATAGRAMS), sender.expect("sent", 60));
        }
        ui.waitUntil(() -> ui.cell("socketTable", ui.socketRow(s), "Received").startsWith(WINDOW_DATAGRAMS + " / "),
                "all " + WINDOW_DATAGRAMS + " datagrams are received");
        ui.press("autoReceiveToggle");
        ui.set("logFilterField", s);   // the log shows this socket's calls only

        // Every datagram in its row, in order, from the python3 sender, as the log shows text and hex.
        ui.waitUntil(() -> ui.logRowsWhere("← recvfrom").size() == WINDOW_DATAGRAMS,
                () -> "a row per datagram (the log shows " + ui.logRowsWhere("← recvfrom").size() + ")");
        List<Integer> rows = ui.logRowsWhere("← recvfrom");
        long passed = 0;
        List<String> failures = new ArrayList<>();
        List<String> texts = ui.onFx(() -> rows.stream().map(r -> ui.cell("logTable", r, "Data")).toList());
        ui.fx(() -> robot.lookup("#logHexToggle").queryAs(javafx.scene.control.ToggleButton.class).setSelected(true));
        List<String> hexes = ui.onFx(() -> rows.stream().map(r -> ui.cell("logTable", r, "Data")).toList());
        List<String> details = new ArrayList<>();
        List<String> rendered = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += 20) {
            int first = from;
            // Select each row (the detail pane shows it), then show the rows on screen, text and hex alike.
            ui.fx(() -> {
                TableView<?> log = ui.table("logTable");
                TextArea detail = robot.lookup("#detailArea").queryAs(TextArea.class);
                for (int i = first; i < Math.min(first + 20, rows.size()); i++) {
                    log.getSelectionModel().clearAndSelect(rows.get(i));
                    details.add(detail.getText());
                }
                log.scrollTo(rows.get(first));
                log.layout();
                detail.layout();
                for (javafx.scene.Node n : log.lookupAll(".table-cell")) {
                    if (n instanceof Labeled cell && cell.getText() != null) {
                        rendered.add(cell.getText());
                    }
                }
            });
        }
        for (int i = 0; i < WINDOW_DATAGRAMS; i++) {
            byte[] data = sent.get(i);
            int row = rows.get(i);
            String problem = null;
            // an empty datagram reads b'' in text and hex alike, so that an empty cell never hides it
            String text = data.length == 0 ? "b''" : Inputs.text(data, LogRow.SHOWN_BYTES);
            String hex = data.length == 0 ? "b''" : Inputs.hex(data, LogRow.SHOWN_BYTES);
            if (!texts.get(i).equals(text)) {
                problem = "data column " + texts.get(i);
            } else if (!hexes.get(i).equals(hex)) {
                problem = "hex column " + hexes.get(i);
            } else if (!ui.onFx(() -> ui.cell("logTable", row, "Bytes")).equals(Integer.toString(data.length))) {
                problem = "bytes column " + ui.onFx(() -> ui.cell("logTable", row, "Bytes"));
            } else if (!ui.onFx(() -> ui.cell("logTable", row, "Source port")).equals(senderPort)) {
                problem = "source port " + ui.onFx(() -> ui.cell("logTable", row, "Source port"));
            } else if (unsafe(texts.get(i), false) != null) {
                problem = unsafe(texts.get(i), false);
            } else if (unsafe(details.get(i), true) != null || !details.get(i).contains(data.length + " bytes:")) {
                problem = "detail pane " + unsafe(details.get(i), true);
            }
            if (problem == null) {
                passed++;
            } else if (failures.size() < 10) {
                failures.add("datagram " + i + ": " + problem);
            }
        }
        for (String text : rendered) {
            String bad = unsafe(text, false);
            if (bad != null && failures.size() < 10) {
                failures.add("a cell on screen: " + bad);
            }
        }
        Robustness.count(Robustness.FUZZ_WINDOW, WINDOW_DATAGRAMS, failures.isEmpty() ? passed : Math.min(passed, WINDOW_DATAGRAMS - 1));
        counted = true;
        Robustness.figure(String.format("fuzz through the window: %d datagrams from python3 (one of 65,507 bytes), received, "
                + "shown as text and hex, %d cells rendered, each selected into the detail pane, in %.1f s: %d shown safely",
                WINDOW_DATAGRAMS, rendered.size(), (System.nanoTime() - start) / 1e9, passed));
        assertTrue(failures.isEmpty(), "seed " + (SEED + 1) + ": " + String.join("\n", failures));
    }
}
