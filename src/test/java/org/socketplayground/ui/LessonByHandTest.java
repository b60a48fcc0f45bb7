package org.socketplayground.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.control.ComboBox;
import org.junit.jupiter.api.Test;
import org.socketplayground.engine.Family;
import org.socketplayground.engine.SockType;
import org.socketplayground.lessons.Lesson;

/** Lessons done the way a student does them: by hand, with the window's own buttons and tabs. */
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
            String progress = ui.label("lessonProgress");
            ui.click("lessonNextButton");
            // The click is an event still on its way: until the next step shows, the old step's ✔ would pass for it.
            ui.waitUntil(() -> !ui.label("lessonProgress").equals(progress), "the next step (after " + progress + ") shows");
        }
    }

    private void complete() {
        for (int i = 0; i < 20 && !ui.label("lessonStatus").contains("whole lesson"); i++) {
            ticked();   // the remaining steps are only read
        }
        // On failure: the status, and which steps are done (✔) and not (✘).
        assertTrue(ui.label("lessonStatus").contains("whole lesson is complete"), () -> ui.label("lessonStatus") + " "
                + ui.onFx(() -> {
                    org.socketplayground.lessons.LessonSession l = session().lessonProperty().get();
                    StringBuilder sb = new StringBuilder();
                    for (int i = 0; l != null && i < l.lesson().steps().size(); i++) {
                        sb.append(l.isDone(i) ? "✔" : "✘");
                    }
                    return sb.toString();
                }));
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
        ui.clickOn(box);
        ui.waitUntil(box::isSelected, "the Watch box of " + id + " is ticked");
    }

    @Test
    void whatTheSystemSees() {
        open("What the system sees");
        showTab("System");
        ui.type("systemFilterField", "127.0.0.1");
        showTab("Lesson");
        String quiet = ui.createSocket(Family.AF_INET, SockType.SOCK_DGRAM);
        bindTo("0");
        ticked();
        String port = ui.localPort(quiet);
        String at = "127.0.0.1:" + port;
        look(() -> systemRow(at, "0.0.0.0:*").startsWith("udp UNCONN 0 "), "the socket is listed");
        ui.createSocket(Family.AF_INET, SockType.SOCK_DGRAM);
        for (String word : new String[] {"one", "two", "three"}) {
            sendTo(port, word);
            ui.expectOutcome(Integer.toString(word.length()));
        }
        ticked();
        look(() -> !systemRow(at, "0.0.0.0:*").startsWith("udp UNCONN 0 "), "Recv-Q grows");
        ui.selectSocket(quiet);
        for (int i = 0; i < 3; i++) {
            ui.click("recvButton");
        }
        ticked();
        look(() -> systemRow(at, "0.0.0.0:*").startsWith("udp UNCONN 0 "), "Recv-Q empties");

        String server = ui.createSocket(Family.AF_INET, SockType.SOCK_STREAM);
        bindTo("0");
        ui.click("listenButton");
        ticked();
        String serverAt = "127.0.0.1:" + ui.localPort(server);
        String client = ui.createSocket(Family.AF_INET, SockType.SOCK_STREAM);
        ui.type("portField", ui.localPort(server));
        ui.click("connectButton");
        ticked();
        look(() -> systemRow(serverAt, "0.0.0.0:*").startsWith("tcp LISTEN 1 "), "a client waits for accept()");
        ui.selectSocket(server);
        ui.click("acceptButton");
        look(() -> systemRow(serverAt, "0.0.0.0:*").startsWith("tcp LISTEN 0 "), "accepted, none waits");
        String clientAt = "127.0.0.1:" + ui.localPort(client);
        ui.selectSocket("conn1");
        ui.click("closeButton");
        ui.selectSocket(client);
        ui.click("closeButton");
        look(() -> systemRow(serverAt, clientAt).equals("tcp TIME-WAIT 0 conn1 (closed)"),
                "TIME-WAIT on the end that closed first, still named");
        complete();
    }

    @Test
    void socketsOnOneMachineAfUnix() {
        String path = "/tmp/playground-server.sock";
        open("Sockets on one machine");
        String server = ui.createSocket(Family.AF_UNIX, SockType.SOCK_DGRAM);
        ticked();
        ui.type("hostField", path);
        ui.click("unlinkButton");   // None, or FileNotFoundError when no earlier try left the file: both free the path
        ticked();
        ui.click("bindButton");
        ui.expectOutcome("None");
        ticked();
        String client = ui.createSocket(Family.AF_UNIX, SockType.SOCK_DGRAM);
        ui.type("destHostField", path);
        ui.type("payloadField", "hello");
        ui.click("sendButton");
        ticked();
        ui.selectSocket(server);
        ui.click("recvButton");
        ticked();
        ui.selectSocket(client);
        ui.type("hostField", "\\0playground-client");
        ui.click("bindButton");
        ui.expectOutcome("None");
        assertEquals("@playground-client", ui.cell("socketTable", ui.socketRow(client), "Local address"));
        ticked();
        ui.type("payloadField", "again");
        ui.click("sendButton");
        ui.selectSocket(server);
        ui.click("recvButton");
        ui.expectOutcome("(b'again', b'\\x00playground-client')");
        ticked();
        ui.type("destHostField", "@playground-client");
        ui.type("payloadField", "got it");
        ui.click("sendButton");
        ui.selectSocket(client);
        ui.click("recvButton");
        ticked();
        ui.selectSocket(server);
        ui.click("closeButton");
        ui.selectSocket(client);
        ui.click("closeButton");
        ticked();
        ui.createSocket(Family.AF_UNIX, SockType.SOCK_DGRAM);
        ui.type("hostField", path);
        ui.click("bindButton");
        ui.expectOutcome("OSError: [Errno 98] Address already in use");
        ticked();
        String stream = "/tmp/playground-stream.sock";
        String listener = ui.createSocket(Family.AF_UNIX, SockType.SOCK_STREAM);
        ui.type("hostField", stream);
        ui.click("unlinkButton");
        ui.click("bindButton");
        ui.waitUntil(() -> ui.cell("socketTable", ui.socketRow(listener), "Local address").equals(stream), "bound to the path");
        ui.click("listenButton");
        ticked();
        String caller = ui.createSocket(Family.AF_UNIX, SockType.SOCK_STREAM);
        ui.type("hostField", stream);
        ui.click("connectButton");
        ticked();
        int before = ui.rows("socketTable");
        ui.selectSocket(listener);
        ui.click("acceptButton");
        ticked();
        ui.waitUntil(() -> ui.rows("socketTable") == before + 1, "the connection is listed");
        String conn = ui.onFx(() -> ui.cell("socketTable", before, "Socket"));
        ui.selectSocket(caller);
        ui.type("payloadField", "over the path");
        ui.click("sendallButton");
        ui.selectSocket(conn);
        ui.click("recvButton");
        complete();
    }

    @SuppressWarnings("unchecked")
    private void option(String levelAndName, String value) {
        ui.reveal("optionChoice");
        ComboBox<String> choice = robot.lookup("#optionChoice").queryAs(ComboBox.class);
        ui.clickOn(choice);
        robot.interact(() -> {
            choice.hide();
            choice.setValue(levelAndName);
        });
        ui.type("optionValueField", value);
        ui.click("setsockoptButton");
    }

    private String portOf(String id) {
        return ui.cell("socketTable", ui.socketRow(id), "Local address").replaceAll("^.*?:(\\d+).*$", "$1");
    }

    @Test
    void broadcastToTheWholeClass() {
        open("Broadcast to the whole class");
        String everyone = ui.createSocket(Family.AF_INET, SockType.SOCK_DGRAM);
        ui.type("hostField", "''");
        ui.type("portField", "0");
        ui.click("bindButton");
        ticked();
        String local = ui.createSocket(Family.AF_INET, SockType.SOCK_DGRAM);
        bindTo("0");
        ticked();
        String shouter = ui.createSocket(Family.AF_INET, SockType.SOCK_DGRAM);
        ui.type("destHostField", "127.255.255.255");
        sendTo(portOf(everyone), "hello class");
        ticked();
        option("SOL_SOCKET SO_BROADCAST", "1");
        ui.waitUntil(() -> ui.cell("socketTable", ui.socketRow(shouter), "Type").endsWith("⚙"), "the option is set");
        ui.click("sendButton");
        ticked();
        ui.selectSocket(everyone);
        ui.click("recvButton");
        ticked();
        ui.selectSocket(shouter);
        sendTo(portOf(local), "hello class");
        ui.selectSocket(local);
        ui.type("timeoutField", "1");
        ui.choose("blockingModeChoice", "timeout");
        ui.click("recvButton");
        ticked();
        complete();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aMulticastChatGroup() {
        open("A multicast chat group");
        String alice = ui.createSocket(Family.AF_INET, SockType.SOCK_DGRAM);
        option("SOL_SOCKET SO_REUSEADDR", "1");
        ui.type("hostField", "''");
        ui.type("portField", "0");
        ui.click("bindButton");
        ticked();
        String port = portOf(alice);
        ui.type("groupField", "239.1.2.3");
        robot.interact(() -> {
            javafx.scene.control.ChoiceBox<String> on = robot.lookup("#groupInterfaceChoice").queryAs(javafx.scene.control.ChoiceBox.class);
            on.setValue(on.getItems().stream().filter(i -> i.startsWith("lo ")).findFirst().orElseThrow());
        });
        ui.click("joinGroupButton");
        ticked();
        String bob = ui.createSocket(Family.AF_INET, SockType.SOCK_DGRAM);
        option("SOL_SOCKET SO_REUSEADDR", "1");
        ui.type("hostField", "''");
        ui.type("portField", port);
        ui.click("bindButton");
        ui.waitUntil(() -> portOf(bob).equals(port), "bob shares alice's port");
        ui.click("joinGroupButton");
        ticked();
        ui.selectSocket(alice);
        option("IPPROTO_IP IP_MULTICAST_IF", "127.0.0.1");
        ui.type("destHostField", "239.1.2.3");
        sendTo(port, "hi all");
        ticked();
        ui.selectSocket(bob);
        ui.click("recvButton");
        ticked();
        ui.selectSocket(alice);
        ui.click("recvButton");
        ticked();
        ui.selectSocket(bob);
        ui.click("leaveGroupButton");
        ui.waitUntil(() -> !ui.cell("socketTable", ui.socketRow(bob), "Local address").contains("239.1.2.3"), "bob left");
        ui.click("leaveGroupButton");
        ticked();
        complete();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSmallReceiveBufferLosesDatagrams() {
        open("Socket options: a small SO_RCVBUF");
        String receiver = ui.createSocket(Family.AF_INET, SockType.SOCK_DGRAM);
        bindTo("0");
        ticked();
        ui.reveal("optionChoice");
        ComboBox<String> choice = robot.lookup("#optionChoice").queryAs(ComboBox.class);
        robot.interact(() -> choice.setValue("SOL_SOCKET SO_RCVBUF"));
        ui.click("getsockoptButton");
        ticked();
        option("SOL_SOCKET SO_RCVBUF", "1024");
        ticked();
        ui.type("destHostField", "127.0.0.1");
        ui.type("destPortField", portOf(receiver));
        robot.clickOn("#peersMenu");
        robot.clickOn("UDP flood: 500 datagrams at once → the Send destination");
        ticked();
        ui.selectSocket(receiver);
        ui.choose("blockingModeChoice", "non-blocking");
        for (int i = 0; i < 20 && !ui.label("lessonStatus").startsWith("✔"); i++) {
            ui.click("recvButton");   // until BlockingIOError: the buffer held only a few
            ui.waitUntil(() -> !ui.label("outcomeLabel").isEmpty(), "an outcome");
        }
        ticked();
        String received = ui.cell("socketTable", ui.socketRow(receiver), "Received");
        int kept = Integer.parseInt(received.substring(0, received.indexOf(' ')));
        assertTrue(kept >= 1 && kept < 100, () -> "a handful of the 500 arrived: " + received);
        complete();
    }

    @Test
    @SuppressWarnings("unchecked")
    void reliabilityOverAnUnreliableNetwork() {
        open("Reliability over an unreliable network");
        int before = ui.rows("socketTable");
        peer("UDP echo server — answers 'OK...' + data");
        ticked();
        String server = ui.onFx(() -> ui.cell("socketTable", before, "Socket"));
        ui.selectSocket(server);
        showTab("Lab");
        robot.interact(() -> robot.lookup("#labPresetChoice").queryAs(ComboBox.class).setValue("UDP pinger lab: 30% loss"));
        ui.type("labSeedField", "1");
        ui.click("labToggle");
        showTab("Lesson");
        ticked();
        ui.type("destHostField", "127.0.0.1");
        ui.type("destPortField", portOf(server));
        peer("UDP pinger: 10 pings → the Send destination");
        ticked();
        ticked();   // the statistics are only read
        int sockets = ui.rows("socketTable");
        peer("TCP echo server — one client after another");
        ticked();
        String tcp = ui.onFx(() -> ui.cell("socketTable", sockets, "Socket"));
        ui.createSocket(Family.AF_INET, SockType.SOCK_STREAM);
        ui.type("timeoutField", "2");
        ui.choose("blockingModeChoice", "timeout");
        ui.type("hostField", "127.0.0.1");
        ui.type("portField", portOf(tcp));
        ui.click("connectButton");
        ui.expectOutcome("None");
        ui.type("payloadField", "ping over tcp");
        ui.click("sendallButton");
        ui.click("recvButton");
        ticked();
        complete();
    }

    /**
     * Picks a Built-in peers item: the lesson's text names the items in the same words, so a click by text could land
     * on the lesson pane; the item itself is taken from the menu.
     */
    private void peer(String item) {
        robot.clickOn("#peersMenu");
        robot.interact(() -> {
            javafx.scene.control.MenuButton menu = robot.lookup("#peersMenu").queryAs(javafx.scene.control.MenuButton.class);
            menu.hide();
            menu.getItems().stream().filter(i -> item.equals(i.getText())).findFirst().orElseThrow().fire();
        });
    }

    /** Switches to the System tab, which reads the machine's sockets only while it shows, waits, and goes back. */
    private void look(java.util.concurrent.Callable<Boolean> seen, String what) {
        showTab("System");
        ui.waitUntil(seen, what);
        showTab("Lesson");
    }

    /** Clicks a tab of the bottom right pane by its title (the toolbar has a "Lesson" label too). */
    private void showTab(String title) {
        ui.clickOn(robot.lookup("#codeTabs .tab-label").match(n -> title.equals(((javafx.scene.control.Label) n).getText()))
                .queryAs(javafx.scene.control.Label.class));
        ui.waitUntil(() -> robot.lookup("#codeTabs").queryAs(javafx.scene.control.TabPane.class).getSelectionModel()
                .getSelectedItem().getText().equals(title), "the " + title + " tab is in front");
    }

    /** The System tab's row of a socket by its addresses, as "Netid State Recv-Q Socket"; "" if none. */
    private String systemRow(String local, String peer) {
        return ui.onFx(() -> {
            for (int i = 0; i < ui.rows("systemSocketsTable"); i++) {
                if (ui.cell("systemSocketsTable", i, "Local address").equals(local)
                        && ui.cell("systemSocketsTable", i, "Peer address").equals(peer)) {
                    return String.join(" ", ui.cell("systemSocketsTable", i, "Netid"), ui.cell("systemSocketsTable", i, "State"),
                            ui.cell("systemSocketsTable", i, "Recv-Q"), ui.cell("systemSocketsTable", i, "Socket"));
                }
            }
            return "";
        });
    }
}
