package org.socketplayground.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.collections.transformation.FilteredList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.engine.Family;
import org.socketplayground.engine.SockType;
import org.socketplayground.engine.SocketEngine;
import org.socketplayground.engine.py.PyValue;
import org.socketplayground.robustness.Robustness;
import org.socketplayground.ui.session.LogRow;
import org.socketplayground.ui.session.Session;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * One playground window for all the tests of a class (issue 6's suite makes hundreds of calls, and a window per
 * test would cost more than the calls). Each test makes its own sockets. Any exception thrown on the JavaFX thread
 * while a test runs fails that test.
 */
@ExtendWith(Robustness.class)
abstract class SharedWindow {
    static FxRobot robot;
    static WindowDriver ui;
    static PlaygroundApp app;
    private static final List<Throwable> fxErrors = new CopyOnWriteArrayList<>();
    private static Thread.UncaughtExceptionHandler previousHandler;

    @BeforeAll
    static void openWindow() throws Exception {
        // The marker calls of an earlier class's window: a new window's engine numbers its calls from 1 again, and an
        // old marker's number would hide one of its calls from settledLogRows (seen: ShowMePlayTest after SelectWindowTest).
        MARKERS.clear();
        FxToolkit.registerPrimaryStage();
        app = (PlaygroundApp) FxToolkit.setupApplication(PlaygroundApp::new);
        robot = new FxRobot();
        ui = new WindowDriver(robot);
        ui.awaitEveryTab();
        robot.interact(() -> {
            Thread fx = Thread.currentThread();
            previousHandler = fx.getUncaughtExceptionHandler();
            fx.setUncaughtExceptionHandler((t, e) -> {
                fxErrors.add(e);
                if (previousHandler != null) {
                    previousHandler.uncaughtException(t, e);
                }
            });
        });
    }

    /** The fields a test may have changed go back to what a new window shows. */
    @BeforeEach
    void defaultFields() {
        ui.set("hostField", "127.0.0.1");
        ui.set("portField", "0");
        ui.set("payloadField", "");
        ui.set("destHostField", "127.0.0.1");
        ui.set("destPortField", "");
        ui.set("bufsizeField", "1024");
        ui.set("timeoutField", "2");
        ui.set("logFilterField", "");
        for (String toggle : List.of("hexToggle", "logHexToggle", "dataOnlyCheck", "pauseLogToggle")) {
            ui.fx(() -> {
                javafx.scene.Node node = robot.lookup("#" + toggle).query();
                if (node instanceof javafx.scene.control.ToggleButton t) {
                    t.setSelected(false);
                } else if (node instanceof javafx.scene.control.CheckBox c) {
                    c.setSelected(false);
                }
            });
        }
    }

    @AfterEach
    void nothingThrewOnTheFxThread() {
        List<Throwable> thrown = new ArrayList<>(fxErrors);
        fxErrors.clear();
        assertTrue(thrown.isEmpty(), () -> "the JavaFX thread threw " + thrown);
    }

    @AfterAll
    static void closeWindow() throws Exception {
        robot.interact(() -> Thread.currentThread().setUncaughtExceptionHandler(previousHandler));
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    // ---------------------------------------------------------------- steps the tests share

    /** A new socket, selected. */
    static String socket(Family family, SockType type) {
        return ui.newSocket(family, type);
    }

    /** A new UDP socket bound to 127.0.0.1 on a port the system picks. */
    static String boundUdp() {
        String id = socket(Family.AF_INET, SockType.SOCK_DGRAM);
        bind(id, "127.0.0.1", "0");
        return id;
    }

    /** A TCP socket bound to loopback on a port of the system's choosing, listening. */
    static String listeningServer() {
        String server = socket(Family.AF_INET, SockType.SOCK_STREAM);
        bind(server, "127.0.0.1", "0");
        ui.call("listenButton");
        ui.expectOutcome("None");
        return server;
    }

    static void bind(String id, String host, String port) {
        ui.selectSocket(id);
        ui.set("hostField", host);
        ui.set("portField", port);
        ui.call("bindButton");
        ui.expectOutcome("None");
        ui.waitUntil(() -> !ui.cell("socketTable", ui.socketRow(id), "Local address").equals("–"), id + " shows its address");
    }

    /** The marker calls {@link #settledLogRows} made: left out of the rows it counts. */
    private static final Set<Long> MARKERS = ConcurrentHashMap.newKeySet();

    /**
     * The rows the log shows once it lists every call made so far, the markers left out. No quiet period, which a
     * busy machine can fake: marker calls follow whatever the test did (gettimeout() on the selected socket, the
     * target of the calls pane's buttons, and socket.htons() for socket()). Calls on one target start in the order
     * they were submitted and the log lists calls in the order of their effects, so once the markers are listed,
     * so is every call made before them on those targets. The log must not be paused.
     */
    static int settledLogRows() {
        Session session = app.session();
        SocketEngine engine = session.engine();
        String selected = ui.onFx(() -> session.selectedSocket() == null ? null : session.selectedSocket().id());
        List<CompletableFuture<CallRecord>> marks = new ArrayList<>();
        if (selected != null) {
            marks.add(engine.submit(selected, "gettimeout", List.of()));
        }
        marks.add(engine.submit(SocketEngine.MODULE, "htons", List.of(PyValue.of(1))));
        Set<Long> seqs = new HashSet<>();
        for (CompletableFuture<CallRecord> mark : marks) {
            try {
                seqs.add(mark.get(10, TimeUnit.SECONDS).seq());
            } catch (Exception e) {
                throw new AssertionError("a marker call did not return", e);
            }
        }
        MARKERS.addAll(seqs);
        // Every row the log keeps, its filter aside: a marker may be filtered out of view.
        List<? extends LogRow> kept = ((FilteredList<LogRow>) session.log().visible()).getSource();
        ui.waitUntil(() -> kept.stream().map(r -> r.record().seq()).filter(seqs::contains).count() == seqs.size(),
                "the log lists the marker calls " + seqs);
        return ui.onFx(() -> (int) session.log().visible().stream().filter(r -> !MARKERS.contains(r.record().seq())).count());
    }

    /** The socket's port as the table shows it. */
    static String port(String id) {
        return ui.onFx(() -> ui.localPort(id));
    }

    /**
     * A UDP socket still works: it sends a datagram to itself with sendto() and gets it back with recvfrom(),
     * from its own address. It must be bound to 127.0.0.1 and blocking (or have a timeout).
     */
    static void assertUdpWorks(String id, String message) {
        ui.selectSocket(id);
        String port = port(id);
        ui.set("payloadField", message);
        ui.set("destHostField", "127.0.0.1");
        ui.set("destPortField", port);
        ui.set("bufsizeField", "1024");
        ui.call("sendButton");
        ui.expectOutcome(Integer.toString(message.length()));
        ui.call("recvButton");
        ui.expectOutcome("(b'" + message + "', ('127.0.0.1', " + port + "))");
    }

    /** The outcome of a call the window refused to make: the field's reason, and no row in the log. */
    static void assertRefused(String button, String fieldWhat, String reason) {
        int before = settledLogRows();
        List<Long> waiting = waitingSeqs();
        ui.call(button);
        ui.expectOutcome(reason);
        assertEquals("No call made: the " + fieldWhat + " field needs fixing.", ui.label("outcomeCallLabel"));
        assertEquals(before, settledLogRows(), "no call was made");
        assertEquals(waiting, waitingSeqs(), "no call waits either (it would have no row yet)");
    }

    private static List<Long> waitingSeqs() {
        return app.session().engine().waitingCalls().stream().map(CallRecord::seq).toList();
    }
}
