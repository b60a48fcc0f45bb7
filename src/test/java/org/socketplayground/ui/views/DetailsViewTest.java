package org.socketplayground.ui.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.engine.SocketEngine;
import org.socketplayground.engine.py.PyValue;
import org.socketplayground.ui.details.DetailsView;

/** The details pane alone: the call the session has selected, whole, with every byte of its data. */
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
