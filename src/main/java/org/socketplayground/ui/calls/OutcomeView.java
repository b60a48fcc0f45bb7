package org.socketplayground.ui.calls;

import javafx.fxml.FXML;
import javafx.scene.control.Label;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.i18n.Texts;
import javafx.scene.control.Tooltip;
import org.socketplayground.ui.session.Outcome;
import org.socketplayground.ui.session.Session;
import org.socketplayground.ui.session.SocketRow;

/**
 * The outcome of the last call on the selected socket as Python would print it ("waiting…" while it blocks), or
 * why no call was made. It follows the selection, so that "Calls on s2" never shows what s1 did, and calls made by
 * Show me or the prompt show as well as the buttons'.
 */
public final class OutcomeView {
    private final Session session;
    /** The call whose outcome is shown, so that a refresh shows a newer one only. */
    private long shownSeq = -1;
    /**
     * The latest shown call in effect order (pending calls have none): a call on the selected socket that reports late
     * (a send that woke a select(), whose thread reports after it) does not replace what came after it.
     */
    private long shownEffect = -1;
    @FXML private Label outcomeCallLabel;
    @FXML private Label outcomeLabel;
    @FXML private Label explanationLabel;
    private final Tooltip callTip = wrapped();
    private final Tooltip explanationTip = wrapped();

    public OutcomeView(Session session) {
        this.session = session;
    }

    @FXML
    private void initialize() {
        session.outcomeProperty().addListener((o, was, now) -> show(now));
        session.selectedSocketProperty().addListener((o, was, now) -> showLastCallOf(now));
        session.refreshedProperty().addListener((o, was, now) -> {
            SocketRow row = session.selectedSocket();
            CallRecord last = row == null ? null : session.lastCallOn(row.id());
            if (last != null && (last.seq() > shownSeq && last.isPending() || last.effect() > shownEffect)) {
                show(Outcome.of(last, session.names()));
            }
        });
    }

    private void showLastCallOf(SocketRow row) {
        CallRecord last = row == null ? null : session.lastCallOn(row.id());
        if (last != null) {
            show(Outcome.of(last, session.names()));
        } else if (row != null) {
            show(Outcome.refused(Texts.get("calls.outcomeView.noCallYet", row.name()), Texts.get("calls.outcomeView.noCallYet.why"), null), "");
        } else if (!session.sockets().isEmpty()) {
            show(Outcome.refused(Texts.get("calls.callsView.noSocketSelected"), Texts.get("calls.outcomeView.noSocket.why"), null), "");
        }
    }

    private void show(Outcome outcome) {
        show(outcome, outcome.style());
    }

    private void show(Outcome outcome, String style) {
        CallRecord r = outcome.record();
        shownSeq = r == null ? shownSeq : Math.max(shownSeq, r.seq());
        shownEffect = r == null ? shownEffect : Math.max(shownEffect, r.effect());
        outcomeCallLabel.setText(outcome.call());
        outcomeLabel.setText(outcome.text());
        outcomeLabel.getStyleClass().removeAll("pending", "error", "success", "refused");
        if (!style.isEmpty()) {
            outcomeLabel.getStyleClass().add(style);
        }
        explanationLabel.setText(outcome.explanation());
        // The box keeps its height, so a long call or explanation may end in "…": the whole of it is a hover away.
        // One tooltip each, its text changed, rather than two new Tooltips for every outcome shown.
        callTip.setText(outcome.call());
        outcomeCallLabel.setTooltip(outcome.call().isEmpty() ? null : callTip);
        explanationTip.setText(outcome.explanation());
        explanationLabel.setTooltip(outcome.explanation().isEmpty() ? null : explanationTip);
    }

    private static Tooltip wrapped() {
        Tooltip tip = new Tooltip();
        tip.setWrapText(true);
        tip.setMaxWidth(600);
        return tip;
    }
}
