package org.socketplayground.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.prefs.Preferences;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableColumnBase;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.skin.TableColumnHeader;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socketplayground.engine.Family;
import org.socketplayground.engine.SockType;
import org.socketplayground.ui.theme.Projector;

/**
 * A projector's zoom on a small window (issue 10): at each step of A+ up to 20 px, on 1280×800 and 1400×900, no
 * control is cut off at the window's edges or by the pane it is in (a control in a scrolling pane is judged once
 * scrolled to), the log's Socket, Source host, Source port and Data columns stay in view without scrolling sideways,
 * and the lesson's text shows six lines at least. And a 70,000-byte send leaves every control where it was.
 */
class ProjectorZoomTest extends OwnWindow {
    private static final Preferences PREFS = Preferences.userRoot().node("/org/socketplayground/ui");
    private static final List<String> TOOLBAR = List.of("familyChoice", "typeChoice", "createSocketButton", "peersMenu",
            "lessonChoice", "lessonOpenButton", "zoomOutButton", "zoomInButton", "darkToggle", "contrastToggle", "quitButton");
    private static final Set<String> KEY_LOG_COLUMNS = Set.of("Socket", "Source host", "Source port", "Data");
    private static int savedSize;

    @BeforeAll
    static void defaultSize() {
        savedSize = PREFS.getInt("fontSize", Projector.DEFAULT_SIZE);
        PREFS.putInt("fontSize", Projector.DEFAULT_SIZE);
    }

    private double[] stageSize;

    /** The tests size the window: TestFX's primary stage, which the next test class's window opens in. */
    @BeforeEach
    void rememberTheStageSize() {
        stageSize = ui.onFx(() -> new double[] {stage().getWidth(), stage().getHeight()});
    }

    /** Every window after this test opens at the default text size and in a stage of the size it had. */
    @AfterEach
    void backToTheDefaultSize() {
        PREFS.putInt("fontSize", Projector.DEFAULT_SIZE);
        ui.fx(() -> {
            stage().setWidth(stageSize[0]);
            stage().setHeight(stageSize[1]);
        });
    }

    private Stage stage() {
        return (Stage) robot.lookup("#root").query().getScene().getWindow();
    }

    @AfterAll
    static void restoreSize() {
        PREFS.putInt("fontSize", savedSize);
    }

    @Test
    void at1280x800EveryStepUpTo20pxCutsNothingOff() {
        classroomSession();
        for (int size : new int[] {16, 18, 20}) {
            windowAndZoom(1280, 800, size);
            assertNothingCutOff("1280×800 at " + size + " px");
        }
    }

    @Test
    void at1400x900EveryStepUpTo20pxCutsNothingOff() {
        classroomSession();
        for (int size : new int[] {16, 18, 20}) {
            windowAndZoom(1400, 900, size);
            assertNothingCutOff("1400×900 at " + size + " px");
        }
    }

    @Test
    void aSendOf70000BytesShowsErrno90AndMovesNoControl() {
        windowAndZoom(1280, 800, 20);
        String receiver = ui.newSocket(Family.AF_INET, SockType.SOCK_DGRAM);
        ui.set("portField", "0");
        ui.call("bindButton");
        ui.expectOutcome("None");
        String port = ui.localPort(receiver);
        ui.newSocket(Family.AF_INET, SockType.SOCK_DGRAM);
        ui.set("destPortField", port);
        settle();
        Bounds before = sceneBounds("sendButton");
        ui.set("payloadField", "x".repeat(70_000));
        ui.call("sendButton");
        ui.expectOutcome("OSError: [Errno 90] Message too long");
        settle();
        assertEquals(before, sceneBounds("sendButton"), "the send button stays where it was");
        String call = ui.label("outcomeCallLabel");
        assertTrue(call.length() < 160 && call.contains("…(69976 more bytes)") && call.endsWith(", ('127.0.0.1', " + port + "))"),
                "the call is shortened as the log shortens data: " + call);
        List<String> problems = ui.onFx(() -> {
            List<String> found = new ArrayList<>();
            Node outcome = robot.lookup("#outcomeLabel").query();
            ScrollPane calls = robot.lookup("#callsScroll").queryAs(ScrollPane.class);
            if (calls.getVvalue() != calls.getVmin()) {
                found.add("the calls pane scrolled");
            }
            checkInside(outcome, "outcomeLabel", found);
            Label label = (Label) outcome;
            if (!showsWholly(label)) {
                found.add("the outcome is cut short: " + label.getHeight() + " px for " + label.getText());
            }
            return found;
        });
        assertEquals(List.of(), problems, "the error shows without scrolling");

        // and again at the default size, with hex
        windowAndZoom(1280, 800, Projector.DEFAULT_SIZE);
        ui.set("payloadField", "");
        settle();
        Bounds small = sceneBounds("sendButton");
        ui.fx(() -> robot.lookup("#hexToggle").queryAs(javafx.scene.control.ToggleButton.class).setSelected(true));
        ui.set("payloadField", "ab".repeat(70_000));
        ui.call("sendButton");
        ui.expectOutcome("OSError: [Errno 90] Message too long");
        settle();
        assertEquals(small, sceneBounds("sendButton"), "at the default size too");
        ui.fx(() -> robot.lookup("#hexToggle").queryAs(javafx.scene.control.ToggleButton.class).setSelected(false));
    }

    // ---------------------------------------------------------------- the session and the window

    /** Sockets that talk, a receiver in colour, a paused log with arrivals waiting, and a lesson in progress. */
    private void classroomSession() {
        String server = ui.newSocket(Family.AF_INET, SockType.SOCK_DGRAM);
        ui.set("portField", "0");
        ui.call("bindButton");
        ui.expectOutcome("None");
        String port = ui.localPort(server);
        for (int i = 0; i < 3; i++) {
            ui.newSocket(Family.AF_INET, SockType.SOCK_DGRAM);
            ui.set("destPortField", port);
            ui.set("payloadField", "hello from client " + i + ", with a sentence long enough to fill the Data column");
            ui.call("sendButton");
            ui.expectOutcome("72");
        }
        ui.selectSocket(server);
        for (int i = 0; i < 3; i++) {
            ui.call("recvButton");
            int received = i + 1;
            ui.waitUntil(() -> ui.logRowsWhere("← recvfrom").size() == received, "datagram " + received + " is logged");
        }
        ui.press("pauseLogToggle");
        ui.newSocket(Family.AF_INET, SockType.SOCK_STREAM);
        ui.waitUntil(() -> ui.label("pauseLogToggle").startsWith("Resume ("), "the log holds what came while paused");
        ui.fx(() -> {
            @SuppressWarnings("unchecked")
            javafx.scene.control.ComboBox<Object> lessons = robot.lookup("#lessonChoice").queryAs(javafx.scene.control.ComboBox.class);
            lessons.getSelectionModel().select(0);
        });
        ui.waitUntil(() -> !ui.label("lessonStepText").isEmpty(), "the lesson shows its first step");
    }

    /** Sizes the window and presses A+ or A− until the text is this size. */
    private void windowAndZoom(int width, int height, int size) {
        ui.fx(() -> {
            stage().setWidth(width);
            stage().setHeight(height);
        });
        while (new Projector().fontSize() != size) {
            ui.press(new Projector().fontSize() < size ? "zoomInButton" : "zoomOutButton");
        }
        ui.waitUntil(() -> robot.lookup("#root").query().getStyle().contains(size + "px"), "the window is at " + size + " px");
        settle();
    }

    /**
     * Waits for the window to lay itself out (wrapped bars, columns that hide, a split that moved take a frame or two):
     * until every control with an fx:id is where it was, and as visible, two frames in a row.
     */
    private void settle() {
        javafx.scene.Scene scene = ui.onFx(() -> robot.lookup("#root").query().getScene());
        Frames.awaitStill(scene, () -> {
            StringBuilder where = new StringBuilder();
            for (Node n : scene.getRoot().lookupAll("*")) {
                if (n.getId() != null) {
                    where.append(n.getId()).append(n.isVisible()).append(n.localToScene(n.getLayoutBounds())).append('\n');
                }
            }
            return where.toString();
        });
    }

    private Bounds sceneBounds(String id) {
        return ui.onFx(() -> {
            Node n = robot.lookup("#" + id).query();
            return n.localToScene(n.getLayoutBounds());
        });
    }

    // ---------------------------------------------------------------- what is cut off

    private void assertNothingCutOff(String where) {
        List<String> problems = ui.onFx(() -> {
            List<String> found = new ArrayList<>();
            Parent root = (Parent) robot.lookup("#root").query();
            List<String> checked = new ArrayList<>();
            visit(root, found, checked);
            for (String id : TOOLBAR) {
                if (!checked.contains(id)) {
                    found.add(id + " is not shown");
                }
            }
            for (String id : List.of("bindButton", "connectButton", "listenButton", "acceptButton", "sendButton",
                    "recvButton", "closeButton", "lessonShowMeButton", "lessonNextButton", "pauseLogToggle")) {
                if (!checked.contains(id)) {
                    found.add(id + " is not shown");
                }
            }
            logColumns(found);
            lessonText(found);
            return found;
        });
        assertEquals(List.of(), problems, where);
    }

    /** Every control shown, judged whole; tables, text areas and the controls' own parts are not walked into. */
    private static void visit(Node node, List<String> found, List<String> checked) {
        if (!node.isVisible()) {
            return;
        }
        if (node instanceof ButtonBase || node instanceof ChoiceBox<?> || node instanceof ComboBoxBase<?>
                || node instanceof TextField || node instanceof Spinner<?>) {
            String name = node.getId() != null ? node.getId() : node.getClass().getSimpleName() + " " + node;
            scrollTo(node);
            checkInside(node, name, found);
            checked.add(name);
            return;
        }
        if (node instanceof TableView<?> || node instanceof TextArea) {
            return;
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                visit(child, found, checked);
            }
        }
    }

    /** Scrolls every scrolling pane the node is in so that the node is in view, as a user would. */
    private static void scrollTo(Node node) {
        for (Node a = node.getParent(); a != null; a = a.getParent()) {
            if (a instanceof ScrollPane pane && pane.getContent() != null) {
                Node content = pane.getContent();
                Bounds b = content.sceneToLocal(node.localToScene(node.getLayoutBounds()));
                Bounds view = pane.getViewportBounds();
                double extraW = content.getLayoutBounds().getWidth() - view.getWidth();
                double extraH = content.getLayoutBounds().getHeight() - view.getHeight();
                if (extraW > 0) {
                    pane.setHvalue(Math.min(b.getMinX(), Math.max(0, b.getMaxX() - view.getWidth())) / extraW);
                }
                if (extraH > 0) {
                    pane.setVvalue(Math.min(b.getMinY(), Math.max(0, b.getMaxY() - view.getHeight())) / extraH);
                }
                pane.layout();
            }
        }
    }

    /** The node whole inside the window and inside every clip around it (split panes, tabs, scrolling viewports). */
    private static void checkInside(Node node, String name, List<String> found) {
        Bounds b = node.localToScene(node.getLayoutBounds());
        Bounds window = new BoundingBox(0, 0, node.getScene().getWidth(), node.getScene().getHeight());
        if (!within(b, window)) {
            found.add(name + " is cut off by the window: " + brief(b));
        }
        for (Node a = node.getParent(); a != null; a = a.getParent()) {
            if (a.getClip() != null) {
                Bounds clip = a.localToScene(a.getClip().getBoundsInParent());
                if (!within(b, clip)) {
                    found.add(name + " is cut off by " + a.getClass().getSimpleName() + " " + a.getStyleClass() + ": "
                            + brief(b) + " outside " + brief(clip));
                    return;
                }
            }
        }
    }

    private static boolean within(Bounds inner, Bounds outer) {
        return inner.getWidth() > 0 && inner.getHeight() > 0
                && inner.getMinX() >= outer.getMinX() - 1 && inner.getMaxX() <= outer.getMaxX() + 1
                && inner.getMinY() >= outer.getMinY() - 1 && inner.getMaxY() <= outer.getMaxY() + 1;
    }

    private static String brief(Bounds b) {
        return String.format("[%.0f..%.0f × %.0f..%.0f]", b.getMinX(), b.getMaxX(), b.getMinY(), b.getMaxY());
    }

    /** Socket, Source host, Source port and Data in the log's viewport, with no sideways scrolling. */
    private void logColumns(List<String> found) {
        TableView<?> log = robot.lookup("#logTable").queryAs(TableView.class);
        Node rows = log.lookup(".clipped-container");
        Bounds view = rows.localToScene(rows.getLayoutBounds());
        List<String> seen = new ArrayList<>();
        for (Node n : log.lookupAll(".column-header")) {
            if (n instanceof TableColumnHeader header && header.isVisible() && header.getTableColumn() != null) {
                TableColumnBase<?, ?> column = header.getTableColumn();
                if (KEY_LOG_COLUMNS.contains(column.getText()) && column.isVisible()) {
                    // the column as wide as it is (the last header also covers the corner above the scroll bar)
                    Bounds h = header.localToScene(header.getLayoutBounds());
                    Bounds b = new BoundingBox(h.getMinX(), h.getMinY(), column.getWidth(), h.getHeight());
                    // (a constrained table's last column may run two pixels under the scroll bar's edge)
                    if (b.getMinX() < view.getMinX() - 1 || b.getMaxX() > view.getMaxX() + 3 || b.getWidth() < 20) {
                        found.add("the log's " + column.getText() + " column is not in view: " + brief(b) + " in " + brief(view));
                    }
                    seen.add(column.getText());
                }
            }
        }
        if (!seen.containsAll(KEY_LOG_COLUMNS)) {
            found.add("the log shows only " + seen + " of " + KEY_LOG_COLUMNS);
        }
        for (Node n : log.lookupAll(".scroll-bar")) {
            if (n instanceof ScrollBar bar && bar.getOrientation() == javafx.geometry.Orientation.HORIZONTAL && bar.isVisible()) {
                found.add("the log scrolls sideways");
            }
        }
    }

    /** The lesson's step text has room for six lines. */
    private void lessonText(List<String> found) {
        Label text = robot.lookup("#lessonStepText").queryAs(Label.class);
        ScrollPane pane = null;
        for (Node a = text.getParent(); a != null && pane == null; a = a.getParent()) {
            pane = a instanceof ScrollPane p ? p : null;
        }
        double height = pane.getViewportBounds().getHeight();
        double lines = height / (lineHeight(text) + text.getLineSpacing());
        if (lines < 6) {
            found.add(String.format("the lesson's text shows %.1f lines (%.0f px)", lines, height));
        }
        assertFalse(text.getText().isEmpty());
    }

    /** Whether a wrapping label is tall enough for all its lines at its width (else it ends in "…"). */
    private static boolean showsWholly(Label label) {
        Text text = new Text(label.getText());
        text.setFont(label.getFont());
        text.setLineSpacing(label.getLineSpacing());
        text.setWrappingWidth(label.getWidth() - label.snappedLeftInset() - label.snappedRightInset());
        return text.getLayoutBounds().getHeight() <= label.getHeight() - label.snappedTopInset() - label.snappedBottomInset() + 1;
    }

    private static double lineHeight(Label label) {
        Text line = new Text("Ag");
        line.setFont(label.getFont());
        return line.getLayoutBounds().getHeight();
    }
}
