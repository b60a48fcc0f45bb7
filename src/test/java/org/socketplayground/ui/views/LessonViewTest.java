package org.socketplayground.ui.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ProgressBar;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.junit.jupiter.api.Test;
import org.socketplayground.engine.Family;
import org.socketplayground.engine.SockType;
import org.socketplayground.lessons.Lesson;
import org.socketplayground.lessons.LessonLibrary;
import org.socketplayground.ui.lesson.LessonView;
import org.socketplayground.ui.session.ShowMe;

/** The lesson pane alone: a lesson started in the session shows its step; a call, or Show me, ticks it. */
class LessonViewTest extends OneView<LessonView> {
    /** The first shipped lesson, "Two UDP sockets on one machine". */
    private final Lesson lesson = LessonLibrary.shipped().get(0);

    LessonViewTest() {
        super(LessonView.class);
    }

    private int steps() {
        return lesson.steps().size();
    }

    private void start() {
        fx(() -> session.startLesson(lesson));
        waitUntil(() -> text("lessonTitle").equals(lesson.title()), () -> "the lesson's title is shown (" + text("lessonTitle") + ")");
    }

    /** The texts of the step's runs drawn in a style ({@code strong}, {@code code}). */
    private List<String> runs(String style) {
        return onFx(() -> node("lessonStepFlow", TextFlow.class).getChildren().stream()
                .filter(n -> n instanceof Text && n.getStyleClass().contains(style)).map(n -> ((Text) n).getText()).toList());
    }

    private double progress() {
        return onFx(() -> node("lessonBar", ProgressBar.class).getProgress());
    }

    @Test
    void aLessonStartedInTheSessionShowsItsFirstStepToDo() {
        assertEquals("Choose a lesson in the toolbar, or open a lesson file.", text("lessonTitle"));
        assertTrue(disabled("lessonShowMeButton") && disabled("lessonNextButton"), "no lesson, nothing to press");

        start();
        Lesson.Step first = lesson.steps().get(0);
        assertEquals("Two UDP sockets on one machine", text("lessonTitle"));
        assertEquals("1 / " + steps(), text("lessonProgress"));
        assertEquals("A socket to receive with", text("lessonStepTitle"));
        String stepText = text("lessonStepText");
        assertTrue(stepText.startsWith("UDP carries separate messages"), () -> "the lesson's intro comes first: " + stepText);
        assertTrue(stepText.contains("Choose AF_INET and SOCK_DGRAM, then press socket()."),
                () -> "the step reads as plain text, without Markdown's marks: " + stepText);
        // Drawn as Markdown: bold where the lesson marks a button, code spans in the monospace font, as runs of text.
        List<String> bold = runs("strong");
        List<String> code = runs("code");
        assertTrue(bold.contains("AF_INET") && bold.contains("socket()"), () -> "bold runs: " + bold);
        assertTrue(code.contains("receiver = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)"), () -> "code runs: " + code);
        assertTrue(onFx(() -> node("lessonStepFlow", TextFlow.class).getWidth()) > 200, "the text wraps at the pane's width");
        assertEquals("To do: " + first.expect().describe(), text("lessonStatus"));
        assertTrue(text("lessonStatus").contains("socket("), text("lessonStatus"));
        assertEquals(0.0, progress());
        assertTrue(disabled("lessonPreviousButton"), "no step before the first");
        assertFalse(disabled("lessonNextButton"));
        assertFalse(disabled("lessonShowMeButton"));
        @SuppressWarnings("unchecked")
        ChoiceBox<ShowMe.Speed> speed = node("lessonSpeedChoice", ChoiceBox.class);
        assertEquals(List.of("slow", "normal", "fast", "instant"), onFx(() -> speed.getItems().stream().map(Object::toString).toList()),
                "Show me plays at a speed a class can follow, or faster");
        assertEquals(ShowMe.Speed.NORMAL, onFx(speed::getValue), "about a call a second, to begin with");
    }

    @Test
    void showMeMakesTheStepsCallsAndTicksItThenNextAndPreviousMove() {
        start();
        press("lessonShowMeButton");
        waitUntil(() -> text("lessonStatus").equals("✔ Done — on to the next step."),
                () -> "Show me ticks the step (" + text("lessonStatus") + ")");
        assertEquals(1, engine.sockets().size(), "Show me made the step's socket on the engine");
        assertTrue(disabled("lessonShowMeButton"), "Show me twice would make the sockets twice");
        assertEquals(1.0 / steps(), progress(), 1e-9);

        press("lessonNextButton");
        waitUntil(() -> text("lessonProgress").equals("2 / " + steps()), () -> "Next moves on (" + text("lessonProgress") + ")");
        assertEquals("Give it an address", text("lessonStepTitle"));
        assertTrue(text("lessonStatus").startsWith("To do: bind("), text("lessonStatus"));
        assertFalse(disabled("lessonPreviousButton"));
        assertFalse(disabled("lessonShowMeButton"));

        press("lessonPreviousButton");
        waitUntil(() -> text("lessonProgress").equals("1 / " + steps()), "Previous moves back");
        assertEquals("✔ Done — on to the next step.", text("lessonStatus"), "the first step stays done");
    }

    @Test
    void aCallMadeElsewhereTicksTheStepItIsAbout() {
        start();
        String receiver = socketThroughSession(Family.AF_INET, SockType.SOCK_DGRAM);
        waitUntil(() -> text("lessonStatus").startsWith("✔ Done"), () -> "the socket() made by hand ticks step 1 (" + text("lessonStatus") + ")");
        press("lessonNextButton");
        waitUntil(() -> text("lessonStatus").startsWith("To do: bind("), () -> "step 2 waits for a bind (" + text("lessonStatus") + ")");

        String other = udpSocket();
        bindLoopback(other);
        caughtUp();
        assertTrue(text("lessonStatus").startsWith("To do: bind("), () -> "a bind on another socket is not the step's (" + text("lessonStatus") + ")");
        bindLoopback(receiver);
        waitUntil(() -> text("lessonStatus").startsWith("✔ Done"), () -> "the receiver's bind ticks step 2 (" + text("lessonStatus") + ")");
        assertEquals(2.0 / steps(), progress(), 1e-9);
    }
}
