package org.socketplayground.ui.details;

import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.TextArea;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.engine.py.PyValue;
import org.socketplayground.i18n.Texts;
import org.socketplayground.ui.session.LogRow;
import org.socketplayground.ui.session.Session;
import org.socketplayground.ui.widgets.SaveFile;

/**
 * The selected call whole: the call, its outcome, its timing, its sender, and a hex dump of its data, of large data
 * the first {@link LogRow#DUMP_BYTES}; Save all bytes… writes every byte to a file, on a background thread. The pane
 * holds no copy of the data: the record it shows shares it with the log.
 */
public final class DetailsView {
    private final Session session;
    @FXML private TextArea detailArea;
    @FXML private Button detailSaveButton;
    /** The data of the call shown, to save; null when it has none. */
    private PyValue.Bytes data;

    public DetailsView(Session session) {
        this.session = session;
    }

    @FXML
    private void initialize() {
        session.selectedCallProperty().addListener((o, was, call) -> show(call));
    }

    private void show(CallRecord call) {
        int cut = session.transcript().cutLength(call);
        data = call == null || cut >= 0 ? null : LogRow.dataOf(call);
        detailSaveButton.setDisable(data == null);
        String text = call == null ? "" : LogRow.detail(call, session.names());
        if (cut >= 0) {
            // A line of Python whose call has left the log: the pane kept only the beginning of its data.
            text += Texts.get("detailsView.cutNote", Texts.count(cut)) + System.lineSeparator();
        }
        detailArea.setText(text);
    }

    /** Writes every byte of the shown call's data to a file: with playground.saveBytesTo=FILE, there without a dialog. */
    @FXML
    void saveBytes() {
        PyValue.Bytes whole = data;
        if (whole == null) {
            return;
        }
        SaveFile.saveBytes(detailArea, new SaveFile.Target("playground.saveBytesTo", Texts.get("detailsView.save.dialogTitle"),
                        "playground_data.bin", Texts.get("detailsView.save.filter"), "*"), whole::value,
                target -> Texts.get("detailsView.save.saved", Texts.count(whole.length()), target),
                reason -> Texts.get("detailsView.save.failed", reason), session::notice);
    }
}
