package org.socketplayground.ui.widgets;

import java.util.function.Consumer;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.Scene;

/** Once a node is in a scene: for what a view does when its window is about to show, not while it is being made. */
public final class OnScene {
    private OnScene() {
    }

    /** Runs the action once, with the first scene the node is put in (at once if it is in one already). */
    public static void once(Node node, Consumer<Scene> action) {
        if (node.getScene() != null) {
            action.accept(node.getScene());
            return;
        }
        node.sceneProperty().addListener(new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends Scene> o, Scene was, Scene scene) {
                if (scene != null) {
                    node.sceneProperty().removeListener(this);
                    action.accept(scene);
                }
            }
        });
    }
}
