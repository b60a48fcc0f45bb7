package org.socketplayground.ui.widgets;

import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;

/**
 * The FXML's tooltips, made after the view's first frame. Each Tooltip is a popup window in the making, and the
 * window's eighty-odd of them were a tenth of its start; no one hovers in the first tenth of a second. The FXML gives
 * a node's tooltip as {@code <properties tip="%key"/>}.
 */
public final class LaterTips {
    /** The key, in a node's properties, of its tooltip's text. */
    public static final String TIP = "tip";

    private LaterTips() {
    }

    /** The tooltips of the view's nodes are made once the view has been shown in a frame. */
    public static void afterFirstFrame(Parent root) {
        List<Node> tipped = new ArrayList<>();
        FxmlTree.forEach(root, node -> {
            if (node.hasProperties() && node.getProperties().get(TIP) instanceof String) {
                tipped.add(node);
            }
        });
        if (tipped.isEmpty()) {
            return;
        }
        OnScene.once(root, scene -> {
            Runnable[] once = new Runnable[1];
            once[0] = () -> {
                scene.removePostLayoutPulseListener(once[0]);
                Platform.runLater(() -> tipped.forEach(LaterTips::make));
            };
            scene.addPostLayoutPulseListener(once[0]);
        });
    }

    /** The node's tooltip, made now from its FXML text if it has one and has not been given its tooltip yet. */
    public static Tooltip tooltipOf(Control control) {
        make(control);
        return control.getTooltip();
    }

    /** Makes the node's tooltip from its FXML text, unless it has one already; once. */
    private static void make(Node node) {
        Object text = node.getProperties().remove(TIP);
        if (!(text instanceof String tip)) {
            return;
        }
        if (node instanceof Control control) {
            if (control.getTooltip() == null) {
                control.setTooltip(new Tooltip(tip));
            }
        } else {
            Tooltip.install(node, new Tooltip(tip));
        }
    }
}
