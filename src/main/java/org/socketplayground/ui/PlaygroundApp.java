package org.socketplayground.ui;

import java.io.IOException;
import javafx.application.Application;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.socketplayground.engine.SocketEngine;
import org.socketplayground.i18n.Language;
import org.socketplayground.i18n.Texts;
import org.socketplayground.ui.session.Session;
import org.socketplayground.ui.theme.Projector;
import org.socketplayground.ui.theme.Theme;
import org.socketplayground.ui.theme.Themes;

/** Socket Playground: real sockets to click through, with Python's semantics. */
public class PlaygroundApp extends Application {
    private Session session;

    @Override
    public void start(Stage stage) throws IOException {
        Texts.use(Language.atStart());
        session = new Session(new SocketEngine());
        Theme theme = new Projector().theme();
        Themes.useUnderEveryWindow(theme);   // before the first control
        Views.Loaded<PlaygroundWindow> window = Views.load(PlaygroundWindow.class, session);
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(window.root(), Math.min(1360, screen.getWidth()), Math.min(860, screen.getHeight()));
        Themes.apply(scene, theme);
        stage.setTitle("Socket Playground");
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        stage.setScene(scene);
        stage.setOnHidden(e -> session.close());
        session.start();
        stage.show();
    }

    /** For the tests in this package: they wait on what the session has taken, not on quiet. */
    Session session() {
        return session;
    }

    @Override
    public void stop() {
        if (session != null) {
            session.close();
        }
    }

    public static void main(String[] args) {
        launch(args);
    }
}
