package org.socketplayground.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.socketplayground.lessons.Lesson;
import org.socketplayground.lessons.LessonParser;
import org.socketplayground.ui.session.ShowMe;
import org.socketplayground.ui.session.SocketRow;
import org.socketplayground.ui.widgets.DemoPress;

/**
 * Show me plays a step in the window for a class to watch: each line selects its socket, fills the fields with its
 * arguments and highlights the button it presses before the call is made; the step ticks once it has played; Next
 * during the play stops it, and no further call is made. The lessons here are a teacher's, opened in the window.
 */
class ShowMePlayTest extends SharedWindow {

    /** What the window showed at the moment a control took Show me's highlight. */
    record Seen(String control, Map<String, String> fields, String selected, String status, boolean showMeDisabled) {
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final List<String> statuses = new CopyOnWriteArrayList<>();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<Runnable> cleanUp = new CopyOnWriteArrayList<>();

    @Test
    void aPlayedStepFillsTheFieldsAndHighlightsEachButtonThenTicks() throws Exception {
        openLesson("""
                # Show me, watched
                A receiver, a sender, one datagram.

                ## Bind, send, receive
                Make a receiver and bind it, send it a datagram from a second socket, and receive it.
                Expect: recvfrom -> ping
                Show me: watched_rx = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                Show me: watched_rx.bind(('127.0.0.1', 0))
                Show me: watched_tx = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                Show me: watched_tx.sendto(b'ping', watched_rx.getsockname())
                Show me: watched_rx.recvfrom(512)
                """);
        // Fields that differ from what the lines will fill in, so that the filling shows.
        ui.set("hostField", "localhost");
        ui.set("portField", "7");
        ui.set("payloadField", "not yet");
        ui.set("destPortField", "");
        ui.set("bufsizeField", "1024");
        speed(ShowMe.Speed.FAST);
        watch("createSocketButton", "bindButton", "sendButton", "recvButton");
        onText("lessonStatus", statuses::add);
        onText("lessonPlayingLine", line -> {
            if (!line.isEmpty()) {
                lines.add(line);
            }
        });
        int socketsBefore = ui.onFx(() -> ui.rows("socketTable"));

        ui.click("lessonShowMeButton");
        ui.waitUntil(() -> seen.stream().anyMatch(s -> s.control().equals("bindButton")),
                "bind() wears Show me's highlight while its line plays");
        ui.waitUntil(() -> ui.label("lessonStatus").startsWith("✔"),
                () -> "the step ticks once it has played (status: " + ui.label("lessonStatus") + ")");

        assertEquals(List.of("createSocketButton", "bindButton", "createSocketButton", "sendButton", "recvButton"),
                seen.stream().map(Seen::control).toList(), "each line's button is highlighted in turn: " + seen);
        for (Seen s : seen) {
            assertTrue(s.showMeDisabled(), "Show me stays disabled while the step plays: " + s);
            assertTrue(s.status().startsWith("▶ Show me"), "the status says the step is playing: " + s);
        }
        Seen bind = seen.get(1);
        Seen send = seen.get(3);
        Seen recv = seen.get(4);
        String receiver = bind.selected();
        String sender = send.selected();
        assertFalse(receiver.equals(sender), "the receiver binds, the sender sends: " + seen);
        assertEquals("127.0.0.1", bind.fields().get("hostField"), bind.toString());
        assertEquals("0", bind.fields().get("portField"), bind.toString());
        assertTrue(statuses.contains("▶ Show me 2 / 5"), "the status counts the lines as they play: " + statuses);
        assertEquals(List.of("watched_rx = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)", "watched_rx.bind(('127.0.0.1', 0))",
                "watched_tx = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)", "watched_tx.sendto(b'ping', watched_rx.getsockname())",
                "watched_rx.recvfrom(512)"), lines, "the lesson pane shows each line as it plays");
        String receiverPort = ui.onFx(() -> ui.localPort(receiver));
        assertEquals("ping", send.fields().get("payloadField"), send.toString());
        assertEquals("127.0.0.1", send.fields().get("destHostField"), send.toString());
        assertEquals(receiverPort, send.fields().get("destPortField"), "sendto's destination is the receiver's port: " + send);
        assertEquals(receiver, recv.selected(), "recvfrom() is pressed on the receiver");
        assertEquals("512", recv.fields().get("bufsizeField"), recv.toString());

        assertEquals(socketsBefore + 2, (int) ui.onFx(() -> ui.rows("socketTable")), "the step made two sockets");
        String senderPort = ui.onFx(() -> ui.localPort(sender));
        ui.expectOutcome("(b'ping', ('127.0.0.1', " + senderPort + "))");
        ui.waitUntil(() -> robot.lookup("." + DemoPress.STYLE).queryAll().isEmpty(), "no highlight is left once the step has played");
    }

    @Test
    void everyButtonALineStandsForIsHighlightedWithItsFieldsFilled() throws Exception {
        openLesson("""
                # Show me, every button
                A TCP conversation, every call a button.

                ## Talk
                Connect, send, receive, hang up.
                Expect: close -> ok
                Show me: every_srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                Show me: every_srv.bind(('127.0.0.1', 0))
                Show me: every_srv.listen(3)
                Show me: every_cli = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                Show me: every_cli.connect(every_srv.getsockname())
                Show me: every_conn, every_addr = every_srv.accept()
                Show me: every_cli.sendall(b'hi\\x00')
                Show me: every_conn.settimeout(2)
                Show me: every_conn.recv(16)
                Show me: every_cli.shutdown(socket.SHUT_RD)
                Show me: every_conn.setblocking(False)
                Show me: socket.htons(1)
                Show me: every_cli.close()
                """);
        speed(ShowMe.Speed.FAST);
        watch("createSocketButton", "bindButton", "listenButton", "connectButton", "acceptButton", "sendallButton",
                "blockingModeChoice", "recvButton", "shutdownButton", "closeButton");
        ui.click("lessonShowMeButton");
        ui.waitUntil(() -> ui.label("lessonStatus").startsWith("✔"),
                () -> "the step ticks once it has played (status: " + ui.label("lessonStatus") + ", seen " + seen + ")");

        assertEquals(List.of("createSocketButton", "bindButton", "listenButton", "createSocketButton", "connectButton",
                "acceptButton", "sendallButton", "blockingModeChoice", "recvButton", "shutdownButton", "blockingModeChoice",
                "closeButton"), seen.stream().map(Seen::control).toList(), "socket.htons() has no button: " + seen);
        assertEquals("SOCK_STREAM", seen.get(0).fields().get("typeChoice"));
        assertEquals("3", seen.get(2).fields().get("backlogSpinner"));
        assertEquals("hi\\x00", seen.get(6).fields().get("payloadField"), "bytes read as the Send field writes them");
        assertEquals("timeout", seen.get(7).fields().get("blockingModeChoice"));
        assertEquals("2.0", seen.get(7).fields().get("timeoutField"));
        assertEquals("16", seen.get(8).fields().get("bufsizeField"));
        assertEquals("SHUT_RD", seen.get(9).fields().get("shutdownChoice"));
        assertEquals("non-blocking", seen.get(10).fields().get("blockingModeChoice"));
        String server = seen.get(2).selected();
        String connection = seen.get(7).selected();
        assertFalse(connection.equals(server) || connection.equals(seen.get(4).selected()),
                "accept()'s new socket is selected for the lines on it: " + seen);
        ui.expectOutcome("None");   // the last line, close()
    }

    @Test
    void nextDuringAPauseStopsThePlayAndNoFurtherCallIsMade() throws Exception {
        openLesson("""
                # Show me, stopped
                Two sockets, slowly.

                ## Two sockets
                Make two sockets and bind one.
                Expect: bind -> ok
                Show me: paused_a = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                Show me: paused_b = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                Show me: paused_a.bind(('127.0.0.1', 0))

                ## Close it
                Close the first.
                Expect: close -> ok
                Show me: paused_a.close()
                """);
        speed(ShowMe.Speed.SLOW);
        int socketsBefore = ui.onFx(() -> ui.rows("socketTable"));
        int rowsBefore = settledLogRows();
        // Next is pressed the moment the second socket() is shown, during its pause (1.5 s), before its call: the
        // first socket has been made, nothing after it may be.
        AtomicInteger shown = new AtomicInteger();
        onHighlight("createSocketButton", () -> {
            if (shown.incrementAndGet() == 2) {
                robot.lookup("#lessonNextButton").queryAs(Button.class).fire();
            }
        });

        ui.click("lessonShowMeButton");
        assertStoppedAtStepTwo();
        assertEquals(2, shown.get(), "the second socket() was shown when Next was pressed");
        int rows = settledLogRows();
        assertEquals(socketsBefore + 1, (int) ui.onFx(() -> ui.rows("socketTable")), "only the first socket was made");
        assertEquals(rowsBefore + 1, rows, "only the first socket() reached the log: no call after Next");
        assertEquals(rows, settledLogRows(), "nothing more comes");
    }

    @Test
    void aLineThatWaitsKeepsTheWindowWorkingAndNextStopsThePlayWhileItWaits() throws Exception {
        openLesson("""
                # Show me, waiting
                A receive that waits.

                ## Wait for a datagram
                Nothing is sent: the receive waits.
                Expect: recvfrom -> ok
                Show me: waiting_rx = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                Show me: waiting_rx.bind(('127.0.0.1', 0))
                Show me: waiting_rx.recvfrom(64)
                Show me: waiting_other = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)

                ## Then
                Close it.
                Expect: close -> ok
                Show me: waiting_rx.close()
                """);
        speed(ShowMe.Speed.FAST);
        int socketsBefore = ui.onFx(() -> ui.rows("socketTable"));

        ui.click("lessonShowMeButton");
        ui.expectOutcome("waiting…");
        assertTrue(ui.onFx(() -> robot.lookup("#recvButton").query().getStyleClass().contains(DemoPress.STYLE)),
                "recvfrom() stays highlighted while its call waits");
        // The window works meanwhile: a field takes text, and reads it back.
        ui.set("payloadField", "still here");
        assertEquals("still here", ui.text("payloadField"));

        ui.click("lessonNextButton");
        assertStoppedAtStepTwo();
        String receiver = ui.onFx(() -> ((TableView<?>) robot.lookup("#socketTable").query()).getItems().stream()
                .map(r -> ((SocketRow) r).id()).reduce((a, b) -> b).orElseThrow());
        assertEquals(socketsBefore + 1, (int) ui.onFx(() -> ui.rows("socketTable")), "the line after the wait never ran");
        // The call itself still waits, as one pressed by hand would; Esc's Abandon ends it.
        ui.selectSocket(receiver);
        ui.call("abandonButton");
        ui.expectOutcome("KeyboardInterrupt");
        assertEquals(socketsBefore + 1, (int) ui.onFx(() -> ui.rows("socketTable")), "the play made nothing after it stopped");
    }

    @Test
    void choosingAnotherLessonDuringThePlayStopsIt() throws Exception {
        openLesson("""
                # Show me, left
                A socket, slowly.

                ## Two sockets
                Make two sockets.
                Expect: socket(SOCK_DGRAM) -> ok
                Show me: left_a = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                Show me: left_b = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                """);
        speed(ShowMe.Speed.SLOW);
        int socketsBefore = ui.onFx(() -> ui.rows("socketTable"));
        int rowsBefore = settledLogRows();
        // Another lesson is chosen the moment the first socket() is shown, before its call is made.
        Lesson another = LessonParser.parse("# Another lesson\nChosen while the first one played.\n\n## Read\nOnly read this.\n");
        onHighlight("createSocketButton", () -> {
            @SuppressWarnings("unchecked")
            ComboBox<Lesson> choice = robot.lookup("#lessonChoice").queryAs(ComboBox.class);
            if (!choice.getItems().contains(another)) {
                choice.getItems().add(another);
                choice.setValue(another);
            }
        });
        ui.click("lessonShowMeButton");
        ui.waitUntil(() -> ui.label("lessonTitle").equals("Another lesson"), "the other lesson is chosen");
        ui.waitUntil(() -> robot.lookup("." + DemoPress.STYLE).queryAll().isEmpty()
                && ui.label("lessonStatus").startsWith("✔"), () -> "the play has stopped (status " + ui.label("lessonStatus") + ")");
        assertEquals(rowsBefore, settledLogRows(), "no call was made after the lesson changed");
        assertEquals(socketsBefore, (int) ui.onFx(() -> ui.rows("socketTable")));
    }

    // ---------------------------------------------------------------- helpers

    /** Opens a teacher's lesson in the window, as Open… does, and starts it. */
    private static void openLesson(String markdown) throws LessonParser.LessonException {
        Lesson lesson = LessonParser.parse(markdown);
        ui.fx(() -> {
            @SuppressWarnings("unchecked")
            ComboBox<Lesson> choice = robot.lookup("#lessonChoice").queryAs(ComboBox.class);
            choice.getItems().add(lesson);
            choice.setValue(lesson);
        });
        ui.waitUntil(() -> ui.label("lessonProgress").equals("1 / " + lesson.steps().size()), "the lesson starts");
    }

    private static void speed(ShowMe.Speed speed) {
        ui.fx(() -> {
            @SuppressWarnings("unchecked")
            ChoiceBox<ShowMe.Speed> choice = robot.lookup("#lessonSpeedChoice").queryAs(ChoiceBox.class);
            choice.setValue(speed);
        });
    }

    /** Records what the window shows each time one of these controls takes Show me's highlight. */
    private void watch(String... controls) {
        for (String id : controls) {
            onHighlight(id, () -> seen.add(new Seen(id, fields(), selectedSocket(), ui.label("lessonStatus"),
                    robot.lookup("#lessonShowMeButton").query().isDisabled())));
        }
    }

    /** Runs on the JavaFX thread each time the control takes Show me's highlight, until the test ends. */
    private void onHighlight(String id, Runnable action) {
        ui.fx(() -> {
            Node control = robot.lookup("#" + id).query();
            ListChangeListener<String> listener = change -> {
                while (change.next()) {
                    if (change.wasAdded() && change.getAddedSubList().contains(DemoPress.STYLE)) {
                        action.run();
                    }
                }
            };
            control.getStyleClass().addListener(listener);
            cleanUp.add(() -> control.getStyleClass().removeListener(listener));
        });
    }

    /** Each text a label shows, until the test ends. */
    private void onText(String id, Consumer<String> action) {
        ui.fx(() -> {
            Label label = robot.lookup("#" + id).queryAs(Label.class);
            ChangeListener<String> listener = (o, was, now) -> action.accept(now);
            label.textProperty().addListener(listener);
            cleanUp.add(() -> label.textProperty().removeListener(listener));
        });
    }

    @AfterEach
    void stopListening() {
        ui.fx(() -> cleanUp.forEach(Runnable::run));
    }

    private static Map<String, String> fields() {
        Map<String, String> fields = new HashMap<>();
        for (String id : List.of("hostField", "portField", "payloadField", "destHostField", "destPortField", "bufsizeField", "timeoutField")) {
            fields.put(id, ui.text(id));
        }
        for (String id : List.of("typeChoice", "blockingModeChoice", "shutdownChoice")) {
            fields.put(id, String.valueOf(robot.lookup("#" + id).queryAs(ChoiceBox.class).getValue()));
        }
        fields.put("backlogSpinner", String.valueOf(robot.lookup("#backlogSpinner").queryAs(Spinner.class).getValue()));
        return fields;
    }

    private static String selectedSocket() {
        Object row = ((TableView<?>) robot.lookup("#socketTable").query()).getSelectionModel().getSelectedItem();
        return row == null ? null : ((SocketRow) row).id();
    }

    /** Next has moved on to step 2 and the play has ended: Show me is offered again, for the new step. */
    private static void assertStoppedAtStepTwo() {
        ui.waitUntil(() -> ui.label("lessonProgress").equals("2 / 2") && !robot.lookup("#lessonShowMeButton").query().isDisabled(),
                () -> "Next moves on and the play ends (progress " + ui.label("lessonProgress") + ", status " + ui.label("lessonStatus") + ")");
        assertTrue(ui.label("lessonStatus").startsWith("To do: close("), ui.label("lessonStatus"));
        ui.waitUntil(() -> robot.lookup("." + DemoPress.STYLE).queryAll().isEmpty(), "no highlight is left after the play stopped");
    }
}
