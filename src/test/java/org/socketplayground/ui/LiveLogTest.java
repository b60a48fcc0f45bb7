package org.socketplayground.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.control.TextArea;
import javafx.scene.shape.Polyline;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.socketplayground.robustness.ChildOutput;
import org.socketplayground.engine.Family;
import org.socketplayground.engine.SockType;

/** Watching traffic: the rate and its sparkline, pausing the log while counting goes on, long payloads cut. */
class LiveLogTest extends OwnWindow {
    private static final Pattern RATE = Pattern.compile("s1 receives ([\\d,]+) datagrams/s · .+/s");
    private final List<Process> peers = new ArrayList<>();

    @AfterEach
    void stopPeers() throws Exception {
        for (Process p : peers) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** s1, bound to loopback, receiving continuously into the log. */
    private String receivingUdp() {
        String id = ui.createSocket(Family.AF_INET, SockType.SOCK_DGRAM);
        ui.type("portField", "0");
        ui.click("bindButton");
        ui.expectOutcome("None");
        ui.click("autoReceiveToggle");
        return id;
    }

    /** A python3 process that sends count datagrams "prefix0", "prefix1"... to the socket; returns its output. */
    private ChildOutput send(String id, int count, double interval, String prefix, int size) throws Exception {
        Path script = Path.of(LiveLogTest.class.getResource("/peers/udp_burst.py").toURI());
        Process p = new ProcessBuilder("python3", script.toString(), "127.0.0.1", ui.localPort(id), Integer.toString(count),
                Double.toString(interval), prefix, Integer.toString(size)).redirectErrorStream(true).start();
        peers.add(p);
        ChildOutput out = new ChildOutput("udp_burst.py", p);   // each line waited for 20 s at most
        assertTrue(out.line().startsWith("port "));
        return out;
    }

    private long shownRate() {
        Matcher m = RATE.matcher(ui.label("rateLabel"));
        return m.matches() ? Long.parseLong(m.group(1).replace(",", "")) : -1;
    }

    @Test
    void theSelectedSocketsRateRisesWithAFloodAndFallsToZeroAfterIt() throws Exception {
        String id = receivingUdp();
        assertEquals("s1 receives 0 datagrams/s · 0 B/s", ui.label("rateLabel"));
        ChildOutput out = send(id, 3000, 0.001, "tick ", 64);
        ui.waitUntil(() -> shownRate() >= 100, () -> "the rate shows the flood (it reads " + ui.label("rateLabel") + ")");
        Polyline line = robot.lookup(".sparkline-line").queryAs(Polyline.class);
        ui.waitUntil(() -> line.getPoints().size() >= 4, "the sparkline draws the last seconds");
        assertEquals("done", out.line());
        ui.waitUntil(() -> shownRate() == 0, () -> "the rate falls to zero once the flood ends (it reads " + ui.label("rateLabel") + ")");
        // A loaded machine may drop some of the flood in the kernel; the benchmark counts losses, this test the rate.
        long counted = Long.parseLong(ui.cell("socketTable", ui.socketRow(id), "Received").split(" ")[0]);
        assertTrue(counted >= 100 && counted <= 3000, "datagrams counted: " + counted);
    }

    @Test
    void aPausedLogKeepsCountingAndResumeShowsWhatArrivedMeanwhile() throws Exception {
        String id = receivingUdp();
        assertEquals("done", send(id, 1, 0, "before", 0).line());
        ui.waitUntil(() -> ui.logData(id, "← recvfrom").equals(List.of("before0")), "the first datagram is logged");

        ui.click("pauseLogToggle");
        assertEquals("Resume", ui.label("pauseLogToggle"));
        assertEquals("done", send(id, 40, 0.002, "held ", 0).line());
        ui.waitUntil(() -> ui.cell("socketTable", ui.socketRow(id), "Received").startsWith("41 / "),
                "the socket counts what arrives while the log is paused");
        ui.waitUntil(() -> ui.label("pauseLogToggle").equals("Resume (40 new)"),
                () -> "the button tells how much is waiting (it reads " + ui.label("pauseLogToggle") + ")");
        assertEquals(List.of("before0"), ui.logData(id, "← recvfrom"), "no row is added while paused");
        assertTrue(ui.label("statusBar").contains("paused"), ui.label("statusBar"));

        ui.click("pauseLogToggle");
        List<String> expected = new ArrayList<>(List.of("before0"));
        for (int i = 0; i < 40; i++) {
            expected.add("held " + i);
        }
        ui.waitUntil(() -> ui.logData(id, "← recvfrom").equals(expected), "resume shows every datagram, in order");
        assertEquals("Pause", ui.label("pauseLogToggle"));
    }

    @Test
    void aLongPayloadIsCutInTheLogAndWholeInTheDetails() throws Exception {
        String id = receivingUdp();
        assertEquals("done", send(id, 1, 0, "long ", 1000).line());
        ui.waitUntil(() -> ui.logRowsWhere("← recvfrom").size() == 1, "the datagram is logged");
        int row = ui.logRowsWhere("← recvfrom").get(0);
        assertEquals("1000", ui.cell("logTable", row, "Bytes"));
        String data = ui.cell("logTable", row, "Data");
        assertTrue(data.startsWith("long 0....") && data.endsWith("…(800 more bytes)"), data);

        robot.interact(() -> ui.table("logTable").getSelectionModel().clearAndSelect(row));
        robot.clickOn("Details");
        String detail = ui.onFx(() -> robot.lookup("#detailArea").queryAs(TextArea.class).getText());
        assertTrue(detail.contains("1000 bytes:\n00000000  6c 6f 6e 67 20 30 2e 2e"), detail);
        assertTrue(detail.contains("\n000003e0  2e 2e 2e 2e"), "the dump runs to the last byte: " + detail);
    }

    /** The rows the log shows, first and last, for a failure message. */
    private String shownRows() {
        return ui.onFx(() -> {
            javafx.scene.control.skin.VirtualFlow<?> flow =
                    (javafx.scene.control.skin.VirtualFlow<?>) ui.table("logTable").lookup(".virtual-flow");
            return flow.getFirstVisibleCell().getIndex() + " to " + flow.getLastVisibleCell().getIndex() + " of "
                    + ui.rows("logTable") + ", in view: " + logRowInView(flow.getLastVisibleCell().getIndex());
        });
    }

    /**
     * Whether the log row is wholly inside the table's viewport, as the user sees it, within a pixel: the theme's
     * rows have a fractional height, so a row flush with the bottom may end a fraction of a pixel past it.
     */
    private boolean logRowInView(int row) {
        return ui.onFx(() -> {
            javafx.scene.control.TableCell<?, ?> cell = ui.renderedCell("logTable", row, "Time");
            javafx.scene.Node viewport = ui.table("logTable").lookup(".clipped-container");
            if (cell == null || viewport == null) {
                return false;
            }
            javafx.geometry.Bounds c = cell.localToScene(cell.getBoundsInLocal());
            javafx.geometry.Bounds v = viewport.localToScene(viewport.getBoundsInLocal());
            return c.getMinY() >= v.getMinY() - 1 && c.getMaxY() <= v.getMaxY() + 1;
        });
    }

    @Test
    void theLogFollowsNewRowsUnlessTheReaderHasScrolledUp() throws Exception {
        String id = receivingUdp();
        assertEquals("done", send(id, 60, 0.001, "first ", 0).line());
        ui.waitUntil(() -> ui.logData(id, "← recvfrom").size() == 60, "60 rows");
        int last = ui.rows("logTable") - 1;
        ui.waitUntil(() -> logRowInView(last), () -> "the newest row (" + last + ") is wholly in view; on screen: " + shownRows());

        robot.interact(() -> ui.table("logTable").scrollTo(0));
        assertEquals("done", send(id, 20, 0.001, "second ", 0).line());
        ui.waitUntil(() -> ui.logData(id, "← recvfrom").size() == 80, "80 rows");
        // Not a time but the log's own chances to move: it follows, or not, at each of the session's refreshes.
        ui.awaitRefreshes(session(), 3);
        assertTrue(logRowInView(0), () -> "scrolled up, the log stays where the reader is; on screen: " + shownRows());

        robot.interact(() -> ui.table("logTable").scrollTo(ui.rows("logTable") - 1));
        assertEquals("done", send(id, 5, 0.001, "third ", 0).line());
        ui.waitUntil(() -> ui.logData(id, "← recvfrom").size() == 85, "85 rows");
        int newest = ui.rows("logTable") - 1;
        ui.waitUntil(() -> logRowInView(newest), () -> "back at the end, the log follows again; on screen: " + shownRows());
    }

    @Test
    void aFilterTypedAndClearedLeavesTheLogFollowingItsEnd() throws Exception {
        String id = receivingUdp();
        assertEquals("done", send(id, 60, 0.001, "first ", 0).line());
        ui.waitUntil(() -> ui.logData(id, "← recvfrom").size() == 60, "60 rows");
        ui.typeKeys("logFilterField", "first 1");
        ui.waitUntil(() -> ui.rows("logTable") < 60, "the filter narrows the log");
        ui.typeKeys("logFilterField", "");
        ui.waitUntil(() -> ui.rows("logTable") > 60, "the filter is cleared");
        int last = ui.rows("logTable") - 1;
        ui.waitUntil(() -> logRowInView(last), () -> "the newest row is in view, not the top; on screen: " + shownRows());

        assertEquals("done", send(id, 5, 0.001, "second ", 0).line());
        ui.waitUntil(() -> ui.logData(id, "← recvfrom").size() == 65, "65 rows");
        int newest = ui.rows("logTable") - 1;
        ui.waitUntil(() -> logRowInView(newest), () -> "the log still follows; on screen: " + shownRows());
    }
}
