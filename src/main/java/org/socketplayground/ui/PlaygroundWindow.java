package org.socketplayground.ui;

import java.util.Map;
import javafx.fxml.FXML;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import org.socketplayground.ui.code.CodeView;
import org.socketplayground.ui.session.Session;
import org.socketplayground.ui.widgets.KeepWhole;
import org.socketplayground.ui.widgets.Shortcuts;

/**
 * The window's frame: it places the views (toolbar, sockets, calls, log, lesson, Python, details, status) and
 * decides only what belongs to the frame itself — the text size of the whole window and which tab is in front.
 */
public final class PlaygroundWindow {
    private final Session session;
    @FXML private BorderPane root;
    @FXML private TabPane codeTabs;
    @FXML private Tab lessonTab;
    @FXML private Tab pythonTab;
    @FXML private CodeView codeController;

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
        // Quitting closes the window, and with it every socket and thread (the application's onHidden).
        Shortcuts.install(root, Map.of(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN),
                () -> root.getScene().getWindow().hide()));
    }

    private void zoom(int px) {
        root.setStyle("-fx-font-size: " + px + "px;");
    }
}
