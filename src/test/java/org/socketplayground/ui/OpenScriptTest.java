package org.socketplayground.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socketplayground.engine.Family;
import org.socketplayground.engine.SockType;

/**
 * Open script…: a session saved as a script and opened in a fresh window lists the same sockets in the same states;
 * a hand-written script with a loop, a syntax error and a receive that would wait for ever is played with each of
 * those reported by its line number, and the window keeps working.
 */
class OpenScriptTest extends OwnWindow {
    @TempDir
    Path dir;

    /** The socket table as Socket, Type, State and Mode, row by row. */
    private List<String> table() {
        return ui.onFx(() -> {
            List<String> rows = new ArrayList<>();
            for (int i = 0; i < ui.rows("socketTable"); i++) {
                rows.add(ui.cell("socketTable", i, "Socket") + " " + ui.cell("socketTable", i, "Type") + " "
                        + ui.cell("socketTable", i, "State") + " " + ui.cell("socketTable", i, "Mode"));
            }
            return rows;
        });
    }

    private void open(Path script) {
        System.setProperty("playground.openScript", script.toString());
        try {
            ui.press("openScriptButton");
            ui.waitUntil(() -> ui.label("statusBar").contains("Opened " + script.getFileName()),
                    () -> "played: " + ui.label("statusBar"));
        } finally {
            System.clearProperty("playground.openScript");
        }
    }

    @Test
    void aSavedSessionComesBackInAFreshWindow() throws Exception {
        String udp = ui.newSocket(Family.AF_INET, SockType.SOCK_DGRAM);
        ui.set("hostField", "127.0.0.1");
        ui.set("portField", "0");
        ui.call("bindButton");
        ui.expectOutcome("None");
        ui.set("timeoutField", "1.5");
        ui.callWithChoice("blockingModeChoice", "timeout");
        ui.expectOutcome("None");
        ui.newSocket(Family.AF_INET, SockType.SOCK_STREAM);
        ui.set("portField", "0");
        ui.call("bindButton");
        ui.expectOutcome("None");
        ui.call("listenButton");
        ui.expectOutcome("None");
        ui.newSocket(Family.AF_INET6, SockType.SOCK_DGRAM);
        ui.waitUntil(() -> table().size() == 3 && table().get(0).endsWith("timeout 1.5 s") && table().get(1).contains("LISTEN"),
                () -> "three sockets: " + table());
        List<String> before = table();
        Path script = dir.resolve("lesson_setup.py");
        System.setProperty("playground.saveTo", script.toString());
        try {
            ui.press("saveScriptButton");
            ui.waitUntil(() -> Files.exists(script) && ui.label("statusBar").contains("Saved the script"), "saved");
        } finally {
            System.clearProperty("playground.saveTo");
        }

        closeWindow();
        openWindow();
        assertEquals(List.of(), table(), "a fresh window");
        open(script);
        assertEquals(before, table(), "the same sockets in the same states");
        assertTrue(ui.label("statusBar").matches(".*Opened lesson_setup\\.py: \\d+ statements run\\."), ui.label("statusBar"));
        assertTrue(udp.equals("s1"), udp);
    }

    @Test
    void linesThatCannotRunAreReportedByNumberAndNothingWaitsForEver() throws Exception {
        Path script = dir.resolve("by_hand.py");
        Files.writeString(script, String.join("\n",
                "import socket",
                "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)",
                "s.bind(('127.0.0.1', 0))",
                "while True:",
                "    data = s.recvfrom(1024)",
                "s.sendto(b'x' (",
                "s.recvfrom(1024)",
                "s.close()",
                ""));
        open(script);
        String report = ui.label("statusBar");
        assertTrue(report.contains("Opened by_hand.py: 6 statements run; 3 did not: "), report);
        assertTrue(report.contains("line 4 (while True:): a block, lines 4–5, skipped"), report);
        assertTrue(report.contains("line 6: SyntaxError"), report);
        assertTrue(report.contains("line 7 waited 2.0 s and was stopped"), report);
        ui.waitUntil(() -> table().size() == 1 && table().get(0).startsWith("s UDP IPv4 CLOSED"), () -> "the last line ran: " + table());
        // a file that is not there: said in words
        Path missing = dir.resolve("missing.py");
        System.setProperty("playground.openScript", missing.toString());
        try {
            ui.press("openScriptButton");
            ui.waitUntil(() -> ui.label("statusBar").contains("Could not open " + missing + ": no such file"),
                    () -> "refused in words: " + ui.label("statusBar"));
        } finally {
            System.clearProperty("playground.openScript");
        }
        // the window keeps working
        String again = ui.newSocket(Family.AF_INET, SockType.SOCK_DGRAM);
        ui.set("hostField", "127.0.0.1");
        ui.set("portField", "0");
        ui.call("bindButton");
        ui.expectOutcome("None");
        assertTrue(again.startsWith("s"), again);
    }
}
