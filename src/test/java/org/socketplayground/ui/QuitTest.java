package org.socketplayground.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.socketplayground.engine.Family;
import org.socketplayground.engine.SockType;
import org.socketplayground.robustness.PythonPeer;
import org.socketplayground.robustness.Robustness;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Issue 6: closing the window, or quitting the app, while a flood comes in and calls wait, closes every socket at
 * once: a python3 process binds the very same ports right afterwards, and none of the app's threads is left.
 */
@ExtendWith({ApplicationExtension.class, Robustness.class})
@Robustness.Group(Robustness.FAULTS)
class QuitTest {
    /** Floods a UDP port with datagrams until killed. */
    private static final String FLOOD = """
            import socket, sys
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.bind(('127.0.0.1', 0))
            target = ('127.0.0.1', int(sys.argv[1]))
            print('flooding')
            payload = b'flood! ' * 16
            while True:
                try:
                    s.sendto(payload, target)
                except OSError:
                    pass
            """;
    /** Binds each udp:PORT or tcp:PORT given, without SO_REUSEADDR, and says which it could. */
    private static final String BIND_PORTS = """
            import socket, sys
            for spec in sys.argv[1:]:
                kind, port = spec.split(':')
                s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM if kind == 'udp' else socket.SOCK_STREAM)
                try:
                    s.bind(('127.0.0.1', int(port)))
                    if kind == 'tcp':
                        s.listen(1)
                    print('bound', spec)
                except OSError as e:
                    print('refused', spec, e)
            print('done')
            """;

    private PlaygroundApp app;
    private Stage stage;
    private WindowDriver ui;
    private FxRobot robot;
    private Set<Thread> threadsBefore;

    @Start
    void start(Stage stage) throws Exception {
        threadsBefore = Thread.getAllStackTraces().keySet();
        this.stage = stage;
        app = new PlaygroundApp();
        app.start(stage);
    }

    @BeforeEach
    void driver(FxRobot robot) {
        this.robot = robot;
        ui = new WindowDriver(robot);
    }

    @AfterEach
    void closeWindow() throws Exception {
        FxToolkit.cleanupStages();
    }

    private String boundUdp() {
        String id = ui.newSocket(Family.AF_INET, SockType.SOCK_DGRAM);
        ui.set("portField", "0");
        ui.call("bindButton");
        ui.expectOutcome("None");
        ui.waitUntil(() -> !ui.cell("socketTable", ui.socketRow(id), "Local address").equals("–"), id + " shows its port");
        return id;
    }

    private static List<String> bindPorts(List<String> specs) throws Exception {
        try (PythonPeer binder = PythonPeer.start(BIND_PORTS, specs.toArray(String[]::new))) {
            List<String> lines = new ArrayList<>();
            for (String line = binder.line(); !line.equals("done"); line = binder.line()) {
                lines.add(line);
            }
            return lines;
        }
    }

    /**
     * A flood into a socket that receives continuously, a recvfrom and an accept that wait: the ports the python3
     * process cannot bind while the window is open, it binds at once after the given way of leaving.
     */
    private void leaveDuringAFloodAndBlockedCalls(String how, Runnable leave) throws Exception {
        String flooded = boundUdp();
        ui.press("autoReceiveToggle");
        String blocked = boundUdp();
        ui.call("recvButton");
        ui.expectOutcome("waiting…");
        String server = ui.newSocket(Family.AF_INET, SockType.SOCK_STREAM);
        ui.set("portField", "0");
        ui.call("bindButton");
        ui.expectOutcome("None");
        ui.call("listenButton");
        ui.expectOutcome("None");
        ui.call("acceptButton");
        ui.expectOutcome("waiting…");
        int before = ui.onFx(() -> ui.rows("socketTable"));
        ui.fx(() -> robot.lookup("#peersMenu").queryAs(javafx.scene.control.MenuButton.class).getItems().stream()
                .filter(i -> i.getText() != null && i.getText().startsWith("UDP echo server — answers")).findFirst().orElseThrow().fire());
        ui.waitUntil(() -> ui.rows("socketTable") == before + 1
                && !ui.cell("socketTable", before, "Local address").equals("–"), "the echo peer is bound");
        String peer = ui.onFx(() -> ui.cell("socketTable", before, "Socket"));
        List<String> ports = ui.onFx(() -> List.of("udp:" + ui.localPort(flooded), "udp:" + ui.localPort(blocked),
                "tcp:" + ui.localPort(server), "udp:" + ui.localPort(peer)));
        try (PythonPeer flood = PythonPeer.start(FLOOD, ports.get(0).substring(4))) {
            flood.expect("flooding");
            ui.waitUntil(() -> Long.parseLong(ui.cell("socketTable", ui.socketRow(flooded), "Received").split(" ")[0]) >= 1000,
                    "the flood is being received");
            ui.waitUntil(() -> ui.label("waitingLabel").contains("more waiting)"), "calls wait");
            assertTrue(bindPorts(ports).stream().allMatch(l -> l.startsWith("refused")), "the app holds its ports");

            long start = System.nanoTime();
            ui.fx(leave);
            double ms = (System.nanoTime() - start) / 1e6;
            List<String> afterwards = bindPorts(ports);
            Robustness.figure(String.format("%s during a flood, two blocked calls and an echo peer: done in %.0f ms, then python3 binds %s",
                    how, ms, afterwards.stream().map(l -> l.split(" ")[0]).collect(Collectors.joining(", "))));
            assertEquals(ports.stream().map(p -> "bound " + p).toList(), afterwards);
        }
        long end = System.nanoTime() + 3_000_000_000L;
        List<String> left;
        do {
            left = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> !threadsBefore.contains(t) && t.isAlive())
                    .map(Thread::getName)
                    .filter(n -> n.startsWith("socket-call-") || n.startsWith("receive-loop-") || n.startsWith("peer-"))
                    .toList();
            Thread.sleep(20);
        } while (!left.isEmpty() && System.nanoTime() < end);
        assertTrue(left.isEmpty(), "threads of the window left running: " + left);
    }

    @Test
    void closingTheWindowDuringAFloodAndBlockedCallsFreesEveryPort() throws Exception {
        leaveDuringAFloodAndBlockedCalls("closing the window", () -> stage.close());
    }

    /** Quitting (Platform.exit) calls the application's stop(); the window then goes too. */
    @Test
    void quittingTheAppDuringAFloodAndBlockedCallsFreesEveryPort() throws Exception {
        leaveDuringAFloodAndBlockedCalls("quitting the app", () -> {
            app.stop();
            stage.hide();
        });
    }

    /** Ctrl+Q quits: the window goes, and with it every socket and thread. */
    @Test
    void ctrlQDuringAFloodAndBlockedCallsFreesEveryPort() throws Exception {
        leaveDuringAFloodAndBlockedCalls("pressing Ctrl+Q", () -> {
            Runnable quit = stage.getScene().getAccelerators().get(new javafx.scene.input.KeyCodeCombination(
                    javafx.scene.input.KeyCode.Q, javafx.scene.input.KeyCombination.SHORTCUT_DOWN));
            assertTrue(quit != null, "Ctrl+Q is a shortcut of the window");
            quit.run();
            assertTrue(!stage.isShowing(), "the window is gone");
        });
    }

    /** The toolbar's Quit does what Ctrl+Q does: the window goes, and the port with it. */
    @Test
    void theQuitButtonClosesTheWindowAndFreesThePort() throws Exception {
        String id = boundUdp();
        List<String> port = ui.onFx(() -> List.of("udp:" + ui.localPort(id)));
        assertTrue(bindPorts(port).get(0).startsWith("refused"), "the app holds its port");
        ui.press("quitButton");
        ui.waitUntil(() -> !stage.isShowing(), "the window is gone");
        assertEquals(List.of("bound " + port.get(0)), bindPorts(port));
    }
}
