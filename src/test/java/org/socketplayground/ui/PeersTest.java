package org.socketplayground.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.socketplayground.engine.Family;
import org.socketplayground.engine.SockType;

/** The built-in peers are real sockets of the window: listed, on loopback, and their traffic in the log. */
class PeersTest extends OwnWindow {
    private String startFromMenu(String item) {
        int before = ui.rows("socketTable");
        robot.clickOn("#peersMenu");
        robot.clickOn(item);
        ui.waitUntil(() -> ui.rows("socketTable") == before + 1
                && ui.cell("socketTable", before, "Local address").startsWith("127.0.0.1:"), "the peer is listed, bound");
        return ui.cell("socketTable", before, "Socket");
    }

    @Test
    void theUdpEchoServerAnswersOkDotsToEveryClient() {
        String echo = startFromMenu("UDP echo server — answers 'OK...' + data");
        String port = ui.localPort(echo);
        ui.createSocket(Family.AF_INET, SockType.SOCK_DGRAM);
        ui.type("destPortField", port);
        ui.type("payloadField", "hello");
        ui.click("sendButton");
        ui.expectOutcome("5");
        ui.click("recvButton");
        ui.waitUntil(() -> ui.label("outcomeLabel").equals("(b'OK...hello', ('127.0.0.1', " + port + "))"), "the echo");

        int sockets = ui.rows("socketTable");
        robot.clickOn("#peersMenu");
        robot.clickOn("5 UDP clients → the Send destination");
        ui.waitUntil(() -> ui.rows("socketTable") == sockets + 5, "five clients are listed");
        ui.waitUntil(() -> {
            Set<String> senders = new HashSet<>();
            for (int row : ui.logRowsWhere("← recvfrom")) {
                if (ui.cell("logTable", row, "Socket").equals(echo)) {
                    senders.add(ui.cell("logTable", row, "Source port"));
                }
            }
            return senders.size() == 6;
        }, "the echo server heard six senders: the student and five clients");
    }

    @Test
    void theThreadedTcpEchoServerServesFiveClients() {
        String echo = startFromMenu("TCP echo server — a thread per connection");
        assertEquals("LISTEN", ui.cell("socketTable", ui.socketRow(echo), "State"));
        ui.createSocket(Family.AF_INET, SockType.SOCK_DGRAM);   // a socket to select, for the destination fields
        ui.type("destPortField", ui.localPort(echo));
        robot.clickOn("#peersMenu");
        robot.clickOn("5 TCP clients → the Send destination");
        ui.waitUntil(() -> ui.socketRow("conn5") >= 0, "five connections were accepted");
        // Five clients send three messages each, and the server sends each one back.
        ui.waitUntil(() -> ui.logRowsWhere("→ sendall(").size() >= 30, "every message was echoed");
        assertTrue(ui.logRowsWhere("← recv(").size() >= 15);
    }

    @Test
    void anyUdpSocketCanAutoReplyWithAPrefix() {
        String server = ui.createSocket(Family.AF_INET, SockType.SOCK_DGRAM);
        ui.type("portField", "0");
        ui.click("bindButton");
        ui.expectOutcome("None");
        ui.type("replyPrefixField", "Got: ");
        ui.click("autoReplyToggle");
        ui.waitUntil(() -> robot.lookup("#autoReceiveToggle").queryAs(javafx.scene.control.ToggleButton.class).isSelected(),
                "auto-reply receives continuously");
        String port = ui.localPort(server);
        ui.createSocket(Family.AF_INET, SockType.SOCK_DGRAM);
        ui.type("destPortField", port);
        ui.type("payloadField", "ping");
        ui.click("sendButton");
        ui.expectOutcome("4");
        ui.click("recvButton");
        ui.waitUntil(() -> ui.label("outcomeLabel").equals("(b'Got: ping', ('127.0.0.1', " + port + "))"), "the reply");
    }

    @Test
    void theUdpPingerReportsEachRttAndTheLoss() throws Exception {
        String echo = startFromMenu("UDP echo server — answers 'OK...' + data");
        ui.createSocket(Family.AF_INET, SockType.SOCK_DGRAM);   // a socket to select, for the destination fields
        ui.type("destHostField", "127.0.0.1");
        ui.type("destPortField", ui.localPort(echo));
        robot.clickOn("#peersMenu");
        robot.clickOn("UDP pinger: 10 pings → the Send destination");
        ui.waitUntil(() -> ui.label("statusBar").contains("Ping statistics: 10 sent, 10 received, 0% loss; RTT min/avg/max "),
                () -> "the statistics: " + ui.label("statusBar"));
        ui.waitUntil(() -> ui.logRowsWhere("→ sendto").stream().anyMatch(row -> ui.cell("logTable", row, "Data").startsWith("Ping 10 ")),
                "the tenth ping is in the log");

        // A server that answers eight pings: the last two time out after a second each.
        String script = java.nio.file.Path.of(PeersTest.class.getResource("/peers/half_echo.py").toURI()).toString();
        try (org.socketplayground.robustness.ChildOutput server = new org.socketplayground.robustness.ChildOutput("half_echo.py",
                new ProcessBuilder("python3", script, "8").redirectErrorStream(true).start())) {
            String port = server.line().replace("port ", "");
            ui.type("destPortField", port);
            robot.clickOn("#peersMenu");
            robot.clickOn("UDP pinger: 10 pings → the Send destination");
            ui.waitUntil(() -> ui.label("statusBar").contains("Ping statistics: 10 sent, 8 received, 20% loss"),
                    () -> "the statistics: " + ui.label("statusBar"));
            for (int i = 1; i <= 10; i++) {
                assertEquals("got " + i, server.line(), "the server heard ping " + i);
            }
            ui.waitUntil(() -> ui.logRowsWhere("recvfrom").stream()
                    .filter(row -> ui.cell("logTable", row, "Data").contains("TimeoutError")).count() >= 2,
                    "the two lost pings end in TimeoutError in the log");
        }
    }
}
