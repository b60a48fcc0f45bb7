package org.socketplayground.ui.views;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import org.controlsfx.control.StatusBar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.engine.Family;
import org.socketplayground.engine.SockType;
import org.socketplayground.engine.SocketEngine;
import org.socketplayground.engine.py.PyValue;
import org.socketplayground.ui.Views;
import org.socketplayground.ui.session.Session;
import org.socketplayground.ui.session.SocketRow;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * One view alone, as the issue asks: a session over a real engine, the view's FXML loaded with
 * {@link Views#load} into a fresh stage, nothing else of the window. A test drives the view by its fx:ids, acts on
 * the session or the engine for what lives in other views, waits for a condition (never a fixed time) and reads
 * back what the view shows. After each test the session closes (and with it every socket) and the stage goes; an
 * exception thrown on the JavaFX thread while the test ran fails it.
 *
 * @param <C> the view's controller
 */
abstract class OneView<C> {
    static final long TIMEOUT_SECONDS = 10;
    private static final double WIDTH = 1200;
    private static final double HEIGHT = 800;
    private static final List<Throwable> FX_ERRORS = new CopyOnWriteArrayList<>();
    private static volatile boolean catching;

    private final Class<C> viewClass;
    protected final FxRobot robot = new FxRobot();
    /** Every record the engine made (pending ones too), in the order they came. */
    protected final List<CallRecord> records = new CopyOnWriteArrayList<>();
    protected SocketEngine engine;
    protected Session session;
    protected C controller;
    protected Parent root;

    OneView(Class<C> viewClass) {
        this.viewClass = viewClass;
    }

    /** Runs before the view is loaded (the toolkit is up by then): e.g. to set the preferences it reads. */
    void beforeLoad() throws Exception {
    }

    /** Runs after the session has closed and the stage has gone: e.g. to put back what the test changed. */
    void afterClose() throws Exception {
    }

    @BeforeEach
    final void openView() throws Exception {
        FxToolkit.registerPrimaryStage();
        catchFxErrors();
        FX_ERRORS.clear();
        beforeLoad();
        engine = new SocketEngine();
        engine.addListener(records::add);
        session = new Session(engine);
        Views.Loaded<C> loaded = onFx(() -> Views.load(viewClass, session));
        root = loaded.root();
        controller = loaded.controller();
        FxToolkit.setupStage(stage -> {
            stage.setScene(new Scene(root, WIDTH, HEIGHT));
            stage.setX(0);
            stage.setY(0);
            stage.show();
            stage.toFront();
        });
        fx(session::start);
        waitUntil(() -> root.getScene() != null && root.getScene().getWindow() != null && root.getScene().getWindow().isShowing(),
                viewClass.getSimpleName() + " is on screen");
    }

    @AfterEach
    final void closeView() throws Exception {
        try {
            if (session != null) {
                fx(session::close);   // closes every socket, ends every waiting call
            }
        } finally {
            FxToolkit.cleanupStages();
            afterClose();
        }
        List<Throwable> thrown = new ArrayList<>(FX_ERRORS);
        FX_ERRORS.clear();
        assertTrue(thrown.isEmpty(), () -> "the JavaFX thread threw " + thrown);
    }

    private static void catchFxErrors() throws Exception {
        if (catching) {
            return;
        }
        catching = true;
        WaitForAsyncUtils.asyncFx(() -> {
            Thread fx = Thread.currentThread();
            Thread.UncaughtExceptionHandler previous = fx.getUncaughtExceptionHandler();
            fx.setUncaughtExceptionHandler((t, e) -> {
                FX_ERRORS.add(e);
                if (previous != null) {
                    previous.uncaughtException(t, e);
                }
            });
        }).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    // ---------------------------------------------------------------- the JavaFX thread

    /** Reads (or does) something on the JavaFX thread, at once when already there. */
    static <T> T onFx(Callable<T> read) {
        try {
            if (Platform.isFxApplicationThread()) {
                return read.call();
            }
            return WaitForAsyncUtils.asyncFx(read).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof AssertionError a ? a : new AssertionError("on the JavaFX thread: " + e.getCause(), e.getCause());
        } catch (Exception e) {
            throw new AssertionError("on the JavaFX thread: " + e, e);
        }
    }

    static void fx(Runnable action) {
        onFx(() -> {
            action.run();
            return null;
        });
    }

    /** Waits up to {@value #TIMEOUT_SECONDS} s for a condition, read on the JavaFX thread. */
    static void waitUntil(Callable<Boolean> condition, String what) {
        waitUntil(condition, () -> what);
    }

    /** As above; the message is made when the wait fails, so that it can say what the view shows then. */
    static void waitUntil(Callable<Boolean> condition, Supplier<String> what) {
        try {
            WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                    () -> Boolean.TRUE.equals(WaitForAsyncUtils.asyncFx(condition).get()));
        } catch (TimeoutException e) {
            throw new AssertionError("timed out waiting until " + what.get(), e);
        }
    }

    // ---------------------------------------------------------------- the view, by fx:id

    /** The view's node with this fx:id (the root included). */
    <T extends Node> T node(String id, Class<T> type) {
        return onFx(() -> {
            Node n = root.lookup("#" + id);
            if (n == null) {
                throw new AssertionError(viewClass.getSimpleName() + " has no #" + id);
            }
            return type.cast(n);
        });
    }

    /** What a control's tooltip says on hover, or null when it has none. */
    String tooltip(String id) {
        return onFx(() -> {
            javafx.scene.control.Tooltip tip = node(id, javafx.scene.control.Control.class).getTooltip();
            return tip == null ? null : tip.getText();
        });
    }

    /** What a label, a button, a field or the status bar reads. */
    String text(String id) {
        return onFx(() -> {
            Node n = node(id, Node.class);
            if (n instanceof StatusBar bar) {
                return bar.getText();
            }
            if (n instanceof TextInputControl field) {
                return field.getText();
            }
            return ((Labeled) n).getText();
        });
    }

    boolean disabled(String id) {
        return onFx(() -> node(id, Node.class).isDisabled());
    }

    /** Presses a button (or toggles a toggle) by its action, as a click does. */
    void press(String id) {
        fx(() -> node(id, ButtonBase.class).fire());
    }

    /** Clicks on a node with the mouse, as the user does. */
    void click(String id) {
        clickOn(node(id, Node.class));
    }

    /** A real click, the mouse put there at once: TestFX glides it there in up to 200 steps, a few hundred ms a click. */
    private void clickOn(Node node) {
        robot.robotContext().getMouseRobot().move(robot.point(node).query());
        robot.clickOn(node);
    }

    /** Clicks into a field and puts the text in at once. */
    void type(String id, String text) {
        TextInputControl field = node(id, TextInputControl.class);
        clickOn(field);
        fx(() -> field.setText(text));
    }

    /** Clicks into a field, empties it and types the text key by key. */
    void typeKeys(String id, String text) {
        TextInputControl field = node(id, TextInputControl.class);
        clickOn(field);
        fx(field::selectAll);
        robot.type(KeyCode.BACK_SPACE);
        if (!text.isEmpty()) {
            org.socketplayground.ui.Typing.write(robot, field.getScene(), text);
        }
        waitUntil(() -> field.getText().equals(text), () -> "#" + id + " reads '" + text + "' (it reads '" + field.getText() + "')");
    }

    // ---------------------------------------------------------------- tables, as rendered

    @SuppressWarnings("unchecked")
    TableView<Object> table(String id) {
        return node(id, TableView.class);
    }

    int rows(String tableId) {
        return onFx(() -> table(tableId).getItems().size());
    }

    /** The cell a table shows under a heading in a row, as drawn on screen; null while that row is not drawn. */
    TableCell<?, ?> renderedCell(String tableId, int row, String heading) {
        return onFx(() -> {
            TableView<Object> table = table(tableId);
            table.layout();
            for (Node n : table.lookupAll(".table-cell")) {
                if (n instanceof TableCell<?, ?> c && c.getTableColumn() != null && heading.equals(c.getTableColumn().getText())
                        && c.getIndex() == row && !c.isEmpty() && c.isVisible() && c.getTableRow() != null
                        && c.getTableRow().isVisible() && c.getTableRow().getIndex() == row) {
                    return c;
                }
            }
            return null;
        });
    }

    /** The text a table shows under a heading in a row; null while that row is not drawn. */
    String shown(String tableId, int row, String heading) {
        return onFx(() -> {
            TableCell<?, ?> c = renderedCell(tableId, row, heading);
            return c == null ? null : c.getText();
        });
    }

    /** A column's cells as drawn, top to bottom, for the rows the table has (null for a row not drawn). */
    List<String> shownColumn(String tableId, String heading) {
        return onFx(() -> {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < rows(tableId); i++) {
                out.add(shown(tableId, i, heading));
            }
            return out;
        });
    }

    /** The column under a heading, to check the view has it. */
    TableColumn<Object, ?> column(String tableId, String heading) {
        return onFx(() -> {
            for (TableColumn<Object, ?> c : table(tableId).getColumns()) {
                if (c.getText().equals(heading)) {
                    return c;
                }
            }
            throw new AssertionError("no column headed " + heading);
        });
    }

    // ---------------------------------------------------------------- sockets, on the engine and the session

    /** A socket made on the engine directly (as another view or a peer would), once the session lists it. */
    String socket(Family family, SockType type) {
        CallRecord made = engine.socket(family, type);
        assertFalse(made.failed(), made::toString);
        String id = ((PyValue.SocketRef) made.value()).id();
        waitUntil(() -> row(id) != null, "the session lists " + id);
        return id;
    }

    String udpSocket() {
        return socket(Family.AF_INET, SockType.SOCK_DGRAM);
    }

    /** A socket made as the toolbar makes one, through the session: the session then selects it. */
    String socketThroughSession(Family family, SockType type) {
        int before = onFx(() -> session.sockets().size());
        fx(() -> session.perform(SocketEngine.MODULE, "socket", List.of(family.constant(), type.constant())));
        waitUntil(() -> session.sockets().size() == before + 1 && session.selectedSocket() == session.sockets().get(before),
                "the session lists and selects the new socket");
        return onFx(() -> session.sockets().get(before).id());
    }

    /** Binds a socket to 127.0.0.1 and a port of the system's choosing, on the engine; returns the port. */
    long bindLoopback(String id) {
        CallRecord r = engine.call(id, "bind", SocketEngine.address("127.0.0.1", 0));
        assertFalse(r.failed(), r::toString);
        return port(id);
    }

    /** A socket's local port, as the engine knows it (no call made). */
    long port(String id) {
        PyValue.Tuple local = engine.socket(id).orElseThrow().local();
        return ((PyValue.Int) local.get(1)).value();
    }

    /** Sends a datagram on the engine and checks it went whole. */
    void sendto(String from, String data, long toPort) {
        CallRecord r = engine.call(from, "sendto", PyValue.of(data.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                SocketEngine.address("127.0.0.1", toPort));
        assertFalse(r.failed(), r::toString);
    }

    /** Receives one datagram on the engine, waiting at most a few seconds for it. */
    CallRecord recvfrom(String on) {
        assertFalse(engine.call(on, "settimeout", new PyValue.Float(5.0)).failed());
        CallRecord r = engine.call(on, "recvfrom", PyValue.of(1024));
        assertFalse(r.failed(), r::toString);
        return r;
    }

    /** The session's row of a socket, or null; on the JavaFX thread. */
    SocketRow row(String id) {
        return onFx(() -> session.sockets().stream().filter(r -> r.id().equals(id)).findFirst().orElse(null));
    }

    /** Selects a socket in the session, as the socket table would. */
    void selectInSession(String id) {
        fx(() -> session.selectSocket(id));
        waitUntil(() -> session.selectedSocket() != null && session.selectedSocket().id().equals(id), id + " is selected in the session");
    }

    /** Waits until the session has taken every call the engine finished so far (it takes them once a frame). */
    void caughtUp() {
        waitUntil(() -> session.recordsSeen() == records.stream().filter(r -> !r.isPending()).count(),
                () -> "the session takes the engine's " + records.stream().filter(r -> !r.isPending()).count()
                        + " finished calls (it took " + onFx(session::recordsSeen) + ")");
    }

    /** The finished records of a call, in order. */
    List<CallRecord> finished(String call) {
        return records.stream().filter(r -> !r.isPending() && r.call().equals(call)).toList();
    }
}
