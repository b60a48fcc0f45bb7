package org.socketplayground.ui;

import java.io.IOException;
import javafx.application.Application;
import javafx.fxml.FXMLLoader;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.socketplayground.engine.SocketEngine;
import org.socketplayground.ui.theme.Projector;
import org.socketplayground.ui.theme.Themes;

/** Socket Playground: real sockets to click through, with Python's semantics. */
public class PlaygroundApp extends Application {
    private PlaygroundController controller;

    @Override
    public void start(Stage stage) throws IOException {
        SocketEngine engine = new SocketEngine();
        FXMLLoader loader = new FXMLLoader(PlaygroundApp.class.getResource("Playground.fxml"));
        loader.setControllerFactory(type -> new PlaygroundController(engine));
        Parent root = loader.load();
        controller = loader.getController();
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(root, Math.min(1360, screen.getWidth()), Math.min(860, screen.getHeight()));
        Themes.apply(scene, new Projector().theme());
        stage.setTitle("Socket Playground");
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        stage.setScene(scene);
        stage.setOnHidden(e -> controller.dispose());
        stage.show();
    }

    @Override
    public void stop() {
        if (controller != null) {
            controller.dispose();
        }
    }

    public static void main(String[] args) {
        launch(args);
    }
}
