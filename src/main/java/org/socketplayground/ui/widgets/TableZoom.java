package org.socketplayground.ui.widgets;

import javafx.beans.value.ObservableIntegerValue;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import org.socketplayground.ui.theme.Projector;

/**
 * A table's columns follow the text size: at the default size (the one the FXML's widths are given at) they fill the table; zoomed in, they widen with the
 * text, keep it whole, and the table scrolls sideways.
 */
public final class TableZoom {
    private TableZoom() {
    }

    public static void follow(TableView<?> table, ObservableIntegerValue fontSize) {
        int columns = table.getColumns().size();
        double[] pref = new double[columns];
        double[] min = new double[columns];
        for (int i = 0; i < columns; i++) {
            pref[i] = table.getColumns().get(i).getPrefWidth();
            min[i] = table.getColumns().get(i).getMinWidth();
        }
        Runnable apply = () -> {
            double scale = fontSize.get() / (double) Projector.DEFAULT_SIZE;
            table.setColumnResizePolicy(scale > 1 ? TableView.UNCONSTRAINED_RESIZE_POLICY
                    : TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
            for (int i = 0; i < columns; i++) {
                TableColumn<?, ?> column = table.getColumns().get(i);
                column.setPrefWidth(pref[i] * scale);
                column.setMinWidth(min[i] * scale);
            }
        };
        fontSize.addListener((o, was, now) -> apply.run());
        apply.run();
    }
}
