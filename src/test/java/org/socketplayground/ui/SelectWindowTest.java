package org.socketplayground.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.control.CheckBox;
import javafx.scene.control.TextArea;
import javafx.scene.control.TableRow;
import org.junit.jupiter.api.Test;

/**
 * select() from the window: the Watch ticks fill its read list, a datagram makes the socket readable in the live Ready
 * column and in select()'s answer, a waiting select() wakes when data comes and Esc ends one that waits, names that
 * are no socket are refused on their field, and the Python pane writes it as a student would.
 */
class SelectWindowTest extends SharedWindow {
    private String ready(String id) {
        return ui.onFx(() -> ui.cell("socketTable", ui.socketRow(id), "Ready"));
    }

    /** Clicks the Watch box in the socket's row, as a user would, and waits until it shows the tick wanted. */
    private void watch(String id, boolean on) {
        CheckBox box = ui.onFx(() -> (CheckBox) robot.lookup("#socketTable").lookup(".table-row-cell").queryAll().stream()
                .map(n -> (TableRow<?>) n)
                .filter(r -> r.getItem() instanceof org.socketplayground.ui.session.SocketRow row && row.id().equals(id))
                .findFirst().orElseThrow().lookup(".check-box"));
        if (ui.onFx(box::isSelected) != on) {
            robot.clickOn(box);
        }
        ui.waitUntil(() -> box.isSelected() == on, "the Watch box of " + id + " is " + (on ? "ticked" : "clear"));
    }

    @Test
    void aDatagramMakesTheWatchedSocketReadableAndSelectSaysSo() {
        String a = boundUdp();
        String b = boundUdp();
        watch(a, true);
        watch(b, true);
        assertEquals(a + ", " + b, ui.text("selectReadField"));
        watch(b, false);
        assertEquals(a, ui.text("selectReadField"));
        ui.waitUntil(() -> ready(a).equals("w"), () -> "an idle UDP socket is writable only: " + ready(a));

        ui.set("selectWriteField", "");
        ui.set("selectTimeoutField", "0");
        ui.call("selectButton");
        ui.expectOutcome("([], [], [])");

        assertUdpSendsTo(b, a);
        ui.waitUntil(() -> ready(a).equals("rw"), () -> "a datagram waits: readable now, " + ready(a));
        ui.call("selectButton");
        ui.expectOutcome("([" + a + "], [], [])");
        ui.set("selectWriteField", b + ", " + a);
        ui.call("selectButton");
        ui.expectOutcome("([" + a + "], [" + b + ", " + a + "], [])");

        ui.selectSocket(a);
        ui.set("bufsizeField", "100");
        ui.call("recvButton");
        ui.waitUntil(() -> ready(a).equals("w"), () -> "read, it is unreadable again: " + ready(a));

        robot.clickOn("Python");
        String code = ui.onFx(() -> robot.lookup("#pythonCode").queryAs(TextArea.class).getText());
        assertTrue(code.startsWith("import select\nimport socket\n") || code.contains("\nimport select\nimport socket\n"), code);
        assertTrue(code.contains("r, w, x = select.select([" + a + "], [" + b + ", " + a + "], [], 0)  # ([" + a + "], ["
                + b + ", " + a + "], [])"), code);
        ui.set("selectWriteField", "");
    }

    private void assertUdpSendsTo(String from, String to) {
        ui.selectSocket(from);
        ui.set("payloadField", "hello");
        ui.set("destHostField", "127.0.0.1");
        ui.set("destPortField", port(to));
        ui.call("sendButton");
        ui.expectOutcome("5");
    }

    @Test
    void aWaitingSelectWakesWhenDataComesAndEscEndsOneThatWaits() throws Exception {
        String a = boundUdp();
        String b = boundUdp();
        ui.set("selectReadField", a);
        ui.set("selectWriteField", "");
        ui.set("selectTimeoutField", "");
        ui.call("selectButton");
        ui.expectOutcome("waiting…");
        // Another socket's call goes on while select() waits, and its datagram wakes it: the outcome shows what
        // returned last, the select().
        ui.selectSocket(b);
        ui.set("payloadField", "hello");
        ui.set("destHostField", "127.0.0.1");
        ui.set("destPortField", port(a));
        ui.call("sendButton");
        ui.waitUntil(() -> ui.label("outcomeLabel").equals("([" + a + "], [], [])"),
                () -> "select() woke: " + ui.label("outcomeLabel"));
        ui.selectSocket(a);
        ui.set("bufsizeField", "100");
        ui.call("recvButton");
        ui.expectOutcome("(b'hello', ('127.0.0.1', " + port(b) + "))");

        ui.call("selectButton");
        ui.expectOutcome("waiting…");
        ui.press("abandonButton");
        ui.expectOutcome("KeyboardInterrupt");
        ui.set("selectTimeoutField", "2");
    }

    @Test
    void namesThatAreNoSocketAndAnEmptyWatchAreRefusedOnTheirField() {
        String a = boundUdp();
        ui.set("selectTimeoutField", "0");
        ui.set("selectReadField", "nosuch");
        assertRefused("selectButton", "read list", "There is no socket called 'nosuch': write the names the socket table shows,"
                + " separated by commas, such as s1, s2.");
        ui.set("selectReadField", "");
        ui.set("selectWriteField", "");
        assertRefused("selectButton", "read list", "Name a socket to watch, such as s1 (or tick Watch in the socket table):"
                + " with both lists empty, select() would only wait.");
        ui.set("selectReadField", a);
        ui.set("selectTimeoutField", "soon");
        assertRefused("selectButton", "timeout", "'soon' is not a number of seconds: write 2, 0.5 or 0, or leave it blank to"
                + " wait for ever.");
        ui.set("selectTimeoutField", "-1");
        ui.call("selectButton");
        ui.expectOutcome("ValueError: timeout must be non-negative");
        ui.set("selectTimeoutField", "2");
    }
}
