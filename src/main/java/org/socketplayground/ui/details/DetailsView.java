package org.socketplayground.ui.details;

import java.util.Locale;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.TextArea;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.engine.py.PyValue;
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
            text += String.format(Locale.ROOT, "(of its %,d bytes, the Python pane keeps these; the log no longer has this call)%n", cut);
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
        SaveFile.saveBytes(detailArea, new SaveFile.Target("playground.saveBytesTo", "Save the data's bytes",
                        "playground_data.bin", "All files", "*"), whole::value,
                target -> String.format(Locale.ROOT, "Saved %,d bytes to %s.", whole.length(), target),
                "Could not save the bytes: ", session::notice);
    }
}
