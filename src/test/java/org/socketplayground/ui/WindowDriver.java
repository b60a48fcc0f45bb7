package org.socketplayground.ui;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.socketplayground.ui.session.SocketRow;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Drives the playground window as a student does: by its fx:ids, and reads back what the window shows. */
final class WindowDriver {
    private final FxRobot robot;

    WindowDriver(FxRobot robot) {
        this.robot = robot;
    }

    /**
     * Waits for the tabs behind the front one, which join the window after its first frame (one a pulse): their
     * controls can be looked up once every tab has its content.
     */
    void awaitEveryTab() {
        waitUntil(() -> onFx(() -> robot.lookup("#codeTabs").queryAs(javafx.scene.control.TabPane.class).getTabs().stream()
                .allMatch(tab -> tab.getContent() != null)), "every tab of the window has joined it");
    }

    void click(String id) {
        reveal(id);
        clickOn(robot.lookup("#" + id).query());
    }

    /**
     * A real click on the node, the mouse put there first at once: TestFX glides the mouse there in up to 200 steps,
     * a few hundred milliseconds a click, which made the by-hand lessons the suite's slowest part.
     */
    void clickOn(javafx.scene.Node node) {
        awaitLayout(node);
        robot.robotContext().getMouseRobot().move(robot.point(node).query());
        robot.clickOn(node);
    }

    /**
     * Waits for a pulse to lay the node's scene out: a text just changed (a status, a label) can move the node, and a
     * point taken before that layout clicks where the node was.
     */
    private void awaitLayout(javafx.scene.Node node) {
        java.util.concurrent.CountDownLatch laidOut = new java.util.concurrent.CountDownLatch(1);
        fx(() -> {
            javafx.scene.Scene scene = node.getScene();
            if (scene == null) {
                laidOut.countDown();
                return;
            }
            Runnable[] once = new Runnable[1];
            once[0] = () -> {
                scene.removePostLayoutPulseListener(once[0]);
                laidOut.countDown();
            };
            scene.addPostLayoutPulseListener(once[0]);
            javafx.application.Platform.requestNextPulse();
        });
        try {
            if (!laidOut.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("no pulse laid the window out within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Scrolls the pane a control is in until the control shows, as a user scrolls to the calls pane's last rows. */
    void reveal(String id) {
        fx(() -> {
            javafx.scene.Node node = robot.lookup("#" + id).query();
            for (javafx.scene.Parent p = node.getParent(); p != null; p = p.getParent()) {
                if (p instanceof javafx.scene.control.ScrollPane sp && sp.getContent() != null) {
                    javafx.geometry.Bounds b = sp.getContent().sceneToLocal(node.localToScene(node.getBoundsInLocal()));
                    double viewport = sp.getViewportBounds().getHeight();
                    double extra = sp.getContent().getBoundsInLocal().getHeight() - viewport;
                    double top = sp.getVvalue() * Math.max(0, extra);
                    if (extra > 0 && (b.getMinY() < top || b.getMaxY() > top + viewport)) {
                        sp.setVvalue(Math.min(1, Math.max(0, (b.getMaxY() - viewport + 8) / extra)));
                        sp.layout();
                    }
                    return;
                }
            }
        });
    }

    /**
     * Replaces a field's text: clicks into it as a user does, then puts the text in at once (typing it key by
     * key gives the same field and costs seconds per test).
     */
    void type(String id, String text) {
        reveal(id);   // a field scrolled out of the calls pane is not clicked: its point is on whatever covers it
        TextField field = robot.lookup("#" + id).queryAs(TextField.class);
        clickOn(field);
        robot.interact(() -> field.setText(text));
    }

    /** Types into a field key by key, for the tests about typing itself. */
    void typeKeys(String id, String text) {
        TextField field = robot.lookup("#" + id).queryAs(TextField.class);
        clickOn(field);
        robot.interact(field::selectAll);
        robot.type(KeyCode.BACK_SPACE);
        if (!text.isEmpty()) {
            Typing.write(robot, field.getScene(), text);
        }
        waitUntil(() -> onFx(field::getText).equals(text), () -> "#" + id + " reads '" + text + "' (it reads '" + onFx(field::getText) + "')");
    }

    /**
     * Presses a button (or toggles a toggle button) by its fx:id as a click does, through its action, without
     * moving the mouse there: the robustness suite makes hundreds of calls.
     */
    void press(String id) {
        fx(() -> robot.lookup("#" + id).queryAs(ButtonBase.class).fire());
    }

    /**
     * Makes a call with a button: first empties the outcome labels, so that {@link #expectOutcome} then reads this
     * call's outcome and not the one before (which may read the same).
     */
    void call(String buttonId) {
        clearOutcome();
        press(buttonId);
    }

    /** Presses Enter in a field whose action makes a call (the timeout's seconds), after emptying the outcome. */
    void callWithEnter(String fieldId) {
        clearOutcome();
        enter(fieldId);
    }

    /** Chooses a value that makes a call (the mode), after emptying the outcome. */
    <T> void callWithChoice(String id, T value) {
        clearOutcome();
        fx(() -> {
            @SuppressWarnings("unchecked")
            ChoiceBox<T> box = robot.lookup("#" + id).queryAs(ChoiceBox.class);
            box.setValue(value);
        });
    }

    /** Empties the outcome labels, so that the next outcome read is that of the next call. */
    void clearOutcome() {
        fx(() -> {
            robot.lookup("#outcomeLabel").queryAs(Label.class).setText("");
            robot.lookup("#outcomeCallLabel").queryAs(Label.class).setText("");
        });
    }

    /** Puts text in a field without clicking into it first. */
    void set(String id, String text) {
        fx(() -> robot.lookup("#" + id).queryAs(TextField.class).setText(text));
    }

    /** Presses Enter in a field: its action runs, as when the user presses the key. */
    void enter(String id) {
        fx(() -> {
            TextField field = robot.lookup("#" + id).queryAs(TextField.class);
            field.fireEvent(new javafx.event.ActionEvent(field, field));
        });
    }

    String text(String id) {
        return onFx(() -> robot.lookup("#" + id).queryAs(javafx.scene.control.TextInputControl.class).getText());
    }

    /**
     * Reads a value on the JavaFX thread (the scene graph is not safe to walk from another), or runs the read at
     * once when already there.
     */
    <T> T onFx(Callable<T> read) {
        try {
            if (javafx.application.Platform.isFxApplicationThread()) {
                return read.call();
            }
            return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("could not read the window", e);
        }
    }

    /**
     * Does something on the JavaFX thread and returns when it is done: quicker than the robot's interact, which
     * then waits for the thread to be idle five times over.
     */
    void fx(Runnable action) {
        onFx(() -> {
            action.run();
            return null;
        });
    }

    /**
     * The cell node a table shows under a heading in a row, as rendered (its text may differ from the cell's value,
     * e.g. the ⚠ after a local address); null when that row is not on screen.
     */
    javafx.scene.control.TableCell<?, ?> renderedCell(String tableId, int row, String heading) {
        return onFx(() -> {
            TableView<Object> table = table(tableId);
            table.layout();
            for (javafx.scene.Node n : table.lookupAll(".table-cell")) {
                if (n instanceof javafx.scene.control.TableCell<?, ?> c && c.getTableColumn() != null
                        && heading.equals(c.getTableColumn().getText()) && c.getIndex() == row && !c.isEmpty()
                        && c.isVisible() && c.getParent() != null && c.getParent().isVisible()) {
                    return c;
                }
            }
            return null;
        });
    }

    /** The Data cells of the log rows of one socket's calls whose Call cell starts with the prefix, in order. */
    List<String> logData(String socketId, String callPrefix) {
        return onFx(() -> {
            List<String> out = new java.util.ArrayList<>();
            for (int i = 0; i < rows("logTable"); i++) {
                if (cell("logTable", i, "Socket").equals(socketId) && cell("logTable", i, "Call").startsWith(callPrefix)) {
                    out.add(cell("logTable", i, "Data"));
                }
            }
            return out;
        });
    }

    <T> void choose(String id, T value) {
        @SuppressWarnings("unchecked")
        ChoiceBox<T> box = robot.lookup("#" + id).queryAs(ChoiceBox.class);
        robot.interact(() -> box.setValue(value));
    }

    /** The text of a label, a button or the status bar. */
    String label(String id) {
        return onFx(() -> {
            javafx.scene.Node node = robot.lookup("#" + id).query();
            return node instanceof org.controlsfx.control.StatusBar bar ? bar.getText()
                    : ((javafx.scene.control.Labeled) node).getText();
        });
    }

    @SuppressWarnings("unchecked")
    TableView<Object> table(String id) {
        return robot.lookup("#" + id).queryAs(TableView.class);
    }

    /** The text the cell under a column heading shows, in the given row. */
    String cell(String tableId, int row, String heading) {
        return onFx(() -> {
            TableView<Object> table = table(tableId);
            for (TableColumn<Object, ?> c : table.getColumns()) {
                if (c.getText().equals(heading)) {
                    Object v = c.getCellData(row);
                    return v == null ? "" : v.toString();
                }
            }
            throw new AssertionError("no column headed " + heading);
        });
    }

    int rows(String tableId) {
        return onFx(() -> table(tableId).getItems().size());
    }

    /** The row of a socket, found by the engine's id or by the name the Socket column shows. */
    int socketRow(String id) {
        return onFx(() -> {
            List<Object> sockets = table("socketTable").getItems();
            for (int i = 0; i < rows("socketTable"); i++) {
                if (((SocketRow) sockets.get(i)).id().equals(id) || cell("socketTable", i, "Socket").equals(id)) {
                    return i;
                }
            }
            return -1;
        });
    }

    void selectSocket(String id) {
        waitUntil(() -> socketRow(id) >= 0, "socket " + id + " is listed");
        fx(() -> table("socketTable").getSelectionModel().select(socketRow(id)));
    }

    /** The port of a socket as its Local address cell shows it (e.g. 127.0.0.1:5555 or *:5555). */
    String localPort(String id) {
        String local = cell("socketTable", socketRow(id), "Local address").split("\\s")[0];
        return local.substring(local.lastIndexOf(':') + 1);
    }

    /** Rows of the log whose Call cell starts with the given text. */
    List<Integer> logRowsWhere(String callPrefix) {
        return onFx(() -> {
            List<Integer> out = new java.util.ArrayList<>();
            for (int i = 0; i < rows("logTable"); i++) {
                if (cell("logTable", i, "Call").startsWith(callPrefix)) {
                    out.add(i);
                }
            }
            return out;
        });
    }

    /** Waits until the session has refreshed its views this many more times (each refresh is where the log follows). */
    void awaitRefreshes(org.socketplayground.ui.session.Session session, int count) {
        long[] seen = new long[] {onFx(() -> session.refreshedProperty().get()), 0};
        waitUntil(() -> {
            long now = session.refreshedProperty().get();
            if (now != seen[0]) {
                seen[0] = now;
                seen[1]++;
            }
            return seen[1] >= count;
        }, () -> count + " refreshes of the window");
    }

    void waitUntil(Callable<Boolean> condition, String what) {
        waitUntil(condition, () -> what);
    }

    /** As above, the message made when the wait fails, so that it can tell what the window shows then. */
    void waitUntil(Callable<Boolean> condition, java.util.function.Supplier<String> what) {
        try {
            // The window's lists change on the FX thread: read them there.
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
        } catch (TimeoutException e) {
            throw new AssertionError("timed out waiting until " + what.get(), e);
        }
    }

    /** Waits for the outcome label to read exactly this text. */
    void expectOutcome(String text) {
        waitUntil(() -> label("outcomeLabel").equals(text), () -> "the outcome reads " + text + " (it reads " + label("outcomeLabel") + ")");
    }

    /** As {@link #createSocket}, through the controls' actions rather than mouse clicks. */
    String newSocket(Object family, Object type) {
        int before = onFx(() -> rows("socketTable"));
        fx(() -> {
            @SuppressWarnings("unchecked")
            ChoiceBox<Object> f = robot.lookup("#familyChoice").queryAs(ChoiceBox.class);
            @SuppressWarnings("unchecked")
            ChoiceBox<Object> t = robot.lookup("#typeChoice").queryAs(ChoiceBox.class);
            f.setValue(family);
            t.setValue(type);
            robot.lookup("#createSocketButton").queryAs(ButtonBase.class).fire();
        });
        waitUntil(() -> rows("socketTable") == before + 1
                && table("socketTable").getSelectionModel().getSelectedIndex() == before, "the new socket is listed and selected");
        return onFx(() -> cell("socketTable", before, "Socket"));
    }

    /** Makes a socket with the toolbar and returns its id, once the table lists it as selected. */
    String createSocket(Object family, Object type) {
        int before = rows("socketTable");
        choose("familyChoice", family);
        choose("typeChoice", type);
        click("createSocketButton");
        waitUntil(() -> rows("socketTable") == before + 1
                && table("socketTable").getSelectionModel().getSelectedIndex() == before, "the new socket is listed and selected");
        String id = cell("socketTable", before, "Socket");
        assertNotNull(id);
        return id;
    }
}
