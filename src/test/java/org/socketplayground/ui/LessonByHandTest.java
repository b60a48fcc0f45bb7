package org.socketplayground.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.control.ComboBox;
import org.junit.jupiter.api.Test;
import org.socketplayground.engine.Family;
import org.socketplayground.engine.SockType;
import org.socketplayground.lessons.Lesson;

/** Three lessons done the way a student does them: by hand, with the window's own buttons. */
class LessonByHandTest extends OwnWindow {
    private void open(String titleStart) {
        @SuppressWarnings("unchecked")
        ComboBox<Lesson> choice = robot.lookup("#lessonChoice").queryAs(ComboBox.class);
        robot.interact(() -> choice.getItems().stream().filter(l -> l.title().startsWith(titleStart)).findFirst()
                .ifPresent(choice::setValue));
        ui.waitUntil(() -> ui.label("lessonTitle").startsWith(titleStart), "the lesson is open");
    }

    /** The current step has ticked; go on to the next. */
    private void ticked() {
        ui.waitUntil(() -> ui.label("lessonStatus").startsWith("✔"),
                "step " + ui.label("lessonProgress") + " '" + ui.label("lessonStepTitle") + "' ticks (last outcome: "
                        + ui.label("outcomeLabel") + ")");
        if (!ui.label("lessonStatus").contains("whole lesson")) {
            ui.click("lessonNextButton");
        }
    }

    private void complete() {
        while (!ui.label("lessonStatus").contains("whole lesson")) {
            ticked();   // the remaining steps are only read
        }
        assertTrue(ui.label("lessonStatus").contains("whole lesson is complete"));
    }

    private void bindTo(String port) {
        ui.type("hostField", "127.0.0.1");
        ui.type("portField", port);
        ui.click("bindButton");
        ui.expectOutcome("None");
    }

    private void sendTo(String port, String text) {
        ui.type("destPortField", port);
        ui.type("payloadField", text);
        ui.click("sendButton");
    }

    @Test
    void twoUdpSocketsOnOneMachine() {
        open("Two UDP sockets");
        String receiver = ui.createSocket(Family.AF_INET, SockType.SOCK_DGRAM);
        ticked();
        bindTo("0");
        ticked();
        String port = ui.localPort(receiver);
        String sender = ui.createSocket(Family.AF_INET, SockType.SOCK_DGRAM);
        sendTo(port, "Hello World");
        ticked();
        ui.selectSocket(receiver);
        ui.click("recvButton");
        ticked();
        ticked();   // where the port came from: read only
        ui.selectSocket(sender);
        sendTo(port, "second message");
        ui.selectSocket(receiver);
        ui.click("recvButton");
        complete();
    }

    @Test
    void blockingNonBlockingAndTimeout() {
        open("Waiting or not");
        String inbox = ui.createSocket(Family.AF_INET, SockType.SOCK_DGRAM);
        bindTo("0");
        ticked();
        ui.choose("blockingModeChoice", "non-blocking");
        ui.expectOutcome("None");
        ui.click("recvButton");
        ticked();
        ui.type("timeoutField", "0.5");
        ui.choose("blockingModeChoice", "timeout");
        ui.expectOutcome("None");
        ui.click("recvButton");
        ticked();
        String waker = ui.createSocket(Family.AF_INET, SockType.SOCK_DGRAM);
        ticked();
        ui.selectSocket(inbox);
        ui.choose("blockingModeChoice", "blocking");
        ui.expectOutcome("None");
        ui.click("recvButton");
        ui.expectOutcome("waiting…");
        ui.selectSocket(waker);
        sendTo(ui.localPort(inbox), "wake up");
        ticked();
        sendTo(ui.localPort(inbox), "already here");
        ui.selectSocket(inbox);
        ui.choose("blockingModeChoice", "non-blocking");
        ui.click("recvButton");
        complete();
    }

    @Test
    void aTcpConversation() {
        open("A TCP conversation");
        String server = ui.createSocket(Family.AF_INET, SockType.SOCK_STREAM);
        bindTo("0");
        ticked();
        ui.click("listenButton");
        ticked();
        String port = ui.localPort(server);
        String client = ui.createSocket(Family.AF_INET, SockType.SOCK_STREAM);
        ui.type("portField", port);
        ui.click("connectButton");
        ticked();
        ui.selectSocket(server);
        ui.click("acceptButton");
        ticked();
        ui.selectSocket(client);
        ui.type("payloadField", "Hello, TCP");
        ui.click("sendallButton");
        ticked();
        ui.selectSocket("conn1");
        ui.click("recvButton");
        ticked();
        ui.type("payloadField", "Hello back");
        ui.click("sendallButton");
        ui.selectSocket(client);
        ui.click("recvButton");
        ticked();
        ui.click("closeButton");
        ui.selectSocket("conn1");
        ui.click("recvButton");
        ticked();
        ui.selectSocket(server);
        ui.click("closeButton");
        complete();
    }

    @Test
    void oneThreadManySocketsWithSelect() {
        open("One thread, many sockets");
        String left = ui.createSocket(Family.AF_INET, SockType.SOCK_DGRAM);
        bindTo("0");
        ticked();
        String right = ui.createSocket(Family.AF_INET, SockType.SOCK_DGRAM);
        bindTo("0");
        ticked();
        // The table names them now: the Watch boxes fill the Select row's read list with those names.
        watch(left);
        watch(right);
        ui.waitUntil(() -> ui.text("selectReadField").equals("left, right"), () -> "the read list: " + ui.text("selectReadField"));
        ui.type("selectTimeoutField", "0");
        ui.click("selectButton");
        ui.expectOutcome("([], [], [])");
        ticked();
        String port = ui.localPort(right);
        ui.createSocket(Family.AF_INET, SockType.SOCK_DGRAM);
        sendTo(port, "ping");
        ticked();
        ui.waitUntil(() -> ui.cell("socketTable", ui.socketRow(right), "Ready").equals("rw"), "the right door is readable");
        ui.type("selectTimeoutField", "2");
        ui.click("selectButton");
        ui.expectOutcome("([" + right + "], [], [])");
        ticked();
        ui.selectSocket(right);
        ui.click("recvButton");
        ticked();
        ui.type("selectWriteField", "left, right");
        ui.type("selectTimeoutField", "0");
        ui.click("selectButton");
        ui.expectOutcome("([], [" + left + ", " + right + "], [])");
        complete();
    }

    /** Ticks the Watch box of a socket's row, as a user clicks it. */
    private void watch(String id) {
        javafx.scene.control.CheckBox box = ui.onFx(() -> (javafx.scene.control.CheckBox) robot.lookup("#socketTable")
                .lookup(".table-row-cell").queryAll().stream().map(n -> (javafx.scene.control.TableRow<?>) n)
                .filter(r -> r.getItem() instanceof org.socketplayground.ui.session.SocketRow row && row.id().equals(id))
                .findFirst().orElseThrow().lookup(".check-box"));
        robot.clickOn(box);
        ui.waitUntil(box::isSelected, "the Watch box of " + id + " is ticked");
    }
}
