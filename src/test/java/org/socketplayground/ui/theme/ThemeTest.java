package org.socketplayground.ui.theme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.prefs.Preferences;
import javafx.application.Application;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.socketplayground.ui.Frames;
import org.socketplayground.ui.PlaygroundApp;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole window in each theme, with a socket and a row in the log: it lays out without a single CSS warning
 * (a Modena lookup such as -fx-base does not exist under AtlantaFX and only shows as "Could not resolve" in the
 * log), and each theme really paints what it promises.
 */
class ThemeTest {
    /** JavaFX's CSS logger: com.sun.javafx.util.Logging.getCSSLogger(), a System.Logger that lands in JUL. */
    private static final Logger CSS_LOGGER = Logger.getLogger("javafx.css");
    private static final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    private static final Handler CATCHER = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(record.getLevel() + ": " + String.format(record.getMessage(),
                        record.getParameters() == null ? new Object[0] : record.getParameters()));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private static final Preferences PREFS = Preferences.userRoot().node("/org/socketplayground/ui");
    private static String savedTheme;
    private static boolean savedHighContrast;
    private static int savedFontSize;

    private final Projector projector = new Projector();
    private final FxRobot robot = new FxRobot();
    private Application app;

    @BeforeAll
    static void catchCssWarnings() {
        CSS_LOGGER.addHandler(CATCHER);
        CSS_LOGGER.setLevel(Level.ALL);
        savedTheme = PREFS.get("theme", null);
        savedHighContrast = PREFS.getBoolean("highContrast", false);
        savedFontSize = PREFS.getInt("fontSize", Projector.DEFAULT_SIZE);
    }

    /** The tests change the remembered theme and size: a teacher's own settings come back afterwards. */
    @AfterAll
    static void restore() {
        CSS_LOGGER.removeHandler(CATCHER);
        if (savedTheme == null) {
            PREFS.remove("theme");
        } else {
            PREFS.put("theme", savedTheme);
        }
        PREFS.putBoolean("highContrast", savedHighContrast);
        PREFS.putInt("fontSize", savedFontSize);
    }

    @BeforeEach
    void noWarningsYet() throws Exception {
        FxToolkit.registerPrimaryStage();
        warnings.clear();
    }

    @AfterEach
    void closeWindow() throws Exception {
        FxToolkit.cleanupStages();
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
    }

    /** The catcher itself: a sheet with a Modena lookup, on a scene of its own, must show up as a warning. */
    @Test
    void theCatcherSeesABadLookup(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.css");
        Files.writeString(bad, ".deliberately-bad-lookup { -fx-background-color: -fx-base; }\n");
        robot.interact(() -> Themes.apply(new Scene(new StackPane()), Theme.LIGHT));
        Stage stage = FxToolkit.registerStage(Stage::new);
        robot.interact(() -> {
            Region region = new Region();
            region.getStyleClass().add("deliberately-bad-lookup");
            Scene scene = new Scene(new StackPane(region), 100, 100);
            scene.getStylesheets().add(bad.toUri().toString());
            stage.setScene(scene);
            stage.show();
            region.applyCss();
        });
        Frames.await(stage.getScene(), 1);
        assertTrue(warnings.stream().anyMatch(w -> w.contains("deliberately-bad-lookup") || w.contains("-fx-base")),
                "the bad lookup is caught: " + warnings);
    }

    @ParameterizedTest
    @EnumSource(Theme.class)
    void theWindowShowsWithoutACssWarning(Theme theme) throws Exception {
        Parent root = openWith(theme, Projector.DEFAULT_SIZE);
        Color background = rootBackground(root);
        Color text = onFx(this::paneTitleColour);
        switch (theme) {
            case LIGHT -> {
                assertTrue(background.getBrightness() > 0.95, "light: a white window, not " + background);
                assertTrue(text.getBrightness() < 0.3, "light: dark text, not " + text);
            }
            case DARK -> {
                assertTrue(background.getBrightness() < 0.15, "dark: a dark window, not " + background);
                assertNotEquals(Color.BLACK, background, "dark is Primer Dark, not the projector's black");
                assertTrue(text.getBrightness() > 0.7, "dark: light text, not " + text);
            }
            case HIGH_CONTRAST -> {
                assertEquals(Color.BLACK, background, "high contrast: black");
                assertEquals(Color.WHITE, text, "high contrast: white text");
            }
        }
        assertEquals(theme == Theme.DARK, toggle("#darkToggle").isSelected());
        assertEquals(theme == Theme.HIGH_CONTRAST, toggle("#contrastToggle").isSelected());
        List<String> sheets = root.getScene().getStylesheets();
        assertTrue(sheets.get(0).endsWith("/playground.css"), sheets.toString());
        assertEquals(theme == Theme.HIGH_CONTRAST ? 2 : 1, sheets.size(), sheets.toString());
        assertTrue(Application.getUserAgentStylesheet().contains(theme == Theme.LIGHT ? "primer-light" : "primer-dark"),
                Application.getUserAgentStylesheet());
        assertEquals(List.of(), distinctWarnings(), "CSS warnings in " + theme);
    }

    /** Zoomed for the projector: the text and AtlantaFX's controls grow with it, still without a warning. */
    @Test
    void aZoomedWindowScalesItsControls() throws Exception {
        int size = 20;
        Parent root = openWith(Theme.DARK, size);
        assertTrue(root.getStyle().contains(size + "px"), root.getStyle());
        Button bind = robot.lookup("#bindButton").queryAs(Button.class);
        assertEquals(size, bind.getFont().getSize(), 0.01, "the buttons' text follows the zoom");
        // AtlantaFX pads its buttons in px; ours are in em, so they grow with the text
        assertEquals(0.333 * size, bind.getPadding().getTop(), 0.2, "a button's padding follows the zoom");
        TextField port = robot.lookup("#portField").queryAs(TextField.class);
        assertEquals(size, port.getFont().getSize(), 0.01);
        assertTrue(port.getHeight() >= 1.8 * size, "a field is as tall as its text: " + port.getHeight());
        TableView<?> log = robot.lookup("#logTable").queryAs(TableView.class);
        double header = onFx(() -> log.lookupAll(".column-header").stream()
                .mapToDouble(n -> ((Region) n).getHeight()).max().orElse(0));
        assertTrue(header >= 2 * size, "the table's header grows with the zoom: " + header);
        assertEquals(List.of(), distinctWarnings(), "CSS warnings at " + size + "px");
    }

    /** Dark and High contrast are exclusive toggles; neither is Light; each applies at once and is remembered. */
    @Test
    void theTogglesSwitchTheThemeAtOnceAndRememberIt() throws Exception {
        Parent root = openWith(Theme.LIGHT, Projector.DEFAULT_SIZE);
        ToggleButton dark = toggle("#darkToggle");
        ToggleButton contrast = toggle("#contrastToggle");
        Color light = rootBackground(root);

        robot.clickOn(dark);
        waitUntil(() -> new Projector().theme() == Theme.DARK, "Dark is remembered");
        Color dim = rootBackground(root);
        assertNotEquals(light, dim, "Dark repaints the window at once");

        robot.clickOn(contrast);
        waitUntil(() -> new Projector().theme() == Theme.HIGH_CONTRAST, "High contrast is remembered");
        assertFalse(dark.isSelected(), "High contrast deselects Dark");
        assertEquals(Color.BLACK, rootBackground(root));
        assertEquals(2, root.getScene().getStylesheets().size());

        robot.clickOn(contrast);
        waitUntil(() -> new Projector().theme() == Theme.LIGHT, "neither selected is Light");
        assertEquals(light, rootBackground(root));
        assertEquals(1, root.getScene().getStylesheets().size());
        assertEquals(List.of(), distinctWarnings(), "CSS warnings while switching");
    }

    /** Themes.apply twice with the same theme changes nothing; the old boolean setting reads as high contrast. */
    @Test
    void applyIsIdempotentAndTheOldSettingSurvives() throws Exception {
        Scene scene = onFx(() -> new Scene(new StackPane()));
        robot.interact(() -> {
            Themes.apply(scene, Theme.HIGH_CONTRAST);
            List<String> once = List.copyOf(scene.getStylesheets());
            Themes.apply(scene, Theme.HIGH_CONTRAST);
            assertEquals(once, scene.getStylesheets());
            Themes.apply(scene, Theme.LIGHT);
            assertEquals(once.subList(0, 1), scene.getStylesheets());
        });
        PREFS.remove("theme");
        PREFS.putBoolean("highContrast", true);
        assertEquals(Theme.HIGH_CONTRAST, projector.theme(), "a teacher's high-contrast setting survives");
        PREFS.putBoolean("highContrast", false);
        assertEquals(Theme.LIGHT, projector.theme());
        projector.setTheme(Theme.HIGH_CONTRAST);
        assertTrue(PREFS.getBoolean("highContrast", false), "kept in step for an older version");
        projector.setTheme(Theme.DARK);
        assertEquals(Theme.DARK, projector.theme());
        assertFalse(PREFS.getBoolean("highContrast", true));
    }

    // ---------------------------------------------------------------- helpers

    /** Opens the whole window with a remembered theme and size, and gives it content: a socket, a log row, a lesson. */
    private Parent openWith(Theme theme, int fontSize) throws Exception {
        projector.setTheme(theme);
        PREFS.putInt("fontSize", fontSize);
        app = FxToolkit.setupApplication(PlaygroundApp::new);
        Parent root = robot.lookup("#root").queryAs(Parent.class);
        robot.clickOn("#createSocketButton");
        TableView<?> sockets = robot.lookup("#socketTable").queryAs(TableView.class);
        TableView<?> log = robot.lookup("#logTable").queryAs(TableView.class);
        waitUntil(() -> !sockets.getItems().isEmpty() && !log.getItems().isEmpty(), "a socket and its log row");
        robot.interact(() -> {
            sockets.getSelectionModel().select(0);
            log.getSelectionModel().select(0);
            // a field that cannot become a call wears the validation's red frame
            robot.lookup("#portField").queryAs(TextField.class).setText("abc");
            // Show me's highlight on the button it is about to press, and the status while a step plays
            robot.lookup("#bindButton").query().getStyleClass().add("demo-press");
            robot.lookup("#lessonStatus").query().getStyleClass().add("playing");
            @SuppressWarnings("unchecked")
            ComboBox<Object> lessons = robot.lookup("#lessonChoice").queryAs(ComboBox.class);
            lessons.getSelectionModel().select(0);
        });
        TabPane tabs = robot.lookup("#codeTabs").queryAs(TabPane.class);
        for (int i = tabs.getTabs().size() - 1; i >= 0; i--) {
            int tab = i;
            robot.interact(() -> tabs.getSelectionModel().select(tab));
            Frames.await(root.getScene(), 1);   // the tab drawn in its theme
        }
        robot.interact(() -> {
            root.applyCss();
            root.layout();
        });
        Frames.await(root.getScene(), 2);
        return root;
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> task) {
        try {
            return WaitForAsyncUtils.asyncFx(task).get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof AssertionError failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Each warning once: a bad rule warns for every node it styles. */
    private static List<String> distinctWarnings() {
        synchronized (warnings) {
            return List.copyOf(new java.util.LinkedHashSet<>(warnings));
        }
    }

    private static Color rootBackground(Parent root) {
        return onFx(() -> fill((Region) root));
    }

    private static Color fill(Region region) {
        assertTrue(region.getBackground() != null && !region.getBackground().getFills().isEmpty(),
                "the window paints a background");
        return (Color) region.getBackground().getFills().get(0).getFill();
    }

    private Color paneTitleColour() {
        Label title = robot.lookup(".pane-title").queryAs(Label.class);
        return (Color) title.getTextFill();
    }

    private ToggleButton toggle(String query) {
        return robot.lookup(query).queryAs(ToggleButton.class);
    }

    /** Waits for the condition, then for the window to style and lay out two frames after it (a theme applies in a frame). */
    private void waitUntil(BooleanSupplier condition, String what) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting: " + what);
        }
        Frames.await(robot.lookup("#root").query().getScene(), 2);
    }
}
