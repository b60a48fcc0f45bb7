package org.socketplayground.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.skin.VirtualFlow;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socketplayground.engine.Family;
import org.socketplayground.engine.SockType;
import org.socketplayground.robustness.ChildOutput;

/**
 * The Diagram tab: one arrow for a datagram between two of the app's sockets (its send and its receive), a connection,
 * stream data and a close, a python3 flood folded into bundles, lab drops ending in a cross, selection shared with the
 * log both ways, the filter to the selected socket, a PNG export, and nothing kept while the tab is hidden.
 */
class DiagramWindowTest extends SharedWindow {
    private static final Pattern BUNDLE = Pattern.compile("× ([0-9,]+) datagrams");

    @BeforeEach
    void showDiagram() {
        showTab("diagramTab");
    }

    @AfterEach
    void showPython() {
        ui.fx(() -> robot.lookup("#diagramSelectedOnlyCheck").queryAs(CheckBox.class).setSelected(false));
        showTab("pythonTab");
    }

    private void showTab(String id) {
        ui.fx(() -> {
            TabPane tabs = robot.lookup("#codeTabs").queryAs(TabPane.class);
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> id.equals(t.getId())).findFirst().orElseThrow());
        });
    }

    @SuppressWarnings("unchecked")
    private static ListView<Object> diagram() {
        return robot.lookup("#sequenceDiagram").queryAs(ListView.class);
    }

    /** The accessible texts of the arrows drawn on screen now. */
    private static List<String> arrowsOnScreen() {
        return ui.onFx(() -> diagram().lookupAll(".message").stream().filter(Node::isVisible)
                .filter(n -> n.getParent() != null && n.getParent().getParent() instanceof IndexedCell<?> cell && !cell.isEmpty())
                .map(Node::getAccessibleText).toList());
    }

    /** Every arrow the diagram holds (after its filter), as its accessible text and its label. */
    private static List<String> arrows() {
        return ui.onFx(() -> diagram().getItems().stream().map(a -> {
            org.socketplayground.ui.diagram.Arrow arrow = (org.socketplayground.ui.diagram.Arrow) a;
            return arrow.text() + " | " + arrow.label();
        }).toList());
    }

    /** Brings the arrow with this text to the screen and returns its node. */
    private static Node arrowNode(String text) {
        ui.fx(() -> {
            List<Object> items = diagram().getItems();
            for (int i = 0; i < items.size(); i++) {
                if (((org.socketplayground.ui.diagram.Arrow) items.get(i)).text().equals(text)) {
                    diagram().scrollTo(i);
                }
            }
        });
        ui.waitUntil(() -> arrowsOnScreen().contains(text), () -> "on screen: " + text + " in " + arrowsOnScreen());
        return ui.onFx(() -> diagram().lookupAll(".message").stream().filter(n -> text.equals(n.getAccessibleText()))
                .findFirst().orElseThrow());
    }

    private static String sendTo(String from, String port, String text) {
        ui.selectSocket(from);
        ui.set("payloadField", text);
        ui.set("destHostField", "127.0.0.1");
        ui.set("destPortField", port);
        ui.call("sendButton");
        ui.expectOutcome(Integer.toString(text.length()));
        return "127.0.0.1:" + port(from);
    }

    @Test
    void aDatagramBetweenTwoAppSocketsIsOneArrowAndSelectsItsRows() {
        String a = boundUdp();
        String b = boundUdp();
        String pa = port(a);
        String pb = port(b);
        sendTo(a, pb, "hello world");
        ui.selectSocket(b);
        ui.call("recvButton");
        ui.expectOutcome("(b'hello world', ('127.0.0.1', " + pa + "))");
        String text = "127.0.0.1:" + pa + " → 127.0.0.1:" + pb + " · 11 bytes";
        ui.waitUntil(() -> arrows().stream().anyMatch(s -> s.startsWith(text + " | sendto → recvfrom · 11 bytes · hello world")),
                () -> "the send and its receive as one arrow: " + arrows());
        assertEquals(1, arrows().stream().filter(s -> s.startsWith(text + " |")).count(), "one arrow, not two: " + arrows());
        ui.waitUntil(() -> arrowsOnScreen().contains(text), () -> "following, the newest arrow is on screen: " + arrowsOnScreen());

        // the arrow selects the log's row of the send; the receive's row selects the arrow
        Node arrow = arrowNode(text);
        Node label = ui.onFx(() -> arrow.lookup(".message-label"));
        ui.waitUntil(() -> ui.onFx(() -> diagram().localToScene(diagram().getBoundsInLocal())
                .contains(label.localToScene(label.getBoundsInLocal()))), "the arrow's label in view");
        robot.clickOn(label);
        ui.waitUntil(() -> selectedLogCall().startsWith("→ sendto(b'…', ('127.0.0.1', " + pb + "))"),
                () -> "the send's row selected: " + selectedLogCall());
        int recvRow = ui.logRowsWhere("← recvfrom").get(ui.logRowsWhere("← recvfrom").size() - 1);
        ui.fx(() -> ui.table("logTable").getSelectionModel().clearAndSelect(recvRow));
        ui.fx(() -> diagram().getSelectionModel().clearSelection());
        ui.fx(() -> ui.table("logTable").getSelectionModel().clearSelection());
        ui.fx(() -> ui.table("logTable").getSelectionModel().clearAndSelect(recvRow));
        ui.waitUntil(() -> text.equals(selectedArrowText()), () -> "the arrow selected: " + selectedArrowText());
    }

    @Test
    void aConnectionItsDataAndItsCloseAreArrows() {
        String server = listeningServer();
        String sp = port(server);
        String client = socket(Family.AF_INET, SockType.SOCK_STREAM);
        ui.set("hostField", "127.0.0.1");
        ui.set("portField", sp);
        ui.call("connectButton");
        ui.expectOutcome("None");
        ui.selectSocket(server);
        int rows = ui.rows("socketTable");
        ui.call("acceptButton");
        ui.waitUntil(() -> ui.rows("socketTable") == rows + 1, "accepted");
        String conn = ui.onFx(() -> ui.cell("socketTable", rows, "Socket"));
        String cp = port(client);
        ui.selectSocket(client);
        ui.set("payloadField", "hello");
        ui.call("sendallButton");
        ui.expectOutcome("None");
        ui.call("closeButton");
        ui.expectOutcome("None");
        ui.selectSocket(conn);
        ui.call("recvButton");
        ui.expectOutcome("b'hello'");
        ui.call("recvButton");
        ui.expectOutcome("b''");
        String pair = "127.0.0.1:" + cp + " → 127.0.0.1:" + sp + " · ";
        ui.waitUntil(() -> arrows().containsAll(List.of(pair + "connect → accept | connect → accept",
                        pair + "5 bytes | sendall → recv · 5 bytes · hello", pair + "close → recv b'' | close → recv b''")),
                () -> "connect, data and close: " + arrows());
    }

    @Test
    void aFloodFoldsIntoBundlesAndLabDropsEndInACross() throws Exception {
        String r = boundUdp();
        String port = port(r);
        ui.call("autoReceiveToggle");
        try (ChildOutput sender = new ChildOutput("flood", new ProcessBuilder("python3", "-c", String.join("\n",
                "import socket, sys, time",
                "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)",
                "s.bind(('127.0.0.1', 0))",
                "print(s.getsockname()[1], flush=True)",
                "for i in range(3000):",
                "    s.sendto(b'flood %d' % i, ('127.0.0.1', int(sys.argv[1])))",
                "    if i % 20 == 19: time.sleep(0.002)",
                "print('sent', flush=True)"), port).redirectErrorStream(true).start())) {
            String from = "127.0.0.1:" + sender.line() + " → 127.0.0.1:" + port + " · ";
            assertEquals("sent", sender.line());
            // paced, so that the kernel drops none on a quiet machine; on a busy one it may, and the arrows count what came
            ui.waitUntil(() -> received(r) >= 2000 && datagramsIn(from) == received(r),
                    () -> "every datagram received in an arrow: " + datagramsIn(from) + " of " + received(r));
            long arrows = arrows().stream().filter(s -> s.startsWith(from)).count();
            assertTrue(arrows <= 100, "3,000 datagrams in at most 100 arrows, not one each: " + arrows);
            assertTrue(arrows().stream().anyMatch(s -> s.startsWith(from) && s.contains("B/s")), "a bundle has its rate");

            // a lab that drops everything: the arrow of a datagram sent to the socket ends in a cross
            showTab("labTab");
            ui.selectSocket(r);
            ui.set("labLossField", "100");
            ui.set("labSeedField", "1");
            ui.fx(() -> robot.lookup("#labToggle").queryAs(javafx.scene.control.ToggleButton.class).fire());
            ui.waitUntil(() -> ui.cell("socketTable", ui.socketRow(r), "Mode").equals("blocking · lab"), "the lab is on");
            showTab("diagramTab");
            String s = boundUdp();
            String text = sendTo(s, port, "lost") + " → 127.0.0.1:" + port + " · 4 bytes · dropped by the lab";
            ui.waitUntil(() -> arrows().stream().anyMatch(a -> a.startsWith(text + " | sendto · 4 bytes · lost")),
                    () -> "the send's arrow is dropped: " + arrows());
            Node dropped = arrowNode(text);
            assertTrue(ui.onFx(() -> dropped.getStyleClass().contains("dropped") && dropped.lookup(".message-cross").isVisible()
                    && !dropped.lookup(".message-head").isVisible()), "it ends in a cross, not a head");
            showTab("labTab");
            ui.selectSocket(r);
            ui.fx(() -> robot.lookup("#labToggle").queryAs(javafx.scene.control.ToggleButton.class).fire());
            ui.waitUntil(() -> ui.cell("socketTable", ui.socketRow(r), "Mode").equals("blocking"), "the lab is off");
        } finally {
            ui.selectSocket(r);
            ui.call("autoReceiveToggle");
        }
    }

    @Test
    void theFilterShowsOnlyTheSelectedSocketAndTheExportIsAPicture() throws Exception {
        String a = boundUdp();
        String b = boundUdp();
        String c = boundUdp();
        String fromA = sendTo(a, port(b), "to b");
        String fromC = sendTo(c, port(b), "c to b");
        sendTo(c, port(c), "c to c");
        ui.waitUntil(() -> arrows().stream().anyMatch(s -> s.startsWith(fromC + " → " + fromC)), () -> "all three: " + arrows());
        ui.selectSocket(a);
        ui.fx(() -> robot.lookup("#diagramSelectedOnlyCheck").queryAs(CheckBox.class).setSelected(true));
        ui.waitUntil(() -> arrows().size() == 1 && arrows().get(0).startsWith(fromA + " → 127.0.0.1:" + port(b)),
                () -> "only a's arrow: " + arrows());
        assertTrue(ui.label("diagramSummary").startsWith("1 arrow between 2 endpoints"), ui.label("diagramSummary"));

        Path png = Files.createTempFile("diagram", ".png");
        System.setProperty("playground.diagramTo", png.toString());
        try {
            ui.call("exportDiagramButton");
            ui.waitUntil(() -> ui.label("statusBar").contains("Exported the diagram (1 arrow) to " + png),
                    () -> "exported: " + ui.label("statusBar"));
        } finally {
            System.clearProperty("playground.diagramTo");
        }
        BufferedImage image = ImageIO.read(png.toFile());
        assertTrue(image != null && image.getWidth() > 200 && image.getHeight() > 60,
                "a picture of the lanes and the arrow: " + (image == null ? null : image.getWidth() + "x" + image.getHeight()));
        Files.delete(png);
    }

    @Test
    void hiddenTheDiagramKeepsNothingAndShownItDrawsTheLog() {
        showTab("pythonTab");
        String a = boundUdp();
        String from = sendTo(a, port(a), "while hidden");
        assertEquals(0, (int) ui.onFx(() -> diagram().getItems().size()), "nothing kept while hidden");
        showTab("diagramTab");
        ui.waitUntil(() -> arrows().stream().anyMatch(s -> s.startsWith(from + " → " + from + " · 12 bytes")),
                () -> "drawn when shown: " + arrows());
        ui.waitUntil(() -> lastCellShown(), "it shows its newest arrow");
    }

    private static boolean lastCellShown() {
        return ui.onFx(() -> {
            VirtualFlow<?> flow = (VirtualFlow<?>) diagram().lookup(".virtual-flow");
            IndexedCell<?> last = flow == null ? null : flow.getLastVisibleCell();
            return last != null && last.getIndex() == diagram().getItems().size() - 1;
        });
    }

    private static String selectedLogCall() {
        return ui.onFx(() -> {
            int i = ui.table("logTable").getSelectionModel().getSelectedIndex();
            return i < 0 ? "" : ui.cell("logTable", i, "Call");
        });
    }

    private static String selectedArrowText() {
        return ui.onFx(() -> {
            Object arrow = diagram().getSelectionModel().getSelectedItem();
            return arrow == null ? null : ((org.socketplayground.ui.diagram.Arrow) arrow).text();
        });
    }

    /** The datagrams the arrows from this sender hold: one for a single arrow, its count for a bundle. */
    private static long datagramsIn(String from) {
        long n = 0;
        for (String s : arrows()) {
            if (s.startsWith(from)) {
                Matcher m = BUNDLE.matcher(s);
                n += m.find() ? Long.parseLong(m.group(1).replace(",", "")) : 1;
            }
        }
        return n;
    }

    private static int received(String id) {
        String cell = ui.cell("socketTable", ui.socketRow(id), "Received");
        return Integer.parseInt(cell.substring(0, cell.indexOf(' ')));
    }
}
