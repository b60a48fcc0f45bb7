package org.socketplayground.ui.calls;

import javafx.fxml.FXML;
import javafx.scene.control.Label;
import org.socketplayground.ui.session.Outcome;
import org.socketplayground.ui.session.Session;

/** The outcome of the user's last call as Python would print it ("waiting…" while it blocks), or why none was made. */
public final class OutcomeView {
    private final Session session;
    @FXML private Label outcomeCallLabel;
    @FXML private Label outcomeLabel;
    @FXML private Label explanationLabel;

    public OutcomeView(Session session) {
        this.session = session;
    }

    @FXML
    private void initialize() {
        session.outcomeProperty().addListener((o, was, now) -> show(now));
    }

    private void show(Outcome outcome) {
        outcomeCallLabel.setText(outcome.call());
        outcomeLabel.setText(outcome.text());
        outcomeLabel.getStyleClass().removeAll("pending", "error", "success", "refused");
        outcomeLabel.getStyleClass().add(outcome.style());
        explanationLabel.setText(outcome.explanation());
    }
}
