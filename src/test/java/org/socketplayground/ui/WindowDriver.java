package org.socketplayground.ui;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Drives the playground window as a student does: by its fx:ids, and reads back what the window shows. */
final class WindowDriver {
    private final FxRobot robot;

    WindowDriver(FxRobot robot) {
        this.robot = robot;
    }

    void click(String id) {
        robot.clickOn("#" + id);
    }

    /**
     * Replaces a field's text: clicks into it as a user does, then puts the text in at once (typing it key by
     * key gives the same field and costs seconds per test).
     */
    void type(String id, String text) {
        TextField field = robot.lookup("#" + id).queryAs(TextField.class);
        robot.clickOn(field);
        robot.interact(() -> field.setText(text));
    }

    /** Types into a field key by key, for the tests about typing itself. */
    void typeKeys(String id, String text) {
        TextField field = robot.lookup("#" + id).queryAs(TextField.class);
        robot.clickOn(field);
        robot.interact(field::selectAll);
        robot.type(KeyCode.BACK_SPACE);
        if (!text.isEmpty()) {
            robot.write(text);
        }
    }

    <T> void choose(String id, T value) {
        @SuppressWarnings("unchecked")
        ChoiceBox<T> box = robot.lookup("#" + id).queryAs(ChoiceBox.class);
        robot.interact(() -> box.setValue(value));
    }

    String label(String id) {
        return robot.lookup("#" + id).queryAs(Label.class).getText();
    }

    @SuppressWarnings("unchecked")
    TableView<Object> table(String id) {
        return robot.lookup("#" + id).queryAs(TableView.class);
    }

    /** The text the cell under a column heading shows, in the given row. */
    String cell(String tableId, int row, String heading) {
        TableView<Object> table = table(tableId);
        for (TableColumn<Object, ?> c : table.getColumns()) {
            if (c.getText().equals(heading)) {
                Object v = c.getCellData(row);
                return v == null ? "" : v.toString();
            }
        }
        throw new AssertionError("no column headed " + heading);
    }

    int rows(String tableId) {
        return table(tableId).getItems().size();
    }

    /** The index of the socket table row whose Socket cell reads id. */
    int socketRow(String id) {
        for (int i = 0; i < rows("socketTable"); i++) {
            if (cell("socketTable", i, "Socket").equals(id)) {
                return i;
            }
        }
        return -1;
    }

    void selectSocket(String id) {
        waitUntil(() -> socketRow(id) >= 0, "socket " + id + " is listed");
        int row = socketRow(id);
        robot.interact(() -> table("socketTable").getSelectionModel().select(row));
    }

    /** The port of a socket as its Local address cell shows it (e.g. 127.0.0.1:5555 or *:5555). */
    String localPort(String id) {
        String local = cell("socketTable", socketRow(id), "Local address").split("\\s")[0];
        return local.substring(local.lastIndexOf(':') + 1);
    }

    /** Rows of the log whose Call cell starts with the given text. */
    List<Integer> logRowsWhere(String callPrefix) {
        List<Integer> out = new java.util.ArrayList<>();
        for (int i = 0; i < rows("logTable"); i++) {
            if (cell("logTable", i, "Call").startsWith(callPrefix)) {
                out.add(i);
            }
        }
        return out;
    }

    void waitUntil(Callable<Boolean> condition, String what) {
        try {
            // The window's lists change on the FX thread: read them there.
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
        } catch (TimeoutException e) {
            throw new AssertionError("timed out waiting until " + what, e);
        }
    }

    /** Waits for the outcome label to read exactly this text. */
    void expectOutcome(String text) {
        waitUntil(() -> label("outcomeLabel").equals(text), "the outcome reads " + text + " (it reads " + label("outcomeLabel") + ")");
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
