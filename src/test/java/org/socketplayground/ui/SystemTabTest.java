package org.socketplayground.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.TableRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socketplayground.robustness.PythonPeer;

/**
 * The System tab lists the machine's sockets as ss does, the app's own by name: a UDP socket whose Recv-Q grows
 * while nobody reads it, a listener with a client waiting for accept(), and the TIME-WAIT a closed connection leaves.
 */
class SystemTabTest extends SharedWindow {
    /** Sends three datagrams to a port, then waits to be killed. */
    private static final String SENDER = """
            import socket, sys
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            for i in range(3):
                s.sendto(b'unread %d' % i, ('127.0.0.1', int(sys.argv[1])))
            print('sent', s.getsockname()[1], flush=True)
            sys.stdin.read()
            """;

    /** Connects to a port, says so, and closes once the server has closed its end. */
    private static final String CLIENT = """
            import socket, sys
            c = socket.create_connection(('127.0.0.1', int(sys.argv[1])))
            print('connected', c.getsockname()[1], flush=True)
            while c.recv(100):
                pass
            c.close()
            print('closed', flush=True)
            sys.stdin.read()
            """;

    @BeforeEach
    void showTheTab() {
        robot.clickOn("System");
    }

    @AfterEach
    void clearTheFilter() {
        ui.set("systemFilterField", "");
        robot.clickOn("Python");
    }

    /** The rows of the System table whose columns have these texts, as "Netid State Recv-Q Local Peer Socket". */
    private List<String> rowsWhere(String heading, String text) {
        return ui.onFx(() -> {
            List<String> found = new ArrayList<>();
            for (int i = 0; i < ui.rows("systemSocketsTable"); i++) {
                if (ui.cell("systemSocketsTable", i, heading).equals(text)) {
                    found.add(String.join(" ", ui.cell("systemSocketsTable", i, "Netid"), ui.cell("systemSocketsTable", i, "State"),
                            ui.cell("systemSocketsTable", i, "Recv-Q"), ui.cell("systemSocketsTable", i, "Local address"),
                            ui.cell("systemSocketsTable", i, "Peer address"), ui.cell("systemSocketsTable", i, "Socket")));
                }
            }
            return found;
        });
    }

    @Test
    void aUdpSocketIsListedByNameAndItsRecvQGrowsWhileNobodyReads() throws Exception {
        String udp = boundUdp();
        String at = "127.0.0.1:" + port(udp);
        ui.waitUntil(() -> rowsWhere("Local address", at).equals(List.of("udp UNCONN 0 " + at + " 0.0.0.0:* " + udp)),
                () -> "the socket is listed by name: " + rowsWhere("Local address", at));
        // What the user sees: the app's own row stands out from the machine's others.
        assertTrue(ui.onFx(() -> robot.lookup("#systemSocketsTable").lookup(".table-row-cell").queryAll().stream()
                .filter(n -> n instanceof TableRow<?> r && !r.isEmpty() && r.getItem().toString().contains(at))
                .allMatch(n -> n.getPseudoClassStates().contains(javafx.css.PseudoClass.getPseudoClass("own")))),
                "the app's socket is highlighted");

        try (PythonPeer sender = PythonPeer.start(SENDER, port(udp))) {
            String from = sender.expect("sent");
            ui.waitUntil(() -> {
                List<String> rows = rowsWhere("Local address", at);
                return rows.size() == 1 && !rows.get(0).startsWith("udp UNCONN 0 ");
            }, () -> "three unread datagrams wait in the socket's Recv-Q: " + rowsWhere("Local address", at));
            ui.selectSocket(udp);
            ui.set("bufsizeField", "100");
            for (int i = 0; i < 3; i++) {
                ui.call("recvButton");
                ui.expectOutcome("(b'unread " + i + "', ('127.0.0.1', " + from + "))");
            }
        }
        ui.waitUntil(() -> rowsWhere("Local address", at).equals(List.of("udp UNCONN 0 " + at + " 0.0.0.0:* " + udp)),
                () -> "read, the queue is empty again: " + rowsWhere("Local address", at));
    }

    @Test
    void aListenerShowsItsWaitingClientAndAClosedConnectionLeavesTimeWait() throws Exception {
        String server = listeningServer();
        String at = "127.0.0.1:" + port(server);
        try (PythonPeer client = PythonPeer.start(CLIENT, port(server))) {
            String clientPort = client.expect("connected");
            ui.waitUntil(() -> rowsWhere("Local address", at).contains("tcp LISTEN 1 " + at + " 0.0.0.0:* " + server),
                    () -> "a client waits for accept(): " + rowsWhere("Local address", at));
            int before = ui.rows("socketTable");
            ui.selectSocket(server);
            ui.call("acceptButton");
            ui.waitUntil(() -> ui.rows("socketTable") == before + 1, "the accepted connection is listed");
            String conn = ui.onFx(() -> ui.cell("socketTable", before, "Socket"));
            String peer = "127.0.0.1:" + clientPort;
            ui.waitUntil(() -> rowsWhere("Peer address", peer).equals(List.of("tcp ESTAB 0 " + at + " " + peer + " " + conn)),
                    () -> "the connection is listed by name: " + rowsWhere("Peer address", peer));
            ui.waitUntil(() -> rowsWhere("Local address", at).contains("tcp LISTEN 0 " + at + " 0.0.0.0:* " + server),
                    () -> "accepted, no client waits: " + rowsWhere("Local address", at));

            // This end closes first, so this end keeps the connection's address pair in TIME-WAIT.
            ui.selectSocket(conn);
            ui.call("closeButton");
            ui.expectOutcome("None");
            client.expect("closed");
            ui.waitUntil(() -> rowsWhere("Peer address", peer).equals(List.of("tcp TIME-WAIT 0 " + at + " " + peer + " " + conn + " (closed)")),
                    () -> "TIME-WAIT after close(): " + rowsWhere("Peer address", peer));

            ui.set("systemFilterField", "TIME-WAIT");
            ui.waitUntil(() -> ui.rows("systemSocketsTable") >= 1 && rowsWhere("State", "TIME-WAIT").size() == ui.rows("systemSocketsTable"),
                    "the filter shows only TIME-WAIT");
            assertTrue(ui.label("systemSummary").startsWith("showing "), ui.label("systemSummary"));
            assertEquals(List.of("tcp TIME-WAIT 0 " + at + " " + peer + " " + conn + " (closed)"), rowsWhere("Peer address", peer));
        }
    }

    @Test
    void nothingIsReadWhileTheTabIsHidden() {
        robot.clickOn("Python");
        String udp = boundUdp();
        String at = "127.0.0.1:" + port(udp);
        // Eight of the window's slow ticks, four a second at the most: two seconds, two reads had the tab been in front.
        long[] ticks = {ui.onFx(() -> app.session().ticksProperty().get()), 0};
        ui.waitUntil(() -> {
            long now = app.session().ticksProperty().get();
            if (now != ticks[0]) {
                ticks[0] = now;
                ticks[1]++;
            }
            return ticks[1] >= 8;
        }, "eight ticks of the window's clock");
        assertEquals(List.of(), rowsWhere("Local address", at), "hidden, the tab read nothing");
        robot.clickOn("System");
        ui.waitUntil(() -> rowsWhere("Local address", at).equals(List.of("udp UNCONN 0 " + at + " 0.0.0.0:* " + udp)),
                () -> "in front, it reads at once: " + rowsWhere("Local address", at));
    }

    @Test
    void theStateTellsWhatItMeans() {
        Node state = ui.onFx(() -> robot.lookup("#systemSocketsTable").lookup(".table-cell").queryAll().stream()
                .filter(n -> n instanceof javafx.scene.control.TableCell<?, ?> c && "LISTEN".equals(c.getItem())).findFirst().orElse(null));
        if (state == null) {
            listeningServer();
            ui.waitUntil(() -> !rowsWhere("State", "LISTEN").isEmpty(), "a listener is listed");
            state = ui.onFx(() -> robot.lookup("#systemSocketsTable").lookup(".table-cell").queryAll().stream()
                    .filter(n -> n instanceof javafx.scene.control.TableCell<?, ?> c && "LISTEN".equals(c.getItem())).findFirst().orElseThrow());
        }
        Node cell = state;
        String tip = ui.onFx(() -> ((javafx.scene.control.TableCell<?, ?>) cell).getTooltip().getText());
        assertTrue(tip.contains("accept()"), tip);
    }
}
