package org.socketplayground.ui;

import java.io.IOException;
import java.net.URL;
import java.util.Objects;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import org.socketplayground.i18n.Texts;
import org.socketplayground.ui.session.Session;
import org.socketplayground.ui.widgets.LaterTips;

/**
 * Loads a view: the FXML beside its controller class, of the same name (as Scene Builder lays them out), its words
 * (%key) from {@link Texts} in the language in use. Every controller, the included views' too, is made with the
 * session, so that each view can also be loaded alone.
 */
public final class Views {
    private Views() {
    }

    /** A loaded view: its root node and its controller. */
    public record Loaded<C>(Parent root, C controller) {
    }

    public static <C> Loaded<C> load(Class<C> view, Session session) throws IOException {
        URL fxml = Objects.requireNonNull(view.getResource(view.getSimpleName() + ".fxml"), view.getSimpleName() + ".fxml");
        FXMLLoader loader = new FXMLLoader(fxml, Texts.bundle());
        loader.setControllerFactory(type -> {
            try {
                return type.getConstructor(Session.class).newInstance(session);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("a view's controller takes the session: " + type.getName(), e);
            }
        });
        Parent root = loader.load();
        LaterTips.afterFirstFrame(root);
        return new Loaded<>(root, view.cast(loader.getController()));
    }
}
