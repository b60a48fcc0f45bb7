package org.socketplayground.ui.views;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.engine.Family;
import org.socketplayground.engine.SockType;
import org.socketplayground.engine.SocketEngine;
import org.socketplayground.engine.py.PyValue;
import org.socketplayground.ui.details.DetailsView;

/**
 * The details pane alone: the call the session has selected, whole, with a hex dump of its data (of large data, the
 * first 64 KiB) and Save all bytes….
 */
class DetailsViewTest extends OneView<DetailsView> {
    DetailsViewTest() {
        super(DetailsView.class);
    }

    private String details() {
        return text("detailArea");
    }

    @Test
    void aSelectedReceiveShowsTheCallItsSenderAndAHexDump() {
        String receiver = udpSocket();
        long port = bindLoopback(receiver);
        String sender = udpSocket();
        long senderPort = bindLoopback(sender);
        CallRecord sent = engine.call(sender, "sendto", PyValue.of("Hi\u0000there".getBytes()), SocketEngine.address("127.0.0.1", port));
        assertEquals("8", sent.outcome());
        CallRecord got = recvfrom(receiver);
        assertEquals("", details(), "nothing selected, nothing shown");

        fx(() -> session.selectCall(got));
        waitUntil(() -> !details().isEmpty(), "the selected call is shown");
        String text = details();
        String[] lines = text.split("\n");
        assertEquals(receiver + ".recvfrom(1024)", lines[0]);
        assertEquals("→ (b'Hi\\x00there', ('127.0.0.1', " + senderPort + "))", lines[1]);
        assertTrue(lines[2].startsWith("at ") && lines[2].contains(", took "), lines[2]);
        assertEquals("source 127.0.0.1 port " + senderPort, lines[3]);
        assertTrue(text.contains("\n8 bytes:\n00000000  48 69 00 74 68 65 72 65 "), text);
        assertTrue(text.endsWith("|Hi.there|\n"), text);
    }

    @Test
    void largeDataShowsItsFirst64KiBAndSaveAllBytesWritesEveryByte(@TempDir Path dir) throws Exception {
        String server = socket(Family.AF_INET, SockType.SOCK_STREAM);
        long port = bindLoopback(server);
        engine.call(server, "listen", PyValue.of(1));
        String client = socket(Family.AF_INET, SockType.SOCK_STREAM);
        engine.call(client, "connect", SocketEngine.address("127.0.0.1", port));
        engine.call(server, "setblocking", PyValue.of(false));
        String conn = ((PyValue.SocketRef) ((PyValue.Tuple) engine.call(server, "accept").value()).get(0)).id();
        byte[] data = new byte[200_000];
        new java.util.Random(6).nextBytes(data);
        // A reader on the other end, so that sendall can hand over every byte.
        java.util.concurrent.CompletableFuture<Void> reader = java.util.concurrent.CompletableFuture.runAsync(() -> {
            int got = 0;
            while (got < data.length) {
                PyValue.Bytes part = (PyValue.Bytes) engine.call(conn, "recv", PyValue.of(1 << 20)).value();
                got += part.length();
            }
        });
        CallRecord sent = engine.call(client, "sendall", PyValue.of(data));
        assertEquals("None", sent.outcome());
        reader.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(disabled("detailSaveButton"), "nothing selected, nothing to save");

        fx(() -> session.selectCall(sent));
        waitUntil(() -> !details().isEmpty(), "the selected call is shown");
        String text = details();
        assertTrue(text.startsWith(client + ".sendall(b'"), text.substring(0, 100));
        assertTrue(text.contains("\n200000 bytes; the first 65,536 below, 134,464 more not shown (Save all bytes… writes every byte"
                + " to a file):\n00000000  "), text.substring(0, 2_000));
        assertTrue(text.contains("\n0000fff0  "), "the dump runs to the 64 KiB's last line");
        assertTrue(text.endsWith("|\n… 134,464 more bytes\n"), text.substring(text.length() - 200));
        assertTrue(text.length() < 64 * 1024 * 5, text.length() + " characters");

        Path file = dir.resolve("data.bin");
        System.setProperty("playground.saveBytesTo", file.toString());
        try {
            assertTrue(!disabled("detailSaveButton"), "the call has data to save");
            press("detailSaveButton");
            waitUntil(() -> Files.isRegularFile(file) && Files.size(file) == data.length, "every byte is saved");
            assertArrayEquals(data, Files.readAllBytes(file));
            waitUntil(() -> session.noticeProperty().get().equals("Saved 200,000 bytes to " + file + "."),
                    () -> "the status bar is told (" + session.noticeProperty().get() + ")");
        } finally {
            System.clearProperty("playground.saveBytesTo");
        }
    }

    @Test
    void aFailedCallShowsItsErrorAndNoSelectionEmptiesThePane() {
        String first = udpSocket();
        long port = bindLoopback(first);
        String second = udpSocket();
        CallRecord refused = engine.call(second, "bind", SocketEngine.address("127.0.0.1", port));
        fx(() -> session.selectCall(refused));
        waitUntil(() -> details().startsWith(second + ".bind(('127.0.0.1', " + port + "))\n→ OSError: [Errno 98] Address already in use\n"),
                () -> "the failed bind is shown with its error:\n" + details());

        fx(() -> session.selectCall(null));
        waitUntil(() -> details().isEmpty(), () -> "no call selected, the pane is empty (" + details() + ")");
    }
}
