package org.socketplayground.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.socketplayground.lessons.Lesson;
import org.socketplayground.lessons.LessonLibrary;
import org.socketplayground.ui.session.ShowMe;

/** Every shipped lesson can be completed in the window with "Show me" alone (played at the instant speed). */
class LessonPaneTest extends OwnWindow {
    static IntStream lessons() {
        return IntStream.range(0, LessonLibrary.shipped().size());
    }

    @ParameterizedTest(name = "lesson {0} completes with show me alone")
    @MethodSource("lessons")
    void everyStepTicksWithShowMe(int index) {
        @SuppressWarnings("unchecked")
        ComboBox<Lesson> choice = robot.lookup("#lessonChoice").queryAs(ComboBox.class);
        robot.interact(() -> choice.getSelectionModel().select(index));
        // Show me plays each line for a class to watch; here as fast as it goes, to keep the suite quick.
        @SuppressWarnings("unchecked")
        ChoiceBox<ShowMe.Speed> speed = robot.lookup("#lessonSpeedChoice").queryAs(ChoiceBox.class);
        robot.interact(() -> speed.setValue(ShowMe.Speed.INSTANT));
        Lesson lesson = choice.getValue();
        int steps = lesson.steps().size();
        for (int step = 1; step <= steps; step++) {
            int number = step;
            ui.waitUntil(() -> ui.label("lessonProgress").equals(number + " / " + steps), "step " + number + " is shown");
            // Pressed through the buttons' actions, not with the mouse: 97 steps of mouse travel cost a minute, and
            // LessonByHandTest clicks its way through lessons as a student does.
            if (!ui.label("lessonStatus").startsWith("✔")) {
                ui.press("lessonShowMeButton");
            }
            ui.waitUntil(() -> ui.label("lessonStatus").startsWith("✔"),
                    lesson.title() + ", step " + number + " '" + ui.label("lessonStepTitle") + "' ticks (status: "
                            + ui.label("lessonStatus") + ", last outcome: " + ui.label("outcomeLabel") + ")");
            if (step < steps) {
                ui.press("lessonNextButton");
            }
        }
        assertTrue(ui.label("lessonStatus").contains("whole lesson is complete"), ui.label("lessonStatus"));
        assertEquals(steps + " / " + steps, ui.label("lessonProgress"));
    }
}
