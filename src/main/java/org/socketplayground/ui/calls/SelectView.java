package org.socketplayground.ui.calls;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.TextField;
import org.socketplayground.engine.SocketEngine;
import org.socketplayground.engine.py.PyValue;
import org.socketplayground.i18n.Texts;
import org.socketplayground.ui.session.Session;
import org.socketplayground.ui.session.SocketRow;

/**
 * The select() row of the calls pane: {@code select.select([read], [write], [], timeout)} over sockets named as the
 * socket table names them, a waiting call like any other (Esc or Abandon ends it). Ticking a socket's Watch box in
 * the table adds it to the read list, and unticking takes it out. Names that are no socket are refused on their field;
 * a closed socket goes through, so that Python's own ValueError shows.
 */
public final class SelectView {
    private final Session session;
    @FXML private TextField selectReadField;
    @FXML private TextField selectWriteField;
    @FXML private TextField selectTimeoutField;

    public SelectView(Session session) {
        this.session = session;
    }

    @FXML
    private void initialize() {
        ChangeListener<Boolean> watch = (o, was, now) -> showWatched();
        session.sockets().addListener((ListChangeListener<SocketRow>) change -> {
            while (change.next()) {
                change.getAddedSubList().forEach(row -> row.watchedProperty().addListener(watch));
                change.getRemoved().forEach(row -> row.watchedProperty().removeListener(watch));
            }
        });
        session.sockets().forEach(row -> row.watchedProperty().addListener(watch));
    }

    /** The read list follows the Watch ticks: the ticked sockets in the table's order, then names typed by hand. */
    private void showWatched() {
        Set<String> names = new LinkedHashSet<>();
        List<String> typed = names(selectReadField.getText());
        for (SocketRow row : session.sockets()) {
            if (row.watchedProperty().get()) {
                names.add(row.name());
            }
        }
        for (String name : typed) {
            SocketRow row = rowNamed(name);
            if (row == null || row.watchedProperty().get()) {
                names.add(name);   // a name the table does not know stays for the check to flag
            }
        }
        selectReadField.setText(String.join(", ", names));
    }

    @FXML
    void select() {
        List<PyValue> read = sockets(selectReadField, Texts.get("calls.selectView.field.read"));
        List<PyValue> write = read == null ? null : sockets(selectWriteField, Texts.get("calls.selectView.field.write"));
        if (read == null || write == null) {
            return;
        }
        if (read.isEmpty() && write.isEmpty()) {
            refuse(selectReadField, Texts.get("calls.selectView.field.read"), Texts.get("calls.selectView.nameASocket"));
            return;
        }
        String t = selectTimeoutField.getText().strip();
        PyValue timeout;
        if (t.isEmpty() || t.equals("None")) {
            timeout = PyValue.NONE;
        } else {
            try {
                double seconds = Double.parseDouble(t);
                timeout = t.matches("-?\\d+") ? PyValue.of(Long.parseLong(t)) : new PyValue.Float(seconds);
            } catch (NumberFormatException e) {
                refuse(selectTimeoutField, Texts.get("calls.callsView.field.timeout"), Texts.get("calls.selectView.notSeconds", t));
                return;
            }
        }
        session.perform(SocketEngine.MODULE, "select",
                List.of(new PyValue.PyList(read), new PyValue.PyList(write), new PyValue.PyList(List.of()), timeout));
    }

    /** The sockets a list field names, or null (refused) when a name is no socket of the table. */
    private List<PyValue> sockets(TextField field, String what) {
        List<PyValue> out = new ArrayList<>();
        for (String name : names(field.getText())) {
            SocketRow row = rowNamed(name);
            if (row == null) {
                refuse(field, what, Texts.get("calls.selectView.noSuchSocket", name));
                return null;
            }
            out.add(new PyValue.SocketRef(row.id()));
        }
        return out;
    }

    private static List<String> names(String text) {
        List<String> out = new ArrayList<>();
        for (String part : text.replace("[", "").replace("]", "").split("[,\\s]+")) {
            if (!part.isBlank()) {
                out.add(part.strip());
            }
        }
        return out;
    }

    /** A row by the name the table shows (a lesson's name, or the id), or by its id. */
    private SocketRow rowNamed(String name) {
        for (SocketRow row : session.sockets()) {
            if (row.name().equals(name) || row.id().equals(name)) {
                return row;
            }
        }
        return null;
    }

    private void refuse(TextField field, String what, String why) {
        session.refuse(Texts.get("calls.callsView.fieldNeedsFixing", what), why, field.getId());
    }
}
