package org.socketplayground.ui.system;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import org.socketplayground.engine.Lab;
import org.socketplayground.ui.session.Session;
import org.socketplayground.ui.session.SocketRow;

/**
 * The Lab tab: an unreliable network inside the app, in front of what the selected UDP socket receives (loss,
 * duplicates, reordering, delay with jitter, corruption, a seed to repeat a run). What the lab does shows in the log:
 * dropped datagrams greyed with their sender, the others marked. Bad values are flagged on their field and nothing is
 * applied.
 */
public final class LabView {
    /** Ready-made networks: loss, duplicate, reorder, delay, jitter, corrupt. */
    static final Map<String, int[]> PRESETS = new LinkedHashMap<>();

    static {
        PRESETS.put("UDP pinger lab: 30% loss", new int[] {30, 0, 0, 0, 0, 0});
        PRESETS.put("Bad Wi-Fi", new int[] {10, 2, 5, 40, 30, 1});
        PRESETS.put("Far away: 150 ms ± 50 ms", new int[] {0, 0, 0, 150, 50, 0});
    }

    private final Session session;
    @FXML private ToggleButton labToggle;
    @FXML private ComboBox<String> labPresetChoice;
    @FXML private Label labSummary;
    @FXML private TextField labLossField;
    @FXML private TextField labDuplicateField;
    @FXML private TextField labReorderField;
    @FXML private TextField labDelayField;
    @FXML private TextField labJitterField;
    @FXML private TextField labCorruptField;
    @FXML private TextField labSeedField;
    /** The socket and the lab the toggle last showed. */
    private String shownFor;
    private String shownLab;

    public LabView(Session session) {
        this.session = session;
    }

    @FXML
    private void initialize() {
        labPresetChoice.getItems().setAll(PRESETS.keySet());
        labPresetChoice.setOnAction(e -> preset(labPresetChoice.getValue()));
        session.selectedSocketProperty().addListener((o, was, now) -> show());
        session.refreshedProperty().addListener((o, was, now) -> show());
        show();
    }

    private void preset(String name) {
        int[] v = PRESETS.get(name);
        if (v == null) {
            return;
        }
        TextField[] fields = {labLossField, labDuplicateField, labReorderField, labDelayField, labJitterField, labCorruptField};
        for (int i = 0; i < fields.length; i++) {
            fields[i].setText(Integer.toString(v[i]));
        }
        if (labToggle.isSelected()) {
            apply();
        }
    }

    /**
     * The toggle and the summary follow the selected socket: a lab belongs to one socket. The toggle changes only when
     * the socket or its lab did, so that a click is not undone while the engine is still applying it.
     */
    private void show() {
        SocketRow row = session.selectedSocket();
        boolean udp = row != null && !row.info().type().isStream() && row.info().family().usesPorts();
        String lab = row == null ? null : row.info().lab();
        String id = row == null ? null : row.id();
        labToggle.setDisable(!udp);
        if (!java.util.Objects.equals(id, shownFor) || !java.util.Objects.equals(lab, shownLab)) {
            labToggle.setSelected(lab != null);
            shownFor = id;
            shownLab = lab;
        }
        labSummary.setText(!udp ? "Select a UDP socket: the lab acts on what it receives, from any sender."
                : lab == null ? "No lab on " + row.name() + ": every datagram arrives as it was sent."
                : "Lab on " + row.name() + ": " + lab + ". Dropped datagrams show greyed in the log, changed ones marked.");
    }

    @FXML
    void toggle() {
        if (labToggle.isSelected()) {
            apply();
        } else {
            set(null);
        }
    }

    /** Applies the fields to the selected socket's lab (with Enter in a field, while the lab is on). */
    @FXML
    void apply() {
        if (!labToggle.isSelected()) {
            return;   // Enter in a field while the lab is off changes nothing yet
        }
        Integer loss = percent(labLossField, "loss");
        Integer dup = loss == null ? null : percent(labDuplicateField, "duplicate");
        Integer reorder = dup == null ? null : percent(labReorderField, "reorder");
        Integer corrupt = reorder == null ? null : percent(labCorruptField, "corrupt");
        Integer delay = corrupt == null ? null : millis(labDelayField, "delay");
        Integer jitter = delay == null ? null : millis(labJitterField, "jitter");
        Long seed = jitter == null ? null : seed();
        if (seed == null) {
            labToggle.setSelected(false);
            return;
        }
        if (jitter > delay) {
            refuse(labJitterField, "A jitter of " + jitter + " ms is more than the delay of " + delay
                    + " ms: a datagram cannot arrive before it was sent. Make the jitter at most the delay.");
            labToggle.setSelected(false);
            return;
        }
        set(new Lab.Settings(loss, dup, reorder, delay, jitter, corrupt, seed));
    }

    private void set(Lab.Settings settings) {
        SocketRow row = session.selectedSocket();
        if (row == null) {
            return;
        }
        String id = row.id();
        CompletableFuture.supplyAsync(() -> session.engine().lab(id, settings)).thenAccept(done -> Platform.runLater(() -> {
            session.notice(!done ? "No lab: " + row.name() + " is no open UDP socket."
                    : settings == null ? "Lab off on " + row.name() + "." : "Lab on " + row.name() + ": " + settings.describe());
            show();
        }));
    }

    private Integer percent(TextField field, String what) {
        return bounded(field, what, 100, "a percentage");
    }

    private Integer millis(TextField field, String what) {
        return bounded(field, what, 10_000, "in milliseconds");
    }

    /** The field's whole number, 0 to max; null, flagged on the field, for anything else. */
    private Integer bounded(TextField field, String what, int max, String unit) {
        Integer v = number(field, what);
        if (v != null && (v < 0 || v > max)) {
            refuse(field, "The " + what + " is " + unit + ": 0 to " + max + ", not " + v + ".");
            return null;
        }
        return v;
    }

    private Integer number(TextField field, String what) {
        String text = field.getText().strip();
        try {
            return Integer.parseInt(text.isEmpty() ? "0" : text);
        } catch (NumberFormatException e) {
            refuse(field, "'" + text + "' is not a whole number: write the " + what + " as 0, 30 or 150.");
            return null;
        }
    }

    private Long seed() {
        String text = labSeedField.getText().strip();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            refuse(labSeedField, "'" + text + "' is not a seed: write any whole number, such as 1 or 2024.");
            return null;
        }
    }

    private void refuse(TextField field, String why) {
        session.refuse("The lab is unchanged: a field needs fixing.", why, field.getId());
    }
}
