package org.socketplayground.ui.calls;

import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
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
        // The box keeps its height, so a long call or explanation may end in "…": the whole of it is a hover away.
        outcomeCallLabel.setTooltip(outcome.call().isEmpty() ? null : wrapped(outcome.call()));
        explanationLabel.setTooltip(outcome.explanation().isEmpty() ? null : wrapped(outcome.explanation()));
    }

    private static Tooltip wrapped(String text) {
        Tooltip tip = new Tooltip(text);
        tip.setWrapText(true);
        tip.setMaxWidth(600);
        return tip;
    }
}
