package org.socketplayground.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.control.ComboBox;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import org.junit.jupiter.api.Test;
import org.socketplayground.engine.Family;
import org.socketplayground.engine.SockType;
import org.socketplayground.robustness.ChildOutput;

/**
 * The Lab tab on a UDP socket that a python3 program sends to: the table says the lab is on, every datagram is either
 * received or shown greyed as dropped by the lab with its sender, the Python pane notes the drops as comments, and a
 * bad value is flagged with nothing applied.
 */
class LabWindowTest extends SharedWindow {

    private void showTab(String id) {
        ui.fx(() -> {
            TabPane tabs = robot.lookup("#codeTabs").queryAs(TabPane.class);
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> id.equals(t.getId())).findFirst().orElseThrow());
        });
    }

    private boolean labOn() {
        return ui.onFx(() -> robot.lookup("#labToggle").queryAs(ToggleButton.class).isSelected());
    }

    private void toggle() {
        ui.fx(() -> robot.lookup("#labToggle").queryAs(ToggleButton.class).fire());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aLossyLabShowsEveryDropWithItsSender() throws Exception {
        String r = socket(Family.AF_INET, SockType.SOCK_DGRAM);
        bind(r, "127.0.0.1", "0");
        String port = ui.localPort(r);
        showTab("labTab");
        try {
            ui.set("labLossField", "150");
            toggle();
            ui.waitUntil(() -> ui.label("outcomeLabel").contains("0 to 100, not 150"), () -> "flagged: " + ui.label("outcomeLabel"));
            assertFalse(labOn(), "nothing applied");
            assertEquals("blocking", ui.cell("socketTable", ui.socketRow(r), "Mode"));

            ui.fx(() -> robot.lookup("#labPresetChoice").queryAs(ComboBox.class).setValue("UDP pinger lab: 30% loss"));
            assertEquals("30", ui.text("labLossField"));
            ui.set("labSeedField", "3");
            toggle();
            ui.waitUntil(() -> ui.cell("socketTable", ui.socketRow(r), "Mode").equals("blocking · lab"), "the table says the lab is on");
            assertTrue(ui.label("labSummary").contains("loss 30%"), ui.label("labSummary"));
            socket(Family.AF_INET, SockType.SOCK_DGRAM);   // another socket selected, then this one again
            ui.selectSocket(r);   // the outcome box shows the socket's last call, bind, not the lab's note
            ui.waitUntil(() -> ui.label("outcomeLabel").equals("None"), () -> "the last call's outcome: " + ui.label("outcomeLabel"));

            ui.call("autoReceiveToggle");
            try (ChildOutput sender = new ChildOutput("sender", new ProcessBuilder("python3", "-c", String.join("\n",
                    "import socket, sys, time",
                    "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)",
                    "s.bind(('127.0.0.1', 0))",
                    "print('from', s.getsockname()[1], flush=True)",
                    "for i in range(100):",
                    "    s.sendto(b'datagram %d' % i, ('127.0.0.1', int(sys.argv[1])))",
                    "    time.sleep(0.002)",
                    "print('sent', flush=True)"), port).redirectErrorStream(true).start())) {
                String from = sender.line().replace("from ", "");
                assertEquals("sent", sender.line());
                ui.waitUntil(() -> received(r) + dropRows(from) == 100,
                        () -> "every datagram received or dropped: " + received(r) + " + " + dropRows(from));
                assertTrue(dropRows(from) >= 10 && dropRows(from) <= 50, "about 30% dropped: " + dropRows(from));
            } finally {
                ui.call("autoReceiveToggle");
            }

            showTab("pythonTab");
            ui.waitUntil(() -> pythonCode().contains("# the lab dropped 10 bytes from ('127.0.0.1', "),
                    () -> "the Python pane notes the drops:\\n" + pythonCode());
            showTab("labTab");
            toggle();
            ui.waitUntil(() -> ui.cell("socketTable", ui.socketRow(r), "Mode").equals("blocking"), "the lab is off");
        } finally {
            showTab("pythonTab");
        }
    }

    /** The datagrams the socket received, from its Received column ("37 / 370 B"). */
    private int received(String id) {
        String cell = ui.cell("socketTable", ui.socketRow(id), "Received");
        return Integer.parseInt(cell.substring(0, cell.indexOf(' ')));
    }

    /** The log's greyed rows of datagrams the lab dropped, from this sender port. */
    private int dropRows(String fromPort) {
        return (int) ui.logRowsWhere("✕ dropped by the lab").stream()
                .filter(row -> ui.cell("logTable", row, "Source port").equals(fromPort)
                        && ui.cell("logTable", row, "Source host").equals("127.0.0.1"))
                .count();
    }

    private String pythonCode() {
        return robot.lookup("#pythonCode").queryAs(TextInputControl.class).getText();
    }
}
