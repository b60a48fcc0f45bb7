package org.socketplayground.ui.widgets;

import java.util.List;
import javafx.beans.value.ObservableIntegerValue;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import org.socketplayground.ui.theme.Projector;

/**
 * A table's columns follow the text size: their widths in the FXML are given at the default size, and zoomed in
 * they widen with the text. The columns fill the table and shrink to their least widths before anything else
 * happens; when even those do not fit (a projector's zoom on a narrow window), the less important columns hide, in
 * the order given, so that the ones that matter stay in view without scrolling sideways. Only when the columns left
 * still do not fit does the table scroll sideways.
 */
public final class TableZoom {
    private TableZoom() {
    }

    /**
     * @param mayHide the columns that may hide when the table is too narrow, the least important first; they come
     *                back when there is room again
     */
    public static void follow(TableView<?> table, ObservableIntegerValue fontSize, TableColumn<?, ?>... mayHide) {
        List<? extends TableColumn<?, ?>> columns = List.copyOf(table.getColumns());
        double[] pref = new double[columns.size()];
        double[] min = new double[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            pref[i] = columns.get(i).getPrefWidth();
            min[i] = columns.get(i).getMinWidth();
        }
        Runnable fit = () -> {
            double scale = fontSize.get() / (double) Projector.DEFAULT_SIZE;
            // the table's own frame and room for its vertical scroll bar, which may come and go with the rows
            double room = table.getWidth() - table.snappedLeftInset() - table.snappedRightInset() - scrollBarWidth(table, fontSize.get());
            double need = 0;
            for (int i = 0; i < columns.size(); i++) {
                need += min[i] * scale;
            }
            for (TableColumn<?, ?> column : mayHide) {
                boolean hide = need > room && table.getWidth() > 0;
                column.setVisible(!hide);
                if (hide) {
                    need -= min[columns.indexOf(column)] * scale;
                }
            }
            table.setColumnResizePolicy(need <= room || table.getWidth() == 0
                    ? TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN : TableView.UNCONSTRAINED_RESIZE_POLICY);
        };
        Runnable zoom = () -> {
            double scale = fontSize.get() / (double) Projector.DEFAULT_SIZE;
            for (int i = 0; i < columns.size(); i++) {
                columns.get(i).setPrefWidth(pref[i] * scale);
                columns.get(i).setMinWidth(min[i] * scale);
            }
            fit.run();
        };
        fontSize.addListener((o, was, now) -> zoom.run());
        table.widthProperty().addListener((o, was, now) -> fit.run());
        zoom.run();
    }

    /** The width of the table's vertical scroll bar, or a guess before the table has one. */
    private static double scrollBarWidth(TableView<?> table, int fontSize) {
        for (Node n : table.lookupAll(".scroll-bar")) {
            if (n instanceof ScrollBar bar && bar.getOrientation() == Orientation.VERTICAL) {
                return bar.prefWidth(-1);
            }
        }
        return 1.2 * fontSize;
    }
}
