package org.socketplayground.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socketplayground.engine.Family;
import org.socketplayground.engine.SockType;
import org.socketplayground.robustness.HeapAfterGc;
import org.socketplayground.robustness.PythonPeer;
import org.socketplayground.robustness.Robustness;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 17, memory bounded by bytes: with the whole window in this JVM, a python3 peer floods 65,507-byte datagrams
 * into a socket that receives continuously while the window sends 65,507 random bytes at a time and the Python pane is
 * on screen; what the flood adds to the heap after a full collection stays within 200 MB (the log's 64 MB, as much
 * again for what waits while paused, the feed's 48 MB), so that the app, about 50 MB quiet, stays within the
 * benchmark's 256 MB. The growth, not the total: in the full suite the JVM already holds other tests' windows. And the window keeps answering
 * within a second while the details show a 1 MiB call, whose every byte Save all bytes… writes.
 */
@Robustness.Group(MemoryBudgetTest.MEMORY)
class MemoryBudgetTest extends SharedWindow {
    static final String MEMORY = "memory";
    private static final long GROWTH_LIMIT = 200L << 20;
    private static final int DATAGRAMS = 4_000;
    private static final int SENDS = 300;

    /** Floods 65,507-byte datagrams of random bytes at a port until killed. */
    private static final String FLOODER = """
            import os, socket, sys
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            data = os.urandom(65507)
            to = ('127.0.0.1', int(sys.argv[1]))
            print('flooding', flush=True)
            while True:
                try:
                    s.sendto(data, to)
                except OSError:
                    pass
            """;

    /** A TCP peer that reads everything a client sends, and says how much when the client closes. */
    private static final String SINK = """
            import socket
            srv = socket.socket()
            srv.bind(('127.0.0.1', 0))
            srv.listen(1)
            print('port', srv.getsockname()[1], flush=True)
            conn, addr = srv.accept()
            total = 0
            while True:
                got = conn.recv(1 << 20)
                if not got:
                    break
                total += len(got)
            print('read', total, flush=True)
            """;

    /** How long the JavaFX thread takes to run a task handed to it now (Platform.runLater and back), in ms. */
    private static double roundTripMs() throws Exception {
        long start = System.nanoTime();
        WaitForAsyncUtils.asyncFx(() -> null).get(30, TimeUnit.SECONDS);
        return (System.nanoTime() - start) / 1e6;
    }

    private static long received(String id) {
        String cell = ui.onFx(() -> ui.cell("socketTable", ui.socketRow(id), "Received"));
        String count = cell.split("\\s")[0].replaceAll("\\D", "");
        return count.isEmpty() ? 0 : Long.parseLong(count);
    }

    @Test
    void theHeapStaysWithinItsBudgetWhileAPeerFloodsLargeDatagramsAndThePythonPaneIsShown() throws Exception {
        robot.clickOn("Python");
        long before = HeapAfterGc.bytes();
        String receiver = boundUdp();
        String port = port(receiver);
        ui.set("bufsizeField", "65536");
        ui.press("autoReceiveToggle");
        String sender = boundUdp();
        byte[] random = new byte[65_507];
        new Random(17).nextBytes(random);
        ui.set("destHostField", "127.0.0.1");
        ui.set("destPortField", port);
        ui.fx(() -> robot.lookup("#hexToggle").queryAs(ToggleButton.class).setSelected(true));
        ui.set("payloadField", HexFormat.of().formatHex(random));

        double slowest = 0;
        long during = 0;
        long sends = 0;
        try (PythonPeer flood = PythonPeer.start(FLOODER, port)) {
            flood.expect("flooding");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (received(receiver) < DATAGRAMS || sends < SENDS) {
                double slowestSoFar = slowest;
                long sent = sends;
                assertTrue(System.nanoTime() < deadline, () -> "the flood reached " + received(receiver) + " datagrams and "
                        + sent + " sends within 120 s; the window answered within " + slowestSoFar + " ms");
                if (sends < SENDS) {
                    // 65,507 random bytes to the receiver, five times: each a line of the Python pane
                    ui.fx(() -> {
                        for (int i = 0; i < 5; i++) {
                            robot.lookup("#sendButton").queryAs(javafx.scene.control.ButtonBase.class).fire();
                        }
                    });
                    sends += 5;
                    if (sends % 100 == 0) {
                        during = Math.max(during, HeapAfterGc.bytes());   // with whatever waits for the window then
                    }
                }
                slowest = Math.max(slowest, roundTripMs());
            }
            during = Math.max(during, HeapAfterGc.bytes());
        }
        // The flood is over: a last small datagram, and once the log shows it, the window has taken everything.
        ui.set("payloadField", "656e64");
        ui.call("sendButton");
        ui.expectOutcome("3");
        ui.waitUntil(() -> {
            java.util.List<Object> rows = ui.table("logTable").getItems();
            return !rows.isEmpty() && ui.cell("logTable", rows.size() - 1, "Call").startsWith("← recvfrom")
                    && ui.cell("logTable", rows.size() - 1, "Data").equals("end");
        }, "the log has caught up");
        long after = HeapAfterGc.bytes();
        String code = ui.onFx(() -> robot.lookup("#pythonCode").queryAs(TextArea.class).getText());
        ui.selectSocket(receiver);
        ui.press("autoReceiveToggle");
        ui.fx(() -> robot.lookup("#hexToggle").queryAs(ToggleButton.class).setSelected(false));

        Robustness.figure(String.format("heap after GC: %d MB before, at most %d MB during a flood of %d datagrams of 65,507 bytes"
                        + " and %d sends of 65,507 bytes with the Python pane shown, %d MB after; the pane holds %,d characters;"
                        + " the window answered within %.0f ms; %d requests for a full collection ran none and were asked again",
                        before >> 20, during >> 20, received(receiver), sends,
                after >> 20, code.length(), slowest, HeapAfterGc.skipped()));
        assertTrue(slowest < 3_000, "a generous bound under a flood on two cores: the window answered within " + slowest + " ms");
        assertTrue(during - before < GROWTH_LIMIT, "heap after GC during the flood: " + (during >> 20) + " MB, "
                + ((during - before) >> 20) + " MB more than before it");
        assertTrue(after - before < GROWTH_LIMIT, "heap after GC after the flood: " + (after >> 20) + " MB, "
                + ((after - before) >> 20) + " MB more than before it");
        assertTrue(code.startsWith("# … ") && code.contains(" earlier statements trimmed to keep memory bounded\n"),
                code.substring(0, Math.min(200, code.length())));
        assertTrue(code.length() < 400_000, "the Python pane holds " + code.length() + " characters");
    }

    @Test
    void theWindowAnswersWithinASecondWhileA1MiBCallIsShownAndSaveAllBytesWritesIt(@TempDir Path dir) throws Exception {
        byte[] pattern = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try (PythonPeer sink = PythonPeer.start(SINK)) {
            String sinkPort = sink.expect("port");
            robot.clickOn("Python");
            for (String line : new String[] {"c = socket.socket(socket.AF_INET, socket.SOCK_STREAM)",
                    "c.connect(('127.0.0.1', " + sinkPort + "))", "c.sendall(b'0123456789abcdef' * 65536)", "c.close()"}) {
                ui.type("pythonPrompt", line);
                robot.type(KeyCode.ENTER);
                ui.waitUntil(() -> ui.text("pythonPrompt").isEmpty()
                        && !robot.lookup("#pythonPromptState").query().isVisible(), "the prompt ran " + line);
            }
            sink.expect("read 1048576");
        }
        ui.waitUntil(() -> !ui.logRowsWhere("→ sendall(").isEmpty(), "the log shows the sendall");
        int big = ui.logRowsWhere("→ sendall(").get(0);
        int small = ui.logRowsWhere("connect(").get(0);
        robot.clickOn("Details");
        TextArea detail = robot.lookup("#detailArea").queryAs(TextArea.class);

        double slowest = 0;
        for (int i = 0; i < 3; i++) {
            ui.fx(() -> ui.table("logTable").getSelectionModel().clearAndSelect(big));
            // The pane lays the dump out at the next pulses: ask the thread again until it has, timing each answer.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            do {
                slowest = Math.max(slowest, roundTripMs());
            } while (!ui.onFx(() -> detail.getText().contains("983,040 more bytes") && !detail.isNeedsLayout())
                    && System.nanoTime() < deadline);
            for (int j = 0; j < 5; j++) {
                slowest = Math.max(slowest, roundTripMs());
            }
            ui.fx(() -> ui.table("logTable").getSelectionModel().clearAndSelect(small));
            slowest = Math.max(slowest, roundTripMs());
        }
        String text = ui.onFx(() -> {
            TableView<Object> log = ui.table("logTable");
            log.getSelectionModel().clearAndSelect(big);
            return detail.getText();
        });
        Robustness.figure(String.format("a 1 MiB call in the details: %,d characters, the window answered within %.0f ms",
                text.length(), slowest));
        assertTrue(slowest < 1_000, "the window answered within " + slowest + " ms");
        assertTrue(text.contains("1048576 bytes; the first 65,536 below, 983,040 more not shown"), text.substring(0, 300));
        assertTrue(text.length() < 400_000, text.length() + " characters");

        Path file = dir.resolve("sent.bin");
        System.setProperty("playground.saveBytesTo", file.toString());
        try {
            ui.press("detailSaveButton");
            ui.waitUntil(() -> Files.isRegularFile(file) && Files.size(file) == 1 << 20, "every byte is saved");
        } finally {
            System.clearProperty("playground.saveBytesTo");
        }
        byte[] expected = new byte[1 << 20];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = pattern[i % pattern.length];
        }
        assertArrayEquals(expected, Files.readAllBytes(file));
    }
}
