package org.socketplayground.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.ResourceBundle;
import java.util.prefs.Preferences;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.socketplayground.engine.Family;
import org.socketplayground.engine.SockType;
import org.socketplayground.i18n.Language;
import org.socketplayground.i18n.Texts;
import org.socketplayground.lessons.Lesson;
import org.socketplayground.ui.session.ShowMe;

/**
 * The window started with {@code -Dplayground.lang=es}: its tabs, columns, refusals, explanations and lessons speak
 * Spanish, Python's own words stay Python's, and choosing English in the toolbar is remembered for the next start.
 */
class SpanishWindowTest extends OwnWindow {
    private static final ResourceBundle ENGLISH = Texts.load(Language.ENGLISH);

    @BeforeAll
    static void inSpanish() {
        System.setProperty("playground.lang", "es");
    }

    @AfterAll
    static void backToEnglish() {
        System.setProperty("playground.lang", "en");
        Texts.use(Language.ENGLISH);
    }

    @Test
    void theWindowSpeaksSpanishWhilePythonKeepsItsOwnWords() {
        List<String> tabs = ui.onFx(() -> robot.lookup("#codeTabs").queryAs(TabPane.class).getTabs().stream().map(Tab::getText).toList());
        assertEquals(List.of("Lección", "Python", "Diagrama", "Detalles", "Sistema", "Máquina", "Lab"), tabs);
        assertEquals("ES", ui.onFx(() -> robot.lookup("#languageChoice").queryAs(ComboBox.class).getButtonCell().getText()));
        List<String> columns = ui.onFx(() -> ui.table("socketTable").getColumns().stream().map(TableColumn::getText).toList());
        assertTrue(columns.contains("Estado") && !columns.contains("State"), columns::toString);

        ui.newSocket(Family.AF_INET, SockType.SOCK_DGRAM);
        ui.set("portField", "abc");
        ui.call("bindButton");
        ui.expectOutcome("'abc' no es un número de puerto: escribe dígitos, 0-65535.");
        assertTrue(ui.label("outcomeCallLabel").startsWith("No se hizo ninguna llamada"), ui.label("outcomeCallLabel"));

        ui.set("hostField", "127.0.0.1");
        ui.set("portField", "0");
        ui.call("bindButton");
        ui.expectOutcome("None");
        ui.call("bindButton");
        ui.expectOutcome("OSError: [Errno 22] Invalid argument");   // Python's words, in any language
        String explained = ui.label("explanationLabel");
        assertEquals(Texts.get("session.explanations.errno22.meaning"), explained);
        assertNotEquals(ENGLISH.getString("session.explanations.errno22.meaning"), explained);
        ui.waitUntil(() -> ui.label("statusBar").contains("llamadas"), () -> "the status bar: " + ui.label("statusBar"));
    }

    @Test
    void aSpanishLessonTicksStepByStepWithShowMe() {
        @SuppressWarnings("unchecked")
        ComboBox<Lesson> choice = robot.lookup("#lessonChoice").queryAs(ComboBox.class);
        robot.interact(() -> choice.getSelectionModel().select(0));
        @SuppressWarnings("unchecked")
        ChoiceBox<ShowMe.Speed> speed = robot.lookup("#lessonSpeedChoice").queryAs(ChoiceBox.class);
        robot.interact(() -> speed.setValue(ShowMe.Speed.INSTANT));
        assertEquals("Dos sockets UDP en una máquina", ui.label("lessonTitle"));
        int steps = ui.onFx(() -> choice.getValue().steps().size());
        for (int step = 1; step <= steps; step++) {
            int number = step;
            ui.waitUntil(() -> ui.label("lessonProgress").equals(number + " / " + steps), "step " + number + " is shown");
            if (!ui.label("lessonStatus").startsWith("✔")) {
                assertTrue(ui.label("lessonStatus").startsWith("Por hacer: "), ui.label("lessonStatus"));
                ui.press("lessonShowMeButton");
            }
            ui.waitUntil(() -> ui.label("lessonStatus").startsWith("✔"),
                    () -> "step " + number + " ticks (status: " + ui.label("lessonStatus") + ")");
            if (step < steps) {
                ui.press("lessonNextButton");
            }
        }
        assertEquals(Texts.get("lessonView.status.lessonComplete"), ui.label("lessonStatus"));
        assertTrue(ui.label("lessonStatus").contains("lección"), ui.label("lessonStatus"));
    }

    @Test
    void choosingEnglishIsRememberedForTheNextStartAndSaidInEnglish() throws Exception {
        Preferences prefs = Preferences.userRoot().node("/org/socketplayground/ui");
        String before = prefs.get("language", null);
        try {
            @SuppressWarnings("unchecked")
            ComboBox<Language> languages = robot.lookup("#languageChoice").queryAs(ComboBox.class);
            assertEquals(List.of("English", "Español"), ui.onFx(() -> languages.getItems().stream().map(Language::toString).toList()));
            ui.fx(() -> languages.setValue(Language.ENGLISH));
            String said = ENGLISH.getString("toolbarView.languageNextStart");
            ui.waitUntil(() -> ui.label("statusBar").contains(said), () -> "the status bar: " + ui.label("statusBar"));
            assertEquals("en", Language.remembered());
            assertEquals("EN", ui.onFx(() -> languages.getButtonCell().getText()));
            assertEquals("Lección", ui.onFx(() -> robot.lookup("#codeTabs").queryAs(TabPane.class).getTabs().get(0).getText()),
                    "the window keeps its language until the next start");
        } finally {
            if (before == null) {
                prefs.remove("language");
            } else {
                prefs.put("language", before);
            }
            prefs.flush();
        }
    }
}
