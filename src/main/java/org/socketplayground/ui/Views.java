package org.socketplayground.ui;

import java.io.IOException;
import java.net.URL;
import java.util.Objects;
import java.util.ResourceBundle;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import org.socketplayground.ui.session.Session;

/**
 * Loads a view: the FXML beside its controller class, of the same name (as Scene Builder lays them out). Every
 * controller, the included views' too, is made with the session, so that each view can also be loaded alone.
 */
public final class Views {
    private Views() {
    }

    /** A loaded view: its root node and its controller. */
    public record Loaded<C>(Parent root, C controller) {
    }

    /** The words the views' FXML shows (%key), from messages.properties beside them; the included views share them. */
    public static ResourceBundle texts() {
        return ResourceBundle.getBundle("org.socketplayground.ui.messages");
    }

    public static <C> Loaded<C> load(Class<C> view, Session session) throws IOException {
        URL fxml = Objects.requireNonNull(view.getResource(view.getSimpleName() + ".fxml"), view.getSimpleName() + ".fxml");
        FXMLLoader loader = new FXMLLoader(fxml, texts());
        loader.setControllerFactory(type -> {
            try {
                return type.getConstructor(Session.class).newInstance(session);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("a view's controller takes the session: " + type.getName(), e);
            }
        });
        Parent root = loader.load();
        return new Loaded<>(root, view.cast(loader.getController()));
    }
}
