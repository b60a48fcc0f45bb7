package org.socketplayground.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.socketplayground.engine.Family;
import org.socketplayground.engine.SockType;
import org.socketplayground.robustness.PythonPeer;
import org.socketplayground.robustness.Robustness;

/**
 * Issue 6, faults, in the window: closing a socket while a call waits on it ends the call with its outcome in
 * the log; a TCP peer (a real python3 process) that resets, half-closes or vanishes in the middle of a sendall
 * is shown as Python shows it, and the window keeps working.
 */
@Robustness.Group(Robustness.FAULTS)
class WindowFaultsTest extends SharedWindow {
    private static final String EBADF = "OSError: [Errno 9] Bad file descriptor";

    /** A python3 TCP server for one client; what it does once connected depends on the mode. */
    private static final String TCP_PEER = """
            import socket, struct, sys, time
            mode = sys.argv[1]
            srv = socket.socket()
            srv.bind(('127.0.0.1', 0))
            srv.listen(1)
            print('port', srv.getsockname()[1])
            conn, addr = srv.accept()
            print('accepted', addr[1])
            if mode == 'reset':
                print('got', conn.recv(100))
                conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
                conn.close()
                print('reset')
            elif mode == 'half-close':
                conn.sendall(b'bye')
                conn.shutdown(socket.SHUT_WR)
                print('shut')
                print('got', conn.recv(100))
                conn.close()
            else:
                time.sleep(60)
            """;

    /** Blocks a call on the socket, closes the socket, and returns how long until the log showed the call's end. */
    private static void closeWhileBlocked(String id, String call, String button) {
        ui.selectSocket(id);
        ui.call(button);
        ui.expectOutcome("waiting…");
        ui.waitUntil(() -> ui.label("waitingLabel").contains(id + "." + call + "("), "the window shows the wait");
        long start = System.nanoTime();
        ui.press("closeButton");
        ui.waitUntil(() -> ui.logData(id, call + "(").contains(EBADF), "the log shows how the " + call + " ended");
        double ms = (System.nanoTime() - start) / 1e6;
        ui.waitUntil(() -> ui.label("waitingLabel").isEmpty(), "nothing waits any more");
        Robustness.figure(String.format("close() in the window ends a blocked %s, shown in the log, in %.0f ms", call, ms));
        assertTrue(ms < 2000, call + " ended in " + ms + " ms");
        ui.waitUntil(() -> ui.cell("socketTable", ui.socketRow(id), "State").equals("CLOSED"), id + " reads CLOSED");
    }

    @Test
    void closingASocketBlockedInRecvfromEndsTheCall() {
        closeWhileBlocked(boundUdp(), "recvfrom", "recvButton");
        assertUdpWorks(boundUdp(), "the window still works");
    }

    @Test
    void closingASocketBlockedInAcceptEndsTheCall() {
        String server = listeningServer();
        closeWhileBlocked(server, "accept", "acceptButton");
    }

    @Test
    void closingAConnectionBlockedInRecvEndsTheCall() {
        String server = listeningServer();
        String port = port(server);
        String client = socket(Family.AF_INET, SockType.SOCK_STREAM);
        ui.set("portField", port);
        ui.call("connectButton");
        ui.expectOutcome("None");
        ui.selectSocket(server);
        ui.call("acceptButton");
        ui.waitUntil(() -> ui.label("outcomeLabel").startsWith("(conn"), "accept returns");
        String conn = ui.label("outcomeLabel").substring(1, ui.label("outcomeLabel").indexOf(','));
        closeWhileBlocked(conn, "recv", "recvButton");
        ui.selectSocket(client);
        ui.call("recvButton");
        ui.expectOutcome("b''");
    }

    /** connect() to the python3 peer, returning its output once it has accepted. */
    private static String connectTo(PythonPeer peer) {
        String port = peer.expect("port");
        String s = socket(Family.AF_INET, SockType.SOCK_STREAM);
        ui.set("portField", port);
        ui.call("connectButton");
        ui.expectOutcome("None");
        assertEquals(port(s), peer.expect("accepted"));
        return s;
    }

    /** The peer resets (SO_LINGER (1, 0), then close): recv raises, then reads b'', and send is a broken pipe. */
    @Test
    void aPeerThatResetsIsShownAsPythonShowsIt() throws Exception {
        try (PythonPeer peer = PythonPeer.start(TCP_PEER, "reset")) {
            String s = connectTo(peer);
            ui.set("payloadField", "reset please");
            ui.call("sendButton");
            ui.expectOutcome("12");
            assertEquals("b'reset please'", peer.expect("got"));
            peer.expect("reset");
            ui.call("recvButton");
            ui.expectOutcome("ConnectionResetError: [Errno 104] Connection reset by peer");
            assertTrue(ui.label("explanationLabel").contains("reset"), ui.label("explanationLabel"));
            ui.call("recvButton");
            ui.expectOutcome("b''");
            ui.call("sendButton");
            ui.expectOutcome("BrokenPipeError: [Errno 32] Broken pipe");
            ui.waitUntil(() -> ui.cell("socketTable", ui.socketRow(s), "Peer address").equals("–"), "the peer is gone from the table");
        }
        assertUdpWorks(boundUdp(), "after a reset");
    }

    /** The peer sends, then shuts its side (SHUT_WR): recv reads the data, then b''; this side can still send. */
    @Test
    void aPeerThatHalfClosesIsShownAsPythonShowsIt() throws Exception {
        try (PythonPeer peer = PythonPeer.start(TCP_PEER, "half-close")) {
            String s = connectTo(peer);
            peer.expect("shut");
            ui.call("recvButton");
            ui.expectOutcome("b'bye'");
            ui.call("recvButton");
            ui.expectOutcome("b''");
            assertTrue(ui.label("explanationLabel").contains("closed its side"), ui.label("explanationLabel"));
            ui.waitUntil(() -> ui.cell("socketTable", ui.socketRow(s), "State").equals("CLOSE-WAIT"), "the state reads CLOSE-WAIT");
            ui.set("payloadField", "still here");
            ui.call("sendButton");
            ui.expectOutcome("10");
            assertEquals("b'still here'", peer.expect("got"));
        }
        assertUdpWorks(boundUdp(), "after a half-close");
    }

    /**
     * The peer accepts and never reads; sendall() of 1 MB is pressed until one waits for room (the kernel takes a
     * few MB first), then the peer is killed: every waiting sendall ends with Python's error.
     */
    @Test
    void aPeerThatVanishesInTheMiddleOfASendallIsShownAsPythonShowsIt() throws Exception {
        String s;
        try (PythonPeer peer = PythonPeer.start(TCP_PEER, "silent")) {
            s = connectTo(peer);
            ui.set("payloadField", "x".repeat(1 << 20));
            long start = System.nanoTime();
            int presses = 0;
            for (; presses < 32 && !ui.label("waitingLabel").contains(s + ".sendall("); presses++) {
                ui.call("sendallButton");
                ui.waitUntil(() -> ui.label("outcomeLabel").equals("None") || ui.label("outcomeLabel").equals("waiting…"),
                        "the sendall returns or waits");
                ui.waitUntil(() -> ui.label("outcomeLabel").equals("None") || !ui.label("waitingLabel").isEmpty(),
                        "the window shows the waiting sendall");
            }
            assertTrue(ui.label("waitingLabel").contains(s + ".sendall("), "a sendall waits for room");
            Robustness.figure(String.format("a sendall of 1 MB waits for room after %d presses (%.1f s); the peer is killed",
                    presses, (System.nanoTime() - start) / 1e9));
            peer.kill();
        } finally {
            ui.set("payloadField", "");
        }
        ui.waitUntil(() -> ui.label("waitingLabel").isEmpty(), "no sendall waits once the peer is gone");
        List<String> ends = ui.logData(s, "sendall(");
        String last = ends.get(ends.size() - 1);
        assertTrue(List.of("ConnectionResetError: [Errno 104] Connection reset by peer", "BrokenPipeError: [Errno 32] Broken pipe")
                .contains(last), "the sendall ended with " + last);
        ui.call("sendButton");   // an empty send, which Linux refuses as well once the connection is gone
        ui.expectOutcome("BrokenPipeError: [Errno 32] Broken pipe");
        assertUdpWorks(boundUdp(), "after the peer vanished");
    }
}
