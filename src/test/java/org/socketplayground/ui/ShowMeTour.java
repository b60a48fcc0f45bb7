package org.socketplayground.ui;

import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.socketplayground.ui.session.ShowMe;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Plays a lesson step with Show me at the slow speed, for screenshots of a step being played (the fields filled, the
 * button highlighted). Not part of the test run; under Xvfb:
 * {@code mvn test -Dtest=ShowMeTour -Dexcluded.groups=none -Dtestfx.headless=false -Dglass.platform=gtk}
 * and take screenshots once it prints SHOW ME PLAYING (the step takes about six seconds).
 */
@Tag("tour")
@ExtendWith(ApplicationExtension.class)
class ShowMeTour {
    /** The shipped lesson to play (system property tour.lesson, from 0), its step (tour.step, from 1). */
    private static final int LESSON = Integer.getInteger("tour.lesson", 1);
    private static final int STEP = Integer.getInteger("tour.step", 2);
    /** The theme's toggle to press first (tour.theme: darkToggle or contrastToggle), pressed again at the end. */
    private static final String THEME = System.getProperty("tour.theme", "");

    @Start
    void start(Stage stage) throws Exception {
        new PlaygroundApp().start(stage);
    }

    @Test
    void playAStepSlowly(FxRobot robot) throws Exception {
        WindowDriver ui = new WindowDriver(robot);
        ui.awaitEveryTab();
        if (!THEME.isEmpty()) {
            robot.clickOn("#" + THEME);
        }
        robot.interact(() -> {
            @SuppressWarnings("unchecked")
            ComboBox<Object> lessons = robot.lookup("#lessonChoice").queryAs(ComboBox.class);
            lessons.getSelectionModel().select(LESSON);
        });
        speed(robot, ShowMe.Speed.INSTANT);
        for (int step = 1; step < STEP; step++) {
            if (!ui.label("lessonStatus").startsWith("✔")) {
                robot.clickOn("#lessonShowMeButton");
                ui.waitUntil(() -> ui.label("lessonStatus").startsWith("✔"), "the step before ticks");
            }
            robot.clickOn("#lessonNextButton");
        }
        speed(robot, ShowMe.Speed.SLOW);
        robot.clickOn("#lessonShowMeButton");
        System.out.println("SHOW ME PLAYING");
        ui.waitUntil(() -> !ui.label("lessonStatus").startsWith("▶"), "the step has played");
        Thread.sleep(Long.getLong("tour.hold", 3) * 1000);
        if (!THEME.isEmpty()) {
            robot.clickOn("#" + THEME);   // the theme is remembered: leave it as it was
        }
    }

    private static void speed(FxRobot robot, ShowMe.Speed speed) {
        robot.interact(() -> {
            @SuppressWarnings("unchecked")
            ChoiceBox<ShowMe.Speed> choice = robot.lookup("#lessonSpeedChoice").queryAs(ChoiceBox.class);
            choice.setValue(speed);
        });
    }
}
