package org.socketplayground.ui.code;

import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyEvent;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.i18n.Texts;
import org.socketplayground.ui.session.PythonPrompt;
import org.socketplayground.ui.session.Session;

/**
 * The Python prompt under the Python pane: Enter runs the line (off the JavaFX thread, on the console Show me
 * uses), its output shows above as Python's REPL prints it, Up and Down walk the lines typed before, and Esc ends a
 * call that waits or leaves the prompt. The sockets and calls it makes reach the other views as records, like a
 * button's.
 */
public final class PythonPromptView {
    private final Session session;
    private final PythonPrompt prompt;
    @FXML private TextField pythonPrompt;
    @FXML private TextArea pythonPromptOutput;
    @FXML private Label pythonPromptState;

    public PythonPromptView(Session session) {
        this.session = session;
        this.prompt = session.pythonPrompt();
    }

    @FXML
    private void initialize() {
        pythonPrompt.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        prompt.output().addListener((ListChangeListener<String>) change -> showOutput());
        prompt.busyProperty().addListener((o, was, now) -> showState());
        prompt.waitingProperty().addListener((o, was, call) -> {
            if (call != null) {
                session.selectSocket(call.socketId());   // the socket that waits: Abandon in the status bar ends it too
            }
            showState();
        });
        showOutput();
    }

    /** Taken before the field's own keys: Enter, Up, Down and Esc mean the prompt's, not a move of focus. */
    private void onKey(KeyEvent e) {
        switch (e.getCode()) {
            case ENTER -> {
                if (prompt.run(pythonPrompt.getText())) {
                    pythonPrompt.clear();
                }
            }
            case UP -> showLine(prompt.previous(pythonPrompt.getText()));
            case DOWN -> showLine(prompt.next(pythonPrompt.getText()));
            case ESCAPE -> {
                if (prompt.busyProperty().get()) {
                    prompt.abandon();
                } else {
                    pythonPrompt.getParent().requestFocus();
                }
            }
            default -> {
                return;
            }
        }
        e.consume();
    }

    private void showLine(String line) {
        pythonPrompt.setText(line);
        pythonPrompt.end();
    }

    private void showOutput() {
        boolean any = !prompt.output().isEmpty();
        pythonPromptOutput.setVisible(any);
        pythonPromptOutput.setManaged(any);
        pythonPromptOutput.setText(String.join("\n", prompt.output()));
        pythonPromptOutput.positionCaret(pythonPromptOutput.getLength());
        pythonPromptOutput.setScrollTop(Double.MAX_VALUE);
    }

    /** While a line runs, what it does: running, or the call it waits in and how to end it. */
    private void showState() {
        boolean busy = prompt.busyProperty().get();
        CallRecord call = prompt.waitingProperty().get();
        pythonPromptState.setVisible(busy);
        pythonPromptState.setManaged(busy);
        // The status bar names the call and its time; here, only what the prompt is doing and the way out.
        pythonPromptState.setText(call == null ? Texts.get("pythonPromptView.state.running") : Texts.get("pythonPromptView.state.waiting"));
        pythonPrompt.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("busy"), busy);
    }
}
