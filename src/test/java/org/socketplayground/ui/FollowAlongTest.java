package org.socketplayground.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Test;
import org.socketplayground.engine.Family;
import org.socketplayground.engine.SockType;

/**
 * What a class needs to follow along (issue 10): where a datagram went, the sender as the receiver sees it, the
 * outcome of the selected socket's own last call, b'' when a connection ends, and a hint that fits a refused UDP
 * socket.
 */
class FollowAlongTest extends SharedWindow {

    @Test
    void aSendFromEveryInterfaceShowsTheAddressTheReceiverSeesAndWhereItWent() {
        String receiver = boundUdp();
        String port = port(receiver);
        String sender = socket(Family.AF_INET, SockType.SOCK_DGRAM);
        bind(sender, "0.0.0.0", "0");
        String senderPort = port(sender);
        ui.set("payloadField", "where to?");
        ui.set("destHostField", "127.0.0.1");
        ui.set("destPortField", port);
        ui.call("sendButton");
        ui.expectOutcome("9");
        ui.selectSocket(receiver);
        ui.call("recvButton");
        ui.expectOutcome("(b'where to?', ('127.0.0.1', " + senderPort + "))");

        int sent = ui.onFx(() -> ui.logRowsWhere("→ sendto").stream()
                .filter(i -> ui.cell("logTable", i, "Socket").equals(sender)).findFirst().orElseThrow());
        assertEquals("127.0.0.1", ui.cell("logTable", sent, "Source host"), "not 0.0.0.0: the address the receiver sees");
        assertEquals(senderPort, ui.cell("logTable", sent, "Source port"));
        assertEquals("127.0.0.1:" + port, ui.cell("logTable", sent, "Destination"), "where it went");
        int received = ui.onFx(() -> ui.logRowsWhere("← recvfrom").stream()
                .filter(i -> ui.cell("logTable", i, "Socket").equals(receiver)).reduce((a, b) -> b).orElseThrow());
        assertEquals("127.0.0.1", ui.cell("logTable", received, "Source host"));
        assertEquals("127.0.0.1:" + port, ui.cell("logTable", received, "Destination"), "the receiver's own address");
        assertEquals(ui.cell("logTable", sent, "Source port"), ui.cell("logTable", received, "Source port"),
                "the send row and the receive row name the same sender");
    }

    @Test
    void theOutcomeIsThatOfTheSelectedSocketsLastCall() {
        String first = boundUdp();
        String second = socket(Family.AF_INET, SockType.SOCK_DGRAM);
        ui.waitUntil(() -> ui.label("outcomeCallLabel").startsWith("socket.socket("), "the new socket's outcome");
        ui.selectSocket(first);
        ui.waitUntil(() -> ui.label("outcomeCallLabel").equals(first + ".bind(('127.0.0.1', 0))"),
                () -> "back on " + first + ", its own last call (" + ui.label("outcomeCallLabel") + ")");
        assertEquals("None", ui.label("outcomeLabel"));
        ui.set("timeoutField", "0.2");
        ui.callWithChoice("blockingModeChoice", "timeout");
        ui.expectOutcome("None");
        ui.call("recvButton");
        ui.expectOutcome("TimeoutError: timed out");
        ui.selectSocket(second);
        ui.waitUntil(() -> ui.label("outcomeCallLabel").startsWith("socket.socket(") && ui.label("outcomeLabel").equals(second),
                () -> second + " shows its own socket() call, not " + first + "'s timeout (" + ui.label("outcomeCallLabel")
                        + " → " + ui.label("outcomeLabel") + ")");
        ui.selectSocket(first);
        ui.expectOutcome("TimeoutError: timed out");
    }

    @Test
    void aRecvThatFindsTheConnectionClosedShowsBEmptyInTheLog() throws Exception {
        String server = listeningServer();
        String port = port(server);
        try (Socket peer = new Socket()) {
            peer.connect(new InetSocketAddress("127.0.0.1", Integer.parseInt(port)));
            ui.call("acceptButton");
            ui.waitUntil(() -> ui.label("outcomeLabel").startsWith("(conn"), () -> "accepted (" + ui.label("outcomeLabel") + ")");
            String conn = ui.label("outcomeLabel").replaceAll("^\\((conn\\d+),.*$", "$1");
            OutputStream out = peer.getOutputStream();
            out.write("bye".getBytes());
            out.flush();
            peer.shutdownOutput();
            ui.selectSocket(conn);
            ui.call("recvButton");
            ui.expectOutcome("b'bye'");
            ui.call("recvButton");
            ui.expectOutcome("b''");
            ui.waitUntil(() -> ui.logData(conn, "← recv").contains("b''"),
                    () -> "the end of the stream reads b'' in the Data column: " + ui.logData(conn, "← recv"));
        }
    }

    @Test
    void aRefusedConnectedUdpSocketIsToldAboutPortUnreachableNotAboutListen() {
        String nobody = boundUdp();
        String port = port(nobody);
        ui.selectSocket(nobody);
        ui.call("closeButton");
        ui.expectOutcome("None");
        String client = boundUdp();
        ui.set("hostField", "127.0.0.1");
        ui.set("portField", port);
        ui.call("connectButton");
        ui.expectOutcome("None");
        ui.set("payloadField", "anyone?");
        ui.call("sendButton");
        ui.expectOutcome("7");
        ui.set("timeoutField", "1");
        ui.callWithChoice("blockingModeChoice", "timeout");
        ui.expectOutcome("None");
        ui.call("recvButton");
        ui.expectOutcome("ConnectionRefusedError: [Errno 111] Connection refused");
        String why = ui.label("explanationLabel");
        assertTrue(why.contains("port unreachable"), why);
        assertFalse(why.contains("bind, listen"), "no server to start with listen() for UDP: " + why);
        assertEquals(client, ui.onFx(() -> ui.cell("socketTable", ui.table("socketTable").getSelectionModel().getSelectedIndex(), "Socket")));
    }
}
