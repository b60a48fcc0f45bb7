package org.socketplayground.ui.lesson;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import org.socketplayground.lessons.Lesson;
import org.socketplayground.lessons.LessonSession;
import org.socketplayground.ui.session.Session;

/** The lesson in progress: the step to read, whether it is done (it ticks when the call appears), and Show me. */
public final class LessonView {
    private final Session session;
    @FXML private Label lessonTitle;
    @FXML private Label lessonProgress;
    @FXML private ProgressBar lessonBar;
    @FXML private Label lessonStepTitle;
    @FXML private Label lessonStepText;
    @FXML private Label lessonStatus;
    @FXML private Button lessonPreviousButton;
    @FXML private Button lessonShowMeButton;
    @FXML private Button lessonNextButton;

    public LessonView(Session session) {
        this.session = session;
    }

    @FXML
    private void initialize() {
        session.lessonProperty().addListener((o, was, now) -> showStep());
        session.lessonChangesProperty().addListener((o, was, now) -> showStep());
    }

    private void showStep() {
        LessonSession lesson = session.lessonProperty().get();
        if (lesson == null) {
            return;
        }
        Lesson.Step step = lesson.step();
        int current = lesson.current();
        int steps = lesson.lesson().steps().size();
        lessonTitle.setText(lesson.lesson().title());
        lessonProgress.setText(lesson.progress());
        int done = 0;
        for (int i = 0; i < steps; i++) {
            done += lesson.isDone(i) ? 1 : 0;
        }
        lessonBar.setProgress(done / (double) steps);
        lessonStepTitle.setText(step.title());
        String intro = current == 0 && !lesson.lesson().intro().isEmpty() ? plain(lesson.lesson().intro()) + "\n\n" : "";
        lessonStepText.setText(intro + plain(step.text()));
        boolean stepDone = lesson.isDone(current);
        lessonStatus.getStyleClass().removeAll("done", "todo");
        lessonStatus.getStyleClass().add(stepDone ? "done" : "todo");
        lessonStatus.setText(stepDone ? (lesson.isComplete() ? "✔ Done — the whole lesson is complete!" : "✔ Done — on to the next step.")
                : "To do: " + step.expect().describe());
        lessonPreviousButton.setDisable(current == 0);
        lessonNextButton.setDisable(current == steps - 1);
        lessonShowMeButton.setDisable(step.actions().isEmpty() || stepDone);   // twice would make its sockets twice
    }

    /** Markdown emphasis and code marks read as plain text on the projector. */
    static String plain(String markdown) {
        String text = markdown.replace("**", "").replace("`", "");
        // Markdown joins the lines of a paragraph; a blank line starts the next one.
        return text.replaceAll("(?<!\n)\n(?!\n)", " ").replaceAll("\n{2,}", "\n\n");
    }

    @FXML
    void nextStep() {
        move(LessonSession::next);
    }

    @FXML
    void previousStep() {
        move(LessonSession::previous);
    }

    private void move(Consumer<LessonSession> step) {
        LessonSession lesson = session.lessonProperty().get();
        if (lesson != null) {
            step.accept(lesson);
            session.lessonChanged();
        }
    }

    /** Performs the step's calls on the engine's threads; the step ticks when their records arrive. */
    @FXML
    void showMe() {
        LessonSession lesson = session.lessonProperty().get();
        if (lesson == null) {
            return;
        }
        lessonShowMeButton.setDisable(true);
        CompletableFuture.supplyAsync(lesson::showMe).whenComplete((lines, failure) -> Platform.runLater(() -> {
            session.lessonChanged();
            if (failure != null) {
                lessonStatus.setText("Show me stopped: " + failure.getMessage());
            }
        }));
    }
}
