package org.socketplayground.ui.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.control.TableCell;
import org.junit.jupiter.api.Test;
import org.socketplayground.engine.Family;
import org.socketplayground.engine.SockType;
import org.socketplayground.ui.sockets.SocketsView;

/** The socket table alone: its rows follow the engine's sockets, its selection is the session's. */
class SocketsViewTest extends OneView<SocketsView> {
    SocketsViewTest() {
        super(SocketsView.class);
    }

    private int tableSelection() {
        return onFx(() -> table("socketTable").getSelectionModel().getSelectedIndex());
    }

    @Test
    void aSocketMadeThroughTheSessionIsListedSelectedAndShowsItsAddressOnceBound() {
        assertEquals(0, rows("socketTable"));
        String id = socketThroughSession(Family.AF_INET, SockType.SOCK_DGRAM);
        waitUntil(() -> id.equals(shown("socketTable", 0, "Socket")) && "UDP IPv4".equals(shown("socketTable", 0, "Type"))
                        && "UNCONN".equals(shown("socketTable", 0, "State")) && "–".equals(shown("socketTable", 0, "Local address")),
                () -> "the new socket's row reads " + id + " | UDP IPv4 | UNCONN | – (it reads " + shown("socketTable", 0, "Socket")
                        + " | " + shown("socketTable", 0, "Type") + " | " + shown("socketTable", 0, "State") + " | "
                        + shown("socketTable", 0, "Local address") + ")");
        waitUntil(() -> tableSelection() == 0, "the table selects the socket the session selected");
        waitUntil(() -> text("rateLabel").equals(id + " receives 0 datagrams/s · 0 B/s"),
                () -> "the traffic line names the selected socket (it reads " + text("rateLabel") + ")");

        long port = bindLoopback(id);
        waitUntil(() -> ("127.0.0.1:" + port).equals(shown("socketTable", 0, "Local address")),
                () -> "the Local address reads 127.0.0.1:" + port + " (it reads " + shown("socketTable", 0, "Local address") + ")");
        assertEquals("–", shown("socketTable", 0, "Peer address"));
        assertEquals("blocking", shown("socketTable", 0, "Mode"));
        assertEquals("0 / 0 B", shown("socketTable", 0, "Received"));
    }

    @Test
    void clickingARowSelectsTheSessionsSocketAndTheSessionsChoiceMovesTheRowSelection() {
        String first = udpSocket();
        String second = socket(Family.AF_INET, SockType.SOCK_STREAM);
        waitUntil(() -> first.equals(shown("socketTable", 0, "Socket")) && second.equals(shown("socketTable", 1, "Socket")),
                "both sockets are drawn, in order");
        assertEquals("TCP IPv4", shown("socketTable", 1, "Type"));
        assertNull(onFx(session::selectedSocket), "a socket made elsewhere is not selected");
        assertEquals("Select a socket to see its traffic", text("rateLabel"));

        robot.clickOn(renderedCell("socketTable", 1, "Socket"));
        waitUntil(() -> session.selectedSocket() != null && session.selectedSocket().id().equals(second),
                "a click on the second row selects " + second + " in the session");
        waitUntil(() -> text("rateLabel").equals(second + " receives 0 B/s"),
                () -> "the traffic line of a TCP socket counts bytes only (it reads " + text("rateLabel") + ")");

        selectInSession(first);
        waitUntil(() -> tableSelection() == 0, () -> "the table follows the session to " + first + " (row " + tableSelection() + " selected)");
        waitUntil(() -> text("rateLabel").startsWith(first + " receives "), () -> "the traffic line follows (" + text("rateLabel") + ")");
    }

    @Test
    void aRowFollowsItsSocketReceivingSendingFromAnEphemeralPortAndClosing() {
        String receiver = udpSocket();
        long port = bindLoopback(receiver);
        String sender = udpSocket();
        sendto(sender, "hello", port);
        recvfrom(receiver);

        waitUntil(() -> "1 / 5 B".equals(shown("socketTable", 0, "Received")),
                () -> "the receiver counts one datagram of 5 bytes (it reads " + shown("socketTable", 0, "Received") + ")");
        assertEquals("timeout 5.0 s", shown("socketTable", 0, "Mode"));

        // The sender was never bound: its first sendto bound it to every interface, and the table warns of it.
        long senderPort = port(sender);
        waitUntil(() -> ("*:" + senderPort + " ⚠").equals(shown("socketTable", 1, "Local address")),
                () -> "the sender shows its ephemeral port with the warning (it reads " + shown("socketTable", 1, "Local address") + ")");
        TableCell<?, ?> local = renderedCell("socketTable", 1, "Local address");
        assertNotNull(local);
        assertTrue(onFx(() -> local.getStyleClass().contains("network-reachable")), "the cell is marked reachable");
        assertTrue(onFx(() -> local.getTooltip() != null && local.getTooltip().getText().startsWith("Reachable from the network")),
                "the cell says why");

        engine.call(receiver, "close");
        waitUntil(() -> "CLOSED".equals(shown("socketTable", 0, "State")),
                () -> "the closed socket's row says CLOSED (it reads " + shown("socketTable", 0, "State") + ")");
    }

    /** Issue 17: closed sockets can leave the table ("Remove closed"); open ones stay, and so do their calls. */
    @Test
    void removeClosedTakesOnlyTheClosedSocketsOutOfTheTable() {
        String open = udpSocket();
        String closed = udpSocket();
        waitUntil(() -> rows("socketTable") == 2, "both sockets are listed");
        assertTrue(disabled("removeClosedButton"), "nothing to remove while every socket is open");
        fx(() -> session.close(closed));
        waitUntil(() -> "CLOSED".equals(shown("socketTable", 1, "State")) && !disabled("removeClosedButton"),
                "the closed socket reads CLOSED and can be removed");
        robot.clickOn(node("removeClosedButton", javafx.scene.control.Button.class));
        waitUntil(() -> rows("socketTable") == 1 && open.equals(shown("socketTable", 0, "Socket")),
                "only the open socket is left in the table");
        assertTrue(engine.socket(closed).isEmpty(), "the engine forgot the closed socket");
        assertTrue(disabled("removeClosedButton"));
    }
}
