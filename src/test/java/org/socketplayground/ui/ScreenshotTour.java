package org.socketplayground.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.socketplayground.engine.Family;
import org.socketplayground.engine.SockType;
import org.socketplayground.ui.session.ShowMe;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Sets up a realistic classroom session for the README's screenshot, then holds the window open.
 * Not part of the test run; under Xvfb:
 * {@code mvn test -Dtest=ScreenshotTour -Dgroups=tour -Dtestfx.headless=false -Dglass.platform=gtk -Dtour.hold=15}
 * and take the screenshot while it holds.
 */
@Tag("tour")
@ExtendWith(ApplicationExtension.class)
class ScreenshotTour {
    /** Steps of A+ before the session (system property tour.zoom), to see the window as a projector would. */
    private static final int ZOOM = Integer.getInteger("tour.zoom", 0);
    /** The theme's toggle to press first (system property tour.theme: darkToggle or contrastToggle), none for light. */
    private static final String THEME = System.getProperty("tour.theme", "");
    /** The tab to bring to the front at the end (system property tour.tab: pythonTab or detailTab), none for the lesson. */
    private static final String TAB = System.getProperty("tour.tab", "");
    /** The window's size (system property tour.size, e.g. 1280x800); none for the size the app chooses. */
    private static final String SIZE = System.getProperty("tour.size", "");
    private Process sensor;

    @Start
    void start(Stage stage) throws Exception {
        new PlaygroundApp().start(stage);
        if (!SIZE.isEmpty()) {
            String[] wh = SIZE.split("x");
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(Double.parseDouble(wh[0]));
            stage.setHeight(Double.parseDouble(wh[1]));
        }
    }

    @Test
    void classroomSession(FxRobot robot) throws Exception {
        try {
            session(robot);
        } finally {
            System.out.println("TOUR READY");
            Thread.sleep(Long.getLong("tour.hold", 0) * 1000);
            if (sensor != null) {
                sensor.destroy();
            }
            WindowDriver ui = new WindowDriver(robot);
            for (int i = 0; i < ZOOM; i++) {
                ui.press("zoomOutButton");   // the zoom is remembered: leave it as it was
            }
            if (!THEME.isEmpty()) {
                ui.press(THEME);   // so is the theme
            }
        }
    }

    private void session(FxRobot robot) throws Exception {
        WindowDriver ui = new WindowDriver(robot);
        ui.awaitEveryTab();
        if (!THEME.isEmpty()) {
            ui.press(THEME);
        }
        for (int i = 0; i < ZOOM; i++) {
            ui.press("zoomInButton");
        }
        String server = ui.newSocket(Family.AF_INET, SockType.SOCK_DGRAM);
        ui.set("portField", "9999");
        ui.press("bindButton");
        ui.expectOutcome("None");
        ui.press("autoReceiveToggle");

        String client = ui.newSocket(Family.AF_INET, SockType.SOCK_DGRAM);
        ui.set("destPortField", "9999");
        for (String text : new String[] {"Hello World", "101, 280, 237, 680"}) {
            ui.set("payloadField", text);
            ui.press("sendButton");
            Thread.sleep(200);
        }
        Path script = Path.of(ScreenshotTour.class.getResource("/peers/udp_chatter.py").toURI());
        Process peer = new ProcessBuilder("python3", script.toString(), "9999").inheritIO().start();
        peer.waitFor();
        ui.set("payloadField", "bye\\n");
        ui.press("sendButton");

        String tcp = ui.newSocket(Family.AF_INET, SockType.SOCK_STREAM);
        ui.set("portField", "8080");
        ui.press("bindButton");
        ui.press("listenButton");
        ui.expectOutcome("None");

        ui.newSocket(Family.AF_INET, SockType.SOCK_DGRAM);
        ui.set("portField", "9999");
        ui.press("bindButton");
        ui.expectOutcome("OSError: [Errno 98] Address already in use");
        robot.interact(() -> {
            @SuppressWarnings("unchecked")
            javafx.scene.control.ComboBox<Object> lessons = robot.lookup("#lessonChoice").queryAs(javafx.scene.control.ComboBox.class);
            // -Dtour.lesson=N opens the lesson at that place in the list (0: the first)
            lessons.getSelectionModel().select(Integer.getInteger("tour.lesson", 0).intValue());
            @SuppressWarnings("unchecked")
            javafx.scene.control.ChoiceBox<ShowMe.Speed> speed = robot.lookup("#lessonSpeedChoice").queryAs(javafx.scene.control.ChoiceBox.class);
            speed.setValue(ShowMe.Speed.FAST);
        });
        ui.press("lessonShowMeButton");
        ui.waitUntil(() -> ui.label("lessonStatus").startsWith("✔"), "Show me has played the first step");
        ui.press("lessonNextButton");
        int row = ui.logRowsWhere("← recvfrom").get(1);
        robot.interact(() -> ui.table("logTable").getSelectionModel().select(row));

        if (Boolean.getBoolean("tour.unix")) {   // issue 12: two AF_UNIX datagram sockets and a datagram between them
            Path dir = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "sp-tour"));
            for (String f : new String[] {"receiver.sock", "sender.sock"}) {
                Files.deleteIfExists(dir.resolve(f));
            }
            String receiver = ui.newSocket(Family.AF_UNIX, SockType.SOCK_DGRAM);
            ui.set("hostField", dir.resolve("receiver.sock").toString());
            ui.press("bindButton");
            ui.expectOutcome("None");
            ui.newSocket(Family.AF_UNIX, SockType.SOCK_DGRAM);
            ui.set("hostField", dir.resolve("sender.sock").toString());
            ui.press("bindButton");
            ui.expectOutcome("None");
            ui.set("payloadField", "over a path");
            ui.set("destHostField", dir.resolve("receiver.sock").toString());
            ui.press("sendButton");
            ui.expectOutcome("11");
            ui.selectSocket(receiver);
            ui.press("recvButton");
            ui.waitUntil(() -> ui.label("outcomeLabel").startsWith("(b'over"), "received");
            // and a stream on a path: a listener, an unnamed caller, the connection accept() made
            Files.deleteIfExists(dir.resolve("stream.sock"));
            String listener = ui.newSocket(Family.AF_UNIX, SockType.SOCK_STREAM);
            ui.set("hostField", dir.resolve("stream.sock").toString());
            ui.press("bindButton");
            ui.expectOutcome("None");
            ui.press("listenButton");
            ui.expectOutcome("None");
            String caller = ui.newSocket(Family.AF_UNIX, SockType.SOCK_STREAM);
            ui.set("hostField", dir.resolve("stream.sock").toString());
            connectAcceptAndSend(ui, listener, caller, "down the stream");
        } else if (Boolean.getBoolean("tour.diagram")) {   // issue 14: a connection, its data and its close
            conversation(ui, tcp);
        } else {
            flood(ui, server, client);
        }
        if (Boolean.getBoolean("tour.scrollCalls")) {   // the calls pane's last rows (Select, Options)
            robot.interact(() -> robot.lookup(".scroll-pane").queryAll().stream()
                    .filter(n -> n instanceof javafx.scene.control.ScrollPane sp && sp.lookup("#optionChoice") != null)
                    .forEach(n -> ((javafx.scene.control.ScrollPane) n).setVvalue(1)));
        }
        if (!TAB.isEmpty()) {
            robot.interact(() -> {
                javafx.scene.control.TabPane tabs = robot.lookup("#codeTabs").queryAs(javafx.scene.control.TabPane.class);
                tabs.getTabs().stream().filter(t -> TAB.equals(t.getId())).findFirst().ifPresent(t -> tabs.getSelectionModel().select(t));
            });
        }
        if (Boolean.getBoolean("tour.lab")) {   // issue 14: a 30% lab on the flooded socket, and the log live again
            ui.selectSocket(server);
            robot.interact(() -> {
                @SuppressWarnings("unchecked")
                javafx.scene.control.ComboBox<String> presets = robot.lookup("#labPresetChoice").queryAs(javafx.scene.control.ComboBox.class);
                presets.setValue("UDP pinger lab: 30% loss");
                robot.lookup("#labToggle").queryAs(javafx.scene.control.ToggleButton.class).fire();
            });
            ui.press("pauseLogToggle");
        }
        Thread.sleep(Long.getLong("tour.flood", 12) * 1000);
    }

    /**
     * With the caller's address fields filled in: connect, accept on the listener, send the data from the caller and
     * receive it on the new connection, whose name it returns.
     */
    private String connectAcceptAndSend(WindowDriver ui, String listener, String caller, String data) {
        ui.press("connectButton");
        ui.expectOutcome("None");
        ui.selectSocket(listener);
        int rows = ui.rows("socketTable");
        ui.press("acceptButton");
        ui.waitUntil(() -> ui.rows("socketTable") == rows + 1, "accepted");
        String conn = ui.onFx(() -> ui.cell("socketTable", rows, "Socket"));
        ui.selectSocket(caller);
        ui.set("payloadField", data);
        ui.press("sendallButton");
        ui.expectOutcome("None");
        ui.selectSocket(conn);
        ui.press("recvButton");
        String start = "b'" + data.substring(0, 4);
        ui.waitUntil(() -> ui.label("outcomeLabel").startsWith(start), "received on the stream");
        return conn;
    }

    private void conversation(WindowDriver ui, String listener) {
        String port = ui.onFx(() -> ui.localPort(listener));   // 8080, unless a closed connection of a tour before holds it
        String caller = ui.newSocket(Family.AF_INET, SockType.SOCK_STREAM);
        ui.set("hostField", "127.0.0.1");
        ui.set("portField", port);
        String conn = connectAcceptAndSend(ui, listener, caller, "GET / HTTP/1.0\\r\\n\\r\\n");
        ui.set("payloadField", "HTTP/1.0 200 OK\\r\\n\\r\\nhello");
        ui.press("sendallButton");
        ui.expectOutcome("None");
        ui.press("closeButton");
        ui.expectOutcome("None");
        ui.selectSocket(caller);
        ui.press("recvButton");
        ui.waitUntil(() -> ui.label("outcomeLabel").startsWith("b'HTTP"), "the answer");
        ui.press("recvButton");
        ui.expectOutcome("b''");
        int row = ui.logRowsWhere("→ sendall").get(0);   // the request: its row and its arrow selected
        ui.fx(() -> ui.table("logTable").getSelectionModel().clearAndSelect(row));
    }

    private void flood(WindowDriver ui, String server, String client) throws Exception {
        // A steady stream into the server while the log is paused: the rate and its sparkline move, the rows stay.
        ui.press("pauseLogToggle");
        ui.selectSocket(server);
        Path burst = Path.of(ScreenshotTour.class.getResource("/peers/udp_burst.py").toURI());
        sensor = new ProcessBuilder("python3", burst.toString(), "127.0.0.1", "9999", "20000", "0.004", "sensor ")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (Boolean.getBoolean("tour.bigSend")) {   // issue 10: a 70,000-byte send, whose outcome must not move a control
            ui.selectSocket(client);
            ui.set("destPortField", "9999");
            ui.set("payloadField", "x".repeat(70_000));
            ui.press("sendButton");
        }
    }
}
