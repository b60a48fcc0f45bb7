package org.socketplayground.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.input.MouseButton;
import org.junit.jupiter.api.Test;
import org.socketplayground.engine.Family;
import org.socketplayground.engine.SockType;

/**
 * The This machine tab against {@code ip -o addr show}: every address of every interface that ip lists, with its
 * broadcast; the status bar names the first IPv4 address off loopback; a double click fills the Address or the to field.
 */
class MachineTabTest extends SharedWindow {

    /** ip's lines as "interface address broadcast" ("" where ip shows no brd), in ip's words. */
    private static List<String[]> ipAddresses() throws Exception {
        Process ip = new ProcessBuilder("ip", "-o", "addr", "show").redirectErrorStream(true).start();
        List<String[]> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(ip.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                String[] w = line.trim().split("\\s+");
                if (w.length < 4 || !(w[2].equals("inet") || w[2].equals("inet6"))) {
                    continue;
                }
                int brd = java.util.Arrays.asList(w).indexOf("brd");
                out.add(new String[] {w[1], w[3].substring(0, w[3].indexOf('/')), brd > 0 ? w[brd + 1] : ""});
            }
        }
        assertTrue(ip.waitFor(10, TimeUnit.SECONDS) && ip.exitValue() == 0, "ip -o addr show ran");
        return out;
    }

    /** The interface ip's default route leaves by ("default via … dev eth0"), or "". */
    private static String defaultRouteInterface() throws Exception {
        Process ip = new ProcessBuilder("ip", "-o", "-4", "route", "show", "default").redirectErrorStream(true).start();
        String out = new String(ip.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        ip.waitFor(10, TimeUnit.SECONDS);
        String[] w = out.trim().split("\\s+");
        int dev = java.util.Arrays.asList(w).indexOf("dev");
        return dev >= 0 && dev + 1 < w.length ? w[dev + 1] : "";
    }

    private void showTab(String id) {
        ui.fx(() -> {
            javafx.scene.control.TabPane tabs = robot.lookup("#codeTabs").queryAs(javafx.scene.control.TabPane.class);
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> id.equals(t.getId())).findFirst().orElseThrow());
        });
    }

    /** The row of the interfaces table for this interface and address (the address without a zone), or -1. */
    private int rowOf(String name, String address) {
        return ui.onFx(() -> {
            for (int i = 0; i < ui.rows("interfacesTable"); i++) {
                String shown = ui.cell("interfacesTable", i, "Address");
                if (ui.cell("interfacesTable", i, "Interface").equals(name)
                        && (shown.equals(address) || shown.startsWith(address + "%"))) {
                    return i;
                }
            }
            return -1;
        });
    }

    @Test
    void theTabListsWhatIpListsAndADoubleClickFillsAField() throws Exception {
        List<String[]> expected = ipAddresses();
        assertTrue(expected.stream().anyMatch(a -> a[1].equals("127.0.0.1")), "ip lists loopback");
        socket(Family.AF_INET, SockType.SOCK_DGRAM);
        showTab("machineTab");
        try {
            ui.waitUntil(() -> ui.rows("interfacesTable") >= expected.size(), () -> "read: " + ui.rows("interfacesTable") + " rows");
            for (String[] a : expected) {
                int row = rowOf(a[0], a[1]);
                assertTrue(row >= 0, () -> a[0] + " " + a[1] + " is listed");
                assertEquals(a[1].contains(":") ? "IPv6" : "IPv4", ui.cell("interfacesTable", row, "Family"));
                if (!a[2].isEmpty()) {
                    assertEquals(a[2], ui.cell("interfacesTable", row, "Broadcast"), a[0] + " " + a[1] + "'s broadcast");
                }
            }
            int lo = rowOf("lo", "127.0.0.1");
            assertEquals("127.255.255.255", ui.cell("interfacesTable", lo, "Broadcast"), "Linux delivers it on lo");

            String routed = defaultRouteInterface();
            String main = expected.stream().filter(a -> !a[0].equals("lo") && !a[1].contains(":"))
                    .sorted(java.util.Comparator.comparing(a -> !a[0].equals(routed))).map(a -> a[1]).findFirst().orElse(null);
            String status = ui.label("machineAddressLabel");
            assertEquals(main == null ? "this machine: loopback only" : "this machine: " + main, status);
            assertTrue(ui.label("machineSummary").contains(main == null ? "loopback" : main), ui.label("machineSummary"));

            robot.doubleClickOn(ui.renderedCell("interfacesTable", lo, "Broadcast"), MouseButton.PRIMARY);
            ui.waitUntil(() -> ui.text("destHostField").equals("127.255.255.255"), () -> "to: " + ui.text("destHostField"));
            ui.set("hostField", "");
            robot.doubleClickOn(ui.renderedCell("interfacesTable", lo, "Address"), MouseButton.PRIMARY);
            ui.waitUntil(() -> ui.text("hostField").equals("127.0.0.1"), () -> "Address: " + ui.text("hostField"));
        } finally {
            showTab("pythonTab");
        }
    }
}
