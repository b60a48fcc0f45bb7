package org.socketplayground.ui;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.binding.BooleanExpression;
import javafx.beans.value.ObservableValue;
import javafx.fxml.FXML;
import javafx.scene.Scene;
import javafx.stage.Window;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Region;
import org.socketplayground.ui.code.CodeView;
import org.socketplayground.ui.diagram.DiagramView;
import org.socketplayground.ui.session.Session;
import org.socketplayground.ui.system.MachineView;
import org.socketplayground.ui.system.SystemView;
import org.socketplayground.ui.widgets.KeepWhole;
import org.socketplayground.ui.widgets.OnScene;
import org.socketplayground.ui.widgets.Shortcuts;

/**
 * The window's frame: it places the views (toolbar, sockets, calls, log, lesson, Python, diagram, details, system, status) and
 * decides only what belongs to the frame itself — the text size of the whole window and which tab is in front.
 */
public final class PlaygroundWindow {
    private final Session session;
    @FXML private BorderPane root;
    @FXML private TabPane codeTabs;
    @FXML private Tab lessonTab;
    @FXML private Tab pythonTab;
    @FXML private CodeView codeController;
    @FXML private Tab systemTab;
    @FXML private SystemView systemController;
    @FXML private Tab machineTab;
    @FXML private MachineView machineController;
    @FXML private Tab diagramTab;
    @FXML private DiagramView diagramController;

    public PlaygroundWindow(Session session) {
        this.session = session;
    }

    @FXML
    private void initialize() {
        KeepWhole.apply(root);
        session.fontSizeProperty().addListener((o, was, now) -> zoom(now.intValue()));
        zoom(session.fontSizeProperty().get());
        session.lessonProperty().addListener((o, was, now) -> {
            if (now != null) {
                codeTabs.getSelectionModel().select(lessonTab);
            }
        });
        codeController.shownProperty().bind(pythonTab.selectedProperty());
        // Read the machine's sockets only while their tab is in front of a window that shows.
        ObservableValue<Boolean> showing = root.sceneProperty().flatMap(Scene::windowProperty).flatMap(Window::showingProperty)
                .orElse(false);
        systemController.shownProperty().bind(systemTab.selectedProperty().and(BooleanExpression.booleanExpression(showing)));
        machineController.shownProperty().bind(machineTab.selectedProperty().and(BooleanExpression.booleanExpression(showing)));
        diagramController.shownProperty().bind(diagramTab.selectedProperty().and(BooleanExpression.booleanExpression(showing)));
        // Quitting closes the window, and with it every socket and thread (the application's onHidden).
        Shortcuts.install(root, Map.of(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN),
                () -> root.getScene().getWindow().hide()));
        keepTheFrontTabWhole();
        joinTheTabsBehindAfterTheFirstFrame();
    }

    /**
     * Start-up: the tabs not in front join the window after its first frame, one a pulse, or at once when chosen. Their
     * styling, skins and layout were a third of the first frame's work; the FXML and controllers are made with the
     * rest, so that every view follows the session from the start. They leave when the window gets its scene, not
     * before: until then the whole view is there for whoever looks through it (its FXML's tooltips are found so).
     */
    private void joinTheTabsBehindAfterTheFirstFrame() {
        Map<Tab, Node> behind = new LinkedHashMap<>();
        Consumer<Tab> join = tab -> {
            Node content = behind.remove(tab);
            if (content != null) {
                tab.setContent(content);
            }
        };
        codeTabs.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> join.accept(now));
        OnScene.once(root, scene -> {
            Tab front = codeTabs.getSelectionModel().getSelectedItem();
            for (Tab tab : codeTabs.getTabs()) {
                if (tab != front && tab.getContent() != null) {
                    behind.put(tab, tab.getContent());
                    tab.setContent(null);
                }
            }
            Runnable[] afterEachFrame = new Runnable[1];
            afterEachFrame[0] = () -> Platform.runLater(() -> {
                if (behind.isEmpty()) {
                    scene.removePostLayoutPulseListener(afterEachFrame[0]);
                } else {
                    join.accept(behind.keySet().iterator().next());
                    Platform.requestNextPulse();   // the next tab joins after the next frame, even if nothing else asks
                }
            });
            scene.addPostLayoutPulseListener(afterEachFrame[0]);
        });
    }

    /**
     * The tab pane is as tall as the tab in front needs at the least (the lesson: six lines of its step, its status and
     * buttons), so that the window's split gives it that height before the panes above; a tab pane does not ask for
     * its content's least height of itself. Worked out again after the tab lays itself out anew (a longer step, a
     * zoom, a narrower window), outside the layout pass, so that the split learns of it.
     */
    private void keepTheFrontTabWhole() {
        Runnable fit = () -> {
            Tab front = codeTabs.getSelectionModel().getSelectedItem();
            if (!(front != null && front.getContent() instanceof Region content)) {
                return;
            }
            Node header = codeTabs.lookup(".tab-header-area");
            double need = (header == null ? 0 : header.prefHeight(-1)) + codeTabs.snappedTopInset() + codeTabs.snappedBottomInset()
                    + content.minHeight(content.getWidth() > 0 ? content.getWidth() : -1);
            if (Math.abs(codeTabs.getMinHeight() - need) > 0.5) {
                codeTabs.setMinHeight(need);
            }
        };
        for (Tab tab : codeTabs.getTabs()) {
            ((Parent) tab.getContent()).needsLayoutProperty().addListener((o, was, now) -> {
                if (!now) {
                    Platform.runLater(fit);
                }
            });
        }
        codeTabs.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> Platform.runLater(fit));
        session.fontSizeProperty().addListener((o, was, now) -> Platform.runLater(fit));
    }

    private void zoom(int px) {
        root.setStyle("-fx-font-size: " + px + "px;");
    }
}
