package org.socketplayground.ui.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.beans.binding.StringBinding;
import java.util.Map;
import java.util.prefs.Preferences;
import javafx.application.Application;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.socketplayground.engine.Family;
import org.socketplayground.engine.SockType;
import org.socketplayground.engine.SocketInfo;
import org.socketplayground.engine.SocketState;
import org.socketplayground.lessons.Lesson;
import org.socketplayground.lessons.LessonLibrary;
import org.socketplayground.ui.session.SocketRow;
import org.socketplayground.ui.theme.Projector;
import org.socketplayground.ui.theme.Theme;
import org.socketplayground.ui.toolbar.ToolbarView;

/**
 * The toolbar alone: socket() makes sockets of the chosen kind, the lesson list starts lessons, a built-in peer
 * starts, and the projector's text size and theme change. The text size and theme are preferences shared with
 * the other tests: each test starts from the default and puts back what was there.
 */
class ToolbarViewTest extends OneView<ToolbarView> {
    private static final String NODE = "/org/socketplayground/ui";
    private static final String[] KEYS = {"fontSize", "theme", "highContrast"};
    private final Map<String, String> saved = new HashMap<>();
    private String userAgent;

    ToolbarViewTest() {
        super(ToolbarView.class);
    }

    @Override
    void beforeLoad() throws Exception {
        Preferences prefs = Preferences.userRoot().node(NODE);
        for (String key : KEYS) {
            saved.put(key, prefs.get(key, null));
        }
        userAgent = onFx(Application::getUserAgentStylesheet);
        prefs.putInt("fontSize", Projector.DEFAULT_SIZE);
        prefs.put("theme", Theme.LIGHT.name());
        prefs.putBoolean("highContrast", false);
    }

    /** After the stage has gone: the app's sheets must not meet the default stylesheet on a scene still shown. */
    @Override
    void afterClose() throws Exception {
        Preferences prefs = Preferences.userRoot().node(NODE);
        for (String key : KEYS) {
            String value = saved.get(key);
            if (value == null) {
                prefs.remove(key);
            } else {
                prefs.put(key, value);
            }
        }
        prefs.flush();
        fx(() -> Application.setUserAgentStylesheet(userAgent));   // the theme's stylesheet is the whole app's
    }

    @Test
    void socketMakesASocketOfTheChosenFamilyAndTypeAndCtrlNAnother() {
        @SuppressWarnings("unchecked")
        ChoiceBox<SockType> type = node("typeChoice", ChoiceBox.class);
        assertEquals(Family.AF_INET, onFx(() -> node("familyChoice", ChoiceBox.class).getValue()));
        assertEquals(SockType.SOCK_DGRAM, onFx(type::getValue));
        fx(() -> type.setValue(SockType.SOCK_STREAM));
        click("createSocketButton");
        waitUntil(() -> session.sockets().size() == 1 && session.selectedSocket() == session.sockets().get(0),
                "the new socket is listed and selected in the session");
        SocketInfo made = onFx(() -> session.sockets().get(0).info());
        assertEquals(Family.AF_INET, made.family());
        assertEquals(SockType.SOCK_STREAM, made.type());
        assertEquals(SocketState.NEW, engine.socket(made.id()).orElseThrow().state());

        fx(() -> type.setValue(SockType.SOCK_DGRAM));
        robot.press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);
        waitUntil(() -> session.sockets().size() == 2, "Ctrl+N makes a second socket");
        SocketRow second = onFx(() -> session.sockets().get(1));
        assertEquals(SockType.SOCK_DGRAM, second.info().type());
        assertEquals("UDP IPv4", onFx(() -> second.typeProperty().get()));
    }

    @Test
    void theZoomButtonsAndCtrl0SetTheSessionsTextSizeAndRememberIt() {
        assertEquals(Projector.DEFAULT_SIZE, (int) onFx(() -> session.fontSizeProperty().get()), "the size the preferences hold");
        press("zoomInButton");
        waitUntil(() -> session.fontSizeProperty().get() == 16, () -> "A+ makes the text one step larger (" + session.fontSizeProperty().get() + ")");
        press("zoomInButton");
        waitUntil(() -> session.fontSizeProperty().get() == 18, "and another step");
        assertEquals(18, new Projector().fontSize(), "the size is remembered");
        press("zoomOutButton");
        waitUntil(() -> session.fontSizeProperty().get() == 16, "A− makes it one step smaller");

        robot.press(KeyCode.CONTROL, KeyCode.DIGIT0).release(KeyCode.DIGIT0, KeyCode.CONTROL);
        waitUntil(() -> session.fontSizeProperty().get() == Projector.DEFAULT_SIZE, "Ctrl+0 resets the size");
        assertEquals(Projector.DEFAULT_SIZE, new Projector().fontSize());
    }

    @Test
    void darkAndHighContrastExcludeEachOtherAndDressTheScene() {
        ToggleButton dark = node("darkToggle", ToggleButton.class);
        ToggleButton contrast = node("contrastToggle", ToggleButton.class);
        assertFalse(onFx(dark::isSelected) || onFx(contrast::isSelected), "light: neither is down");
        assertFalse(onFx(() -> root.getScene().getStylesheets().stream().anyMatch(s -> s.endsWith("high-contrast.css"))));

        click("darkToggle");
        waitUntil(() -> dark.isSelected() && Theme.DARK == new Projector().theme(), "Dark is chosen and remembered");
        assertEquals(new atlantafx.base.theme.PrimerDark().getUserAgentStylesheet(), onFx(Application::getUserAgentStylesheet),
                "the dark stylesheet is on");

        click("contrastToggle");
        waitUntil(() -> contrast.isSelected() && !dark.isSelected(), "High contrast releases Dark");
        assertEquals(Theme.HIGH_CONTRAST, new Projector().theme());
        assertTrue(onFx(() -> root.getScene().getStylesheets().stream().anyMatch(s -> s.endsWith("high-contrast.css"))),
                "the high-contrast sheet is on the scene");

        click("contrastToggle");
        waitUntil(() -> !contrast.isSelected() && !dark.isSelected(), "releasing it is light again");
        assertEquals(Theme.LIGHT, new Projector().theme());
        assertFalse(onFx(() -> root.getScene().getStylesheets().stream().anyMatch(s -> s.endsWith("high-contrast.css"))));
    }

    @Test
    void theLessonListStartsALessonAndAPeerStartsFromTheMenu() {
        @SuppressWarnings("unchecked")
        ComboBox<Lesson> lessons = node("lessonChoice", ComboBox.class);
        assertEquals(LessonLibrary.shipped().size(), (int) onFx(() -> lessons.getItems().size()), "every shipped lesson is listed");
        fx(() -> lessons.getSelectionModel().select(2));
        waitUntil(() -> session.lessonProperty().get() != null, "choosing a lesson starts it");
        assertEquals(LessonLibrary.shipped().get(2).title(), onFx(() -> session.lessonProperty().get().lesson().title()));

        MenuItem echo = onFx(() -> node("peersMenu", MenuButton.class).getItems().get(0));
        assertTrue(echo.getText().startsWith("UDP echo server"), echo.getText());
        fx(echo::fire);
        waitUntil(() -> session.noticeProperty().get().startsWith("Started UDP echo server"),
                () -> "the peer says it started (" + session.noticeProperty().get() + ")");
        waitUntil(() -> session.sockets().size() == 1 && session.isPeer(session.sockets().get(0).id()),
                "the peer's socket is listed in the session");
        String id = onFx(() -> session.sockets().get(0).id());
        assertTrue(session.noticeProperty().get().contains(" as " + id + " "), session.noticeProperty().get());
        waitUntil(() -> onFx(() -> session.sockets().get(0).localProperty().get()).startsWith("127.0.0.1:"),
                "the peer is bound to loopback");
        assertNull(onFx(session::selectedSocket), "a peer's socket is not selected for the user");
    }

    /**
     * Issue 17: the peer that answers with the Send field's text reads the field on the JavaFX thread, when the menu
     * item is chosen, and hands the text to its thread.
     */
    @Test
    void aPeerReadsTheSendFieldOnTheJavaFxThread() {
        List<Boolean> readOnFx = new CopyOnWriteArrayList<>();
        StringBinding field = new StringBinding() {
            @Override
            protected String computeValue() {
                readOnFx.add(Platform.isFxApplicationThread());
                return "hey ";
            }
        };
        fx(() -> {
            session.drafts().payload().bind(field);   // binding reads it once
            readOnFx.clear();
            field.invalidate();   // as typing would: the next read reads the field
        });
        MenuItem withPrefix = onFx(() -> node("peersMenu", MenuButton.class).getItems().get(1));
        assertTrue(withPrefix.getText().contains("prefix in the Send field"), withPrefix.getText());
        fx(withPrefix::fire);
        waitUntil(() -> session.noticeProperty().get().startsWith("Started"), "the peer starts");
        fx(() -> session.drafts().payload().unbind());
        assertEquals(List.of(true), readOnFx, "the Send field is read once, on the JavaFX thread");
    }

    /**
     * Issue 17: closing the session (the window's dispose, twice: onHidden and stop()) closes every socket at once and
     * does not hold the JavaFX thread, even while one of the engine's threads is stuck and ignores interrupts.
     */
    @Test
    void closingTheSessionFreesThePortsAtOnceWithoutHoldingTheJavaFxThread() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        engine.addListener(r -> {
            if (r.call().equals("gettimeout")) {
                held.countDown();
                while (release.getCount() > 0) {
                    try {
                        release.await();
                    } catch (InterruptedException ignored) {
                        // stuck: it ignores the interrupt of shutdownNow()
                    }
                }
            }
        });
        String id = udpSocket();
        long port = bindLoopback(id);
        engine.submit(id, "gettimeout", List.of());
        assertTrue(held.await(TIMEOUT_SECONDS, TimeUnit.SECONDS), "an engine thread is stuck");
        try {
            long ms = onFx(() -> {
                long start = System.nanoTime();
                session.close();
                session.close();
                return (System.nanoTime() - start) / 1_000_000;
            });
            assertTrue(ms < 500, "closing held the JavaFX thread " + ms + " ms");
            try (DatagramChannel again = DatagramChannel.open()) {
                again.bind(new InetSocketAddress("127.0.0.1", (int) port));   // the port is free at once
            }
        } finally {
            release.countDown();
        }
    }
}
