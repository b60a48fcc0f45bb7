package org.socketplayground.ui.widgets;

import java.util.Map;
import javafx.scene.Node;
import javafx.scene.input.KeyCombination;

/** Each view brings its own keyboard shortcuts to the window it is shown in. */
public final class Shortcuts {
    private Shortcuts() {
    }

    /** Installs the keys on the node's scene as soon as it has one (and on a new scene, should it move). */
    public static void install(Node node, Map<KeyCombination, Runnable> keys) {
        if (node.getScene() != null) {
            node.getScene().getAccelerators().putAll(keys);
        }
        node.sceneProperty().addListener((o, was, scene) -> {
            if (was != null) {
                keys.keySet().forEach(was.getAccelerators()::remove);
            }
            if (scene != null) {
                scene.getAccelerators().putAll(keys);
            }
        });
    }
}
