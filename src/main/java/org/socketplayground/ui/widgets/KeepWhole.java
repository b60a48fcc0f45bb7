package org.socketplayground.ui.widgets;

import javafx.scene.Node;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;

/**
 * Buttons, choices and one-line labels keep their whole text at any zoom: a pane scrolls rather than show "b..." for
 * bind(). Lines that wrap, and labels that may shrink on purpose (a min width set in the FXML), are left as they are.
 */
public final class KeepWhole {
    private KeepWhole() {
    }

    public static void apply(Node root) {
        FxmlTree.forEach(root, node -> {
            if (node instanceof ButtonBase || node instanceof ChoiceBox<?>
                    || node instanceof Label label && !label.isWrapText() && label.getMinWidth() == Region.USE_COMPUTED_SIZE) {
                ((Region) node).setMinWidth(Region.USE_PREF_SIZE);
            }
        });
    }
}
