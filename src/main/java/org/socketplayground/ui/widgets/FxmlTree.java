package org.socketplayground.ui.widgets;

import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Control;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TabPane;
import org.controlsfx.control.StatusBar;

/**
 * The nodes a view's FXML made, as they are right after loading: before the skins exist, a split pane's items, a
 * scroll pane's content, a tab's content and a status bar's items are not yet children of anything.
 */
public final class FxmlTree {
    private FxmlTree() {
    }

    /** Visits the node and every node under it, the inside of controls other than those containers excepted. */
    public static void forEach(Node node, Consumer<Node> visit) {
        visit.accept(node);
        if (node instanceof SplitPane split) {
            split.getItems().forEach(n -> forEach(n, visit));
        } else if (node instanceof ScrollPane scroll && scroll.getContent() != null) {
            forEach(scroll.getContent(), visit);
        } else if (node instanceof TabPane tabs) {
            tabs.getTabs().stream().filter(t -> t.getContent() != null).forEach(t -> forEach(t.getContent(), visit));
        } else if (node instanceof StatusBar bar) {
            bar.getLeftItems().forEach(n -> forEach(n, visit));
            bar.getRightItems().forEach(n -> forEach(n, visit));
        } else if (node instanceof Parent parent && !(node instanceof Control)) {
            parent.getChildrenUnmodifiable().forEach(n -> forEach(n, visit));
        }
    }
}
