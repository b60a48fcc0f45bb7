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
import javafx.util.StringConverter;
import org.socketplayground.engine.Lab;
import org.socketplayground.i18n.Texts;
import org.socketplayground.ui.session.Session;
import org.socketplayground.ui.session.SocketRow;

/**
 * The Lab tab: an unreliable network inside the app, in front of what the selected UDP socket receives (loss,
 * duplicates, reordering, delay with jitter, corruption, a seed to repeat a run). What the lab does shows in the log:
 * dropped datagrams greyed with their sender, the others marked. Bad values are flagged on their field and nothing is
 * applied.
 */
public final class LabView {
    /** Ready-made networks: loss, duplicate, reorder, delay, jitter, corrupt. By their English name, which is their id. */
    static final Map<String, int[]> PRESETS = new LinkedHashMap<>();
    /** Each preset's name as the window shows it: the key of its words. */
    private static final Map<String, String> PRESET_TEXTS = new LinkedHashMap<>();

    static {
        PRESETS.put("UDP pinger lab: 30% loss", new int[] {30, 0, 0, 0, 0, 0});
        PRESETS.put("Bad Wi-Fi", new int[] {10, 2, 5, 40, 30, 1});
        PRESETS.put("Far away: 150 ms ± 50 ms", new int[] {0, 0, 0, 150, 50, 0});
        PRESET_TEXTS.put("UDP pinger lab: 30% loss", "system.labView.preset.pinger");
        PRESET_TEXTS.put("Bad Wi-Fi", "system.labView.preset.badWifi");
        PRESET_TEXTS.put("Far away: 150 ms ± 50 ms", "system.labView.preset.farAway");
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
        // The items stay the presets' ids; only what the box shows is in the window's language.
        labPresetChoice.setConverter(new StringConverter<>() {
            @Override
            public String toString(String id) {
                return id == null ? null : PRESET_TEXTS.containsKey(id) ? Texts.get(PRESET_TEXTS.get(id)) : id;
            }

            @Override
            public String fromString(String text) {
                return PRESET_TEXTS.keySet().stream().filter(id -> Texts.get(PRESET_TEXTS.get(id)).equals(text)).findFirst()
                        .orElse(text);
            }
        });
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
        labSummary.setText(!udp ? Texts.get("system.labView.summary.noUdp")
                : lab == null ? Texts.get("system.labView.summary.off", row.name())
                : Texts.get("system.labView.summary.on", row.name(), lab));
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
        Integer loss = percent(labLossField, Texts.get("system.labView.what.loss"));
        Integer dup = loss == null ? null : percent(labDuplicateField, Texts.get("system.labView.what.duplicate"));
        Integer reorder = dup == null ? null : percent(labReorderField, Texts.get("system.labView.what.reorder"));
        Integer corrupt = reorder == null ? null : percent(labCorruptField, Texts.get("system.labView.what.corrupt"));
        Integer delay = corrupt == null ? null : millis(labDelayField, Texts.get("system.labView.what.delay"));
        Integer jitter = delay == null ? null : millis(labJitterField, Texts.get("system.labView.what.jitter"));
        Long seed = jitter == null ? null : seed();
        if (seed == null) {
            labToggle.setSelected(false);
            return;
        }
        if (jitter > delay) {
            refuse(labJitterField, Texts.get("system.labView.jitterOverDelay", jitter, delay));
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
            session.notice(!done ? Texts.get("system.labView.notice.noSocket", row.name())
                    : settings == null ? Texts.get("system.labView.notice.off", row.name())
                    : Texts.get("system.labView.notice.on", row.name(), settings.describe()));
            show();
        }));
    }

    private Integer percent(TextField field, String what) {
        return bounded(field, what, 100, "system.labView.outOfRange.percent");
    }

    private Integer millis(TextField field, String what) {
        return bounded(field, what, 10_000, "system.labView.outOfRange.millis");
    }

    /** The field's whole number, 0 to max; null, flagged on the field, for anything else (saying so by the key's words). */
    private Integer bounded(TextField field, String what, int max, String outOfRangeKey) {
        Integer v = number(field, what);
        if (v != null && (v < 0 || v > max)) {
            refuse(field, Texts.get(outOfRangeKey, what, max, v));
            return null;
        }
        return v;
    }

    private Integer number(TextField field, String what) {
        String text = field.getText().strip();
        try {
            return Integer.parseInt(text.isEmpty() ? "0" : text);
        } catch (NumberFormatException e) {
            refuse(field, Texts.get("system.labView.notWhole", text, what));
            return null;
        }
    }

    private Long seed() {
        String text = labSeedField.getText().strip();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            refuse(labSeedField, Texts.get("system.labView.notSeed", text));
            return null;
        }
    }

    private void refuse(TextField field, String why) {
        session.refuse(Texts.get("system.labView.unchanged"), why, field.getId());
    }
}
