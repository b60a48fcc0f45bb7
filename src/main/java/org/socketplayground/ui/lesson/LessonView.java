package org.socketplayground.ui.lesson;

import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.text.TextFlow;
import org.socketplayground.i18n.Texts;
import org.socketplayground.lessons.Demonstration;
import org.socketplayground.lessons.Lesson;
import org.socketplayground.lessons.LessonSession;
import org.socketplayground.ui.session.Session;
import org.socketplayground.ui.session.ShowMe;

/**
 * The lesson in progress: the step to read, whether it is done (it ticks when the call appears), and Show me, which
 * plays the step in the window at the chosen speed, showing the line being played above the status.
 */
public final class LessonView {
    private final Session session;
    @FXML private Label lessonTitle;
    @FXML private Label lessonProgress;
    @FXML private ProgressBar lessonBar;
    @FXML private Label lessonStepTitle;
    @FXML private Label lessonStepText;
    @FXML private TextFlow lessonStepFlow;
    @FXML private Label lessonStatus;
    @FXML private Label lessonPlayingLine;
    @FXML private Button lessonPreviousButton;
    @FXML private Button lessonShowMeButton;
    @FXML private Button lessonNextButton;
    @FXML private ChoiceBox<ShowMe.Speed> lessonSpeedChoice;
    /** The step whose text is drawn, and whether the lesson's introduction came with it. */
    private Lesson.Step shownStep;
    private boolean shownIntro;

    public LessonView(Session session) {
        this.session = session;
    }

    @FXML
    private void initialize() {
        session.lessonProperty().addListener((o, was, now) -> showStep());
        session.lessonChangesProperty().addListener((o, was, now) -> showStep());
        lessonSpeedChoice.getItems().setAll(ShowMe.Speed.values());
        // Each speed shows itself in the window's words (ShowMe.Speed.toString); its label stays the lesson files' word.
        lessonSpeedChoice.valueProperty().addListener((o, was, now) -> session.showMe().setSpeed(now));
        lessonSpeedChoice.setValue(ShowMe.Speed.NORMAL);
        session.showMe().demonstrationProperty().addListener((o, was, now) -> showStep());
        session.showMe().playingProperty().addListener((o, was, now) -> showStep());
        // The flow wraps at the label's width; the label is as tall as the flow at that width.
        lessonStepFlow.prefWidthProperty().bind(Bindings.createDoubleBinding(
                () -> lessonStepText.getWidth() - lessonStepText.snappedLeftInset() - lessonStepText.snappedRightInset(),
                lessonStepText.widthProperty(), lessonStepText.paddingProperty()));
    }

    private void showStep() {
        LessonSession lesson = session.lessonProperty().get();
        boolean playing = session.showMe().isPlaying();
        Demonstration shown = playing ? session.showMe().demonstrationProperty().get() : null;
        lessonPlayingLine.setText(shown == null ? "" : shown.line());
        lessonPlayingLine.setVisible(shown != null);
        lessonPlayingLine.setManaged(shown != null);
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
        String intro = current == 0 && !lesson.lesson().intro().isEmpty() ? lesson.lesson().intro() + "\n\n" : "";
        if (step != shownStep || !intro.isEmpty() != shownIntro) {   // a new step: drawn once, not per record
            LessonMarkdown.Rendered text = LessonMarkdown.render(intro + step.text());
            lessonStepFlow.getChildren().setAll(text.nodes());
            lessonStepText.setText(text.plain());
            shownStep = step;
            shownIntro = !intro.isEmpty();
        }
        boolean stepDone = lesson.isDone(current);
        lessonStatus.getStyleClass().removeAll("done", "todo", "playing");
        lessonStatus.getStyleClass().add(playing ? "playing" : stepDone ? "done" : "todo");
        lessonStatus.setText(playing ? (shown == null ? Texts.get("lessonView.status.playing")
                        : Texts.get("lessonView.status.playingLine", shown.number(), shown.count()))
                : stepDone ? (lesson.isComplete() ? Texts.get("lessonView.status.lessonComplete") : Texts.get("lessonView.status.stepDone"))
                : Texts.get("lessonView.status.toDo", step.expect().describe()));
        lessonPreviousButton.setDisable(current == 0);
        lessonNextButton.setDisable(current == steps - 1);
        // twice would make its sockets twice; while it plays, Next and Previous stop it
        lessonShowMeButton.setDisable(step.actions().isEmpty() || stepDone || playing);
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
            session.showMe().stop();   // the step being played is left: none of its further calls is made
            step.accept(lesson);
            session.lessonChanged();
        }
    }

    /**
     * Plays the step in the window, a line at a time at the chosen speed, off the JavaFX thread; the step ticks
     * when the records of its calls arrive, and shows as done once the play has ended.
     */
    @FXML
    void showMe() {
        LessonSession lesson = session.lessonProperty().get();
        if (lesson == null || session.showMe().isPlaying()) {
            return;
        }
        lessonShowMeButton.setDisable(true);
        session.showMe().play(lesson).whenComplete((ended, failure) -> {
            if (failure != null) {
                lessonStatus.setText(Texts.get("lessonView.status.showMeStopped", failure.getMessage()));
            }
        });
    }
}
