package org.socketplayground.ui.details;

import javafx.fxml.FXML;
import javafx.scene.control.TextArea;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.ui.session.LogRow;
import org.socketplayground.ui.session.Session;

/** The selected call whole: the call, its outcome, its timing, its sender, and every byte of its data. */
public final class DetailsView {
    private final Session session;
    @FXML private TextArea detailArea;

    public DetailsView(Session session) {
        this.session = session;
    }

    @FXML
    private void initialize() {
        session.selectedCallProperty().addListener((o, was, call) -> show(call));
    }

    private void show(CallRecord call) {
        detailArea.setText(call == null ? "" : LogRow.detail(call, session.names()));
    }
}
