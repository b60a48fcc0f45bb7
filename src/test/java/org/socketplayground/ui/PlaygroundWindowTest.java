package org.socketplayground.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.socketplayground.robustness.ChildOutput;
import org.socketplayground.engine.Family;
import org.socketplayground.engine.SockType;

/** A student at the window: the classroom flows, driven through the controls and read back from the screen. */
class PlaygroundWindowTest extends OwnWindow {
    private String boundUdp() {
        String id = ui.createSocket(Family.AF_INET, SockType.SOCK_DGRAM);
        ui.type("hostField", "127.0.0.1");
        ui.type("portField", "0");
        ui.click("bindButton");
        ui.expectOutcome("None");
        return id;
    }

    @Test
    void twoUdpSocketsOnOneMachineShowTheSendersEphemeralPort() {
        String server = boundUdp();
        String serverPort = ui.localPort(server);
        String client = ui.createSocket(Family.AF_INET, SockType.SOCK_DGRAM);
        ui.type("destHostField", "127.0.0.1");
        ui.type("destPortField", serverPort);
        ui.type("payloadField", "Hello World");
        ui.click("sendButton");
        ui.expectOutcome("11");
        ui.type("payloadField", "101, 280, 237, 680");
        ui.click("sendButton");
        ui.expectOutcome("18");

        ui.selectSocket(server);
        ui.click("recvButton");
        ui.waitUntil(() -> ui.logRowsWhere("← recvfrom").size() == 1, "the first datagram is logged");
        ui.click("recvButton");
        ui.waitUntil(() -> ui.logRowsWhere("← recvfrom").size() == 2, "both datagrams are logged");

        String clientPort = ui.localPort(client);
        List<Integer> received = ui.logRowsWhere("← recvfrom");
        assertEquals("Hello World", ui.cell("logTable", received.get(0), "Data"));
        assertEquals("101, 280, 237, 680", ui.cell("logTable", received.get(1), "Data"));
        for (int row : received) {
            assertEquals(server, ui.cell("logTable", row, "Socket"));
            assertEquals("127.0.0.1", ui.cell("logTable", row, "Source host"));
            assertEquals(clientPort, ui.cell("logTable", row, "Source port"), "the sender's port, as its own row shows");
        }
        assertEquals("11", ui.cell("logTable", received.get(0), "Bytes"));
        assertTrue(ui.label("outcomeLabel").startsWith("(b'101, 280, 237, 680', ('127.0.0.1', " + clientPort + "))"));
    }

    @Test
    void aNonBlockingRecvfromAnswersErrno11AtOnce() {
        String s = boundUdp();
        ui.choose("blockingModeChoice", "non-blocking");
        ui.expectOutcome("None");
        ui.waitUntil(() -> ui.cell("socketTable", ui.socketRow(s), "Mode").equals("non-blocking"), "the mode column follows");
        ui.click("recvButton");
        ui.expectOutcome("BlockingIOError: [Errno 11] Resource temporarily unavailable");
        assertTrue(ui.label("explanationLabel").contains("non-blocking socket never waits"));
    }

    @Test
    void aTimeoutRecvfromAnswersTimeoutErrorAfterTheDelay() {
        boundUdp();
        ui.type("timeoutField", "0.3");
        ui.choose("blockingModeChoice", "timeout");
        ui.expectOutcome("None");
        ui.click("recvButton");
        ui.expectOutcome("TimeoutError: timed out");
    }

    @Test
    void aBlockingRecvfromLeavesTheWindowWorkingAndCompletesWhenADatagramArrives() {
        String server = boundUdp();
        String port = ui.localPort(server);
        ui.click("recvButton");
        ui.expectOutcome("waiting…");
        ui.waitUntil(() -> ui.label("waitingLabel").contains(server + ".recvfrom(1024) blocked for"), "the wait is shown");

        String client = ui.createSocket(Family.AF_INET, SockType.SOCK_DGRAM);   // the window still answers
        ui.type("destPortField", port);
        ui.type("payloadField", "wake up");
        ui.click("sendButton");
        ui.waitUntil(() -> ui.logRowsWhere("← recvfrom").size() == 1, "the blocked recvfrom returns");
        int row = ui.logRowsWhere("← recvfrom").get(0);
        assertEquals("wake up", ui.cell("logTable", row, "Data"));
        assertEquals(ui.localPort(client), ui.cell("logTable", row, "Source port"));
        ui.waitUntil(() -> ui.label("waitingLabel").isEmpty(), "nothing waits any more");
    }

    @Test
    void abandoningABlockedCallEndsItWithKeyboardInterrupt() {
        boundUdp();
        ui.click("recvButton");
        ui.expectOutcome("waiting…");
        ui.waitUntil(() -> !ui.label("waitingLabel").isEmpty(), "the wait is shown");
        ui.click("abandonButton");
        ui.expectOutcome("KeyboardInterrupt");
    }

    @Test
    void tcpListenConnectAcceptSendAndRecv() {
        String server = ui.createSocket(Family.AF_INET, SockType.SOCK_STREAM);
        ui.type("portField", "0");
        ui.click("bindButton");
        ui.expectOutcome("None");
        ui.click("listenButton");
        ui.expectOutcome("None");
        ui.waitUntil(() -> ui.cell("socketTable", ui.socketRow(server), "State").equals("LISTEN"), "LISTEN is shown");
        String port = ui.localPort(server);

        String client = ui.createSocket(Family.AF_INET, SockType.SOCK_STREAM);
        ui.type("portField", port);
        ui.click("connectButton");
        ui.expectOutcome("None");

        ui.selectSocket(server);
        ui.click("acceptButton");
        ui.waitUntil(() -> ui.socketRow("conn1") >= 0, "the accepted connection is listed");
        int conn = ui.socketRow("conn1");
        assertEquals("ESTAB", ui.cell("socketTable", conn, "State"));
        assertEquals("127.0.0.1:" + ui.localPort(client), ui.cell("socketTable", conn, "Peer address"));

        ui.selectSocket(client);
        ui.type("payloadField", "hi over tcp");
        ui.click("sendButton");
        ui.expectOutcome("11");
        ui.selectSocket("conn1");
        ui.click("recvButton");
        ui.expectOutcome("b'hi over tcp'");
        int row = ui.logRowsWhere("← recv(").get(0);
        assertEquals(ui.localPort(client), ui.cell("logTable", row, "Source port"));
    }

    @Test
    void bindingAPortInUseShowsPythonsErrorWithAHint() {
        String first = boundUdp();
        String port = ui.localPort(first);
        ui.createSocket(Family.AF_INET, SockType.SOCK_DGRAM);
        ui.type("portField", port);
        ui.click("bindButton");
        ui.expectOutcome("OSError: [Errno 98] Address already in use");
        assertTrue(ui.label("explanationLabel").contains("SO_REUSEADDR"));
    }

    @Test
    void aPortThatIsNotANumberIsRefusedBeforeAnyCallAndOneOutOfRangeGetsPythonsError() {
        ui.createSocket(Family.AF_INET, SockType.SOCK_DGRAM);
        int logged = ui.rows("logTable");
        ui.typeKeys("portField", "abc");
        ui.click("bindButton");
        ui.waitUntil(() -> ui.label("outcomeLabel").contains("'abc' is not a port number"), "the field's reason is shown");
        assertEquals(logged, ui.rows("logTable"), "no call was made");

        ui.type("portField", "70000");
        ui.click("bindButton");
        ui.expectOutcome("OverflowError: bind(): port must be 0-65535.");

        ui.type("portField", "0");
        ui.click("bindButton");
        ui.expectOutcome("None");
    }

    @Test
    void aPythonPeersSourcePortIsTheOneTheLogShows() throws Exception {
        String s = boundUdp();
        Path script = Path.of(PlaygroundWindowTest.class.getResource("/peers/udp_peer.py").toURI());
        Process peer = new ProcessBuilder("python3", script.toString(), "127.0.0.1", ui.localPort(s), "from python")
                .redirectErrorStream(true).start();
        try {
            String peerPort = new ChildOutput("udp_peer.py", peer).line().split(" ")[1];   // 20 s at most
            ui.click("recvButton");
            ui.waitUntil(() -> ui.logRowsWhere("← recvfrom").size() == 1, "the datagram is logged");
            int row = ui.logRowsWhere("← recvfrom").get(0);
            assertEquals(peerPort, ui.cell("logTable", row, "Source port"));
            assertEquals("from python", ui.cell("logTable", row, "Data"));
        } finally {
            peer.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
