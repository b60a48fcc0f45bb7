package org.socketplayground.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableCell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.engine.Family;
import org.socketplayground.engine.SockType;
import org.socketplayground.engine.SocketEngine;
import org.socketplayground.engine.py.PyValue;
import org.socketplayground.robustness.Robustness;
import org.socketplayground.ui.session.LogExport;
import org.socketplayground.ui.session.LogRow;
import org.socketplayground.ui.session.SenderColors;

/**
 * Issue 6, security: the window binds to loopback unless told otherwise, marks a socket that every interface
 * reaches, starts its built-in servers on loopback, and writes no file cell a spreadsheet would run.
 */
@Robustness.Group(Robustness.SECURITY)
class SecurityTest extends SharedWindow {
    private static final String FORMULA = "=cmd|' /C calc'!A0";
    private static String hostAtStart;
    private static String destinationAtStart;

    @BeforeAll
    static void fieldsAsTheWindowOpens() {
        hostAtStart = ui.text("hostField");
        destinationAtStart = ui.text("destHostField");
    }

    @AfterEach
    void noPresetFiles() {
        System.clearProperty("playground.exportTo");
        System.clearProperty("playground.saveTo");
    }

    /** The Local address cell as the table draws it, read at one moment (the table redraws its cells often). */
    private record Drawn(String text, String tooltip, boolean marked) {
    }

    private static Drawn localCell(String id) {
        int row = ui.onFx(() -> ui.socketRow(id));
        ui.fx(() -> ui.table("socketTable").scrollTo(row));
        ui.waitUntil(() -> ui.renderedCell("socketTable", row, "Local address") != null, id + "'s local address is drawn");
        return ui.onFx(() -> {
            TableCell<?, ?> cell = ui.renderedCell("socketTable", row, "Local address");
            return new Drawn(cell.getText(), cell.getTooltip() == null ? null : cell.getTooltip().getText(),
                    cell.getStyleClass().contains("network-reachable"));
        });
    }

    @Test
    void theDefaultBindAddressIsLoopbackAndUnmarked() {
        assertEquals("127.0.0.1", hostAtStart, "the host field of a new window");
        assertEquals("127.0.0.1", destinationAtStart, "the destination field of a new window");
        String s = socket(Family.AF_INET, SockType.SOCK_DGRAM);
        ui.call("bindButton");   // the fields as they are: 127.0.0.1, port 0
        ui.expectOutcome("None");
        assertEquals(s + ".bind(('127.0.0.1', 0))", ui.label("outcomeCallLabel"));
        ui.waitUntil(() -> ui.cell("socketTable", ui.socketRow(s), "Local address").startsWith("127.0.0.1:"), "bound to loopback");
        Drawn cell = localCell(s);
        assertFalse(cell.text().contains("⚠"), cell.text());
        assertNull(cell.tooltip());
        assertFalse(cell.marked());
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({"'''''', AF_INET", "0.0.0.0, AF_INET", "::, AF_INET6"})
    void bindingToEveryInterfaceMarksTheSocketReachableFromTheNetwork(String host, String family) {
        String s = socket(Family.valueOf(family), SockType.SOCK_DGRAM);
        ui.set("hostField", host);
        ui.call("bindButton");
        ui.expectOutcome("None");
        ui.waitUntil(() -> ui.cell("socketTable", ui.socketRow(s), "Local address").startsWith("*:"), "bound to every interface");
        try {
            Drawn cell = localCell(s);
            assertTrue(cell.text().matches("\\*:\\d+ ⚠"), cell.text());
            assertTrue(cell.marked(), "drawn in the warning style");
            assertNotNull(cell.tooltip());
            assertTrue(cell.tooltip().startsWith("Reachable from the network"), cell.tooltip());
        } finally {
            ui.call("closeButton");   // reachable from the network: not a moment longer than the test needs
            ui.expectOutcome("None");
        }
    }

    @Test
    void builtInServersBindToLoopback() {
        MenuButton menu = robot.lookup("#peersMenu").queryAs(MenuButton.class);
        List<MenuItem> servers = ui.onFx(() -> menu.getItems().stream()
                .filter(i -> i.getText() != null && i.getText().contains("server")).toList());
        assertEquals(5, servers.size(), "the menu's servers");
        for (MenuItem item : servers) {
            int before = ui.onFx(() -> ui.rows("socketTable"));
            ui.fx(item::fire);
            ui.waitUntil(() -> ui.rows("socketTable") == before + 1
                    && !ui.cell("socketTable", before, "Local address").equals("–"), item.getText() + " is bound");
            String id = ui.onFx(() -> ui.cell("socketTable", before, "Socket"));
            String local = ui.onFx(() -> ui.cell("socketTable", before, "Local address"));
            assertTrue(local.startsWith("127.0.0.1:"), item.getText() + " is on " + local);
            assertFalse(localCell(id).text().contains("⚠"), item.getText());
            ui.selectSocket(id);
            ui.call("closeButton");
            ui.expectOutcome("None");
        }
    }

    /** Received data that a spreadsheet would run, and cells that need quoting, exported with the log's filter. */
    @Test
    void theLogExportsAsCsvThatNoSpreadsheetRuns(@TempDir Path dir) throws Exception {
        String s = boundUdp();
        String port = port(s);
        List<String> payloads = List.of(FORMULA, "+1+1", "-2", "@SUM(A1:A2)", "a,\"b\"", "plain");
        ui.set("destPortField", port);
        for (String p : payloads) {
            ui.set("payloadField", p);
            ui.call("sendButton");
            ui.expectOutcome(Integer.toString(p.length()));
            ui.call("recvButton");
            ui.waitUntil(() -> ui.label("outcomeLabel").startsWith("(b"), "the datagram arrives");
        }
        ui.set("logFilterField", s);
        settledLogRows();
        int shown = ui.rows("logTable");   // what the export writes: a marker call on s included
        Path csv = dir.resolve("log.csv");
        System.setProperty("playground.exportTo", csv.toString());
        ui.press("exportLogButton");
        ui.waitUntil(() -> robot.lookup("#statusBar").queryAs(org.controlsfx.control.StatusBar.class).getText()
                .contains("Exported " + shown + " log rows to " + csv), "the status bar says the log is exported");

        String text = Files.readString(csv, StandardCharsets.UTF_8);
        assertTrue(text.endsWith("\r\n") && !text.replace("\r\n", "").contains("\n"), "CRLF line ends");
        List<List<String>> records = Csv.parse(text);
        assertEquals(LogExport.HEADER, records.get(0));
        assertEquals(shown + 1, records.size(), "a record per row the log shows, and the header");
        for (List<String> record : records) {
            assertEquals(LogExport.HEADER.size(), record.size(), record.toString());
            assertEquals(s, record.get(0).equals("Time") ? s : record.get(1), "only the filtered socket's rows");
            for (String cell : record) {
                assertFalse(Csv.runsInSpreadsheet(cell), "a cell a spreadsheet would run: " + cell);
            }
        }
        List<String> received = records.stream().filter(r -> r.get(2).startsWith("← recvfrom")).map(r -> r.get(LogExport.HEADER.indexOf("Data"))).toList();
        assertEquals(List.of("'" + FORMULA, "'+1+1", "'-2", "'@SUM(A1:A2)", "a,\"b\"", "plain"), received);
        assertTrue(text.contains("\"'=cmd|' /C calc'!A0\""), "the formula is quoted text");
        assertTrue(text.contains("\"a,\"\"b\"\"\""), "a comma and quotes are quoted, quotes doubled");
    }

    /** What Ctrl+C copies is pasted into spreadsheets too. */
    @Test
    void copiedRowsHaveNoCellASpreadsheetRuns() {
        PyValue.Tuple from = SocketEngine.address("127.0.0.1", 5000);
        for (String data : List.of(FORMULA, "+1", "-1", "@x")) {
            CallRecord r = new CallRecord(1, Instant.now(), "s1", "recvfrom", List.of(PyValue.of(1024)), CallRecord.Status.DONE,
                    PyValue.tuple(PyValue.of(data.getBytes(StandardCharsets.UTF_8)), from), null, 1000, false, 0, from);
            String[] cells = new LogRow(r, new SenderColors()).copyText().split("\t");
            assertEquals("'" + data, cells[LogExport.HEADER.indexOf("Data")]);
        }
    }

    /** A saved script is Python, not a sheet; still, no line of it starts like a formula. */
    @Test
    void theSavedScriptHasNoLineASpreadsheetRuns(@TempDir Path dir) throws Exception {
        String s = boundUdp();
        ui.set("destPortField", port(s));
        ui.set("payloadField", FORMULA);
        ui.call("sendButton");
        ui.expectOutcome(Integer.toString(FORMULA.length()));
        ui.call("recvButton");
        ui.waitUntil(() -> ui.label("outcomeLabel").startsWith("(b\"=cmd"), "the datagram arrives");
        Path script = dir.resolve("session.py");
        System.setProperty("playground.saveTo", script.toString());
        ui.press("saveScriptButton");
        ui.waitUntil(() -> Files.exists(script) && Files.readString(script).contains("recvfrom"), "the script is saved");
        String text = Files.readString(script, StandardCharsets.UTF_8);
        assertTrue(text.contains("=cmd|"), "the data is in the script");
        for (String line : text.split("\n")) {
            assertFalse(Csv.runsInSpreadsheet(line), "a line a spreadsheet would run: " + line);
        }
    }
}
