package org.socketplayground.ui.widgets;

import java.util.ArrayList;
import java.util.List;
import javafx.css.CssMetaData;
import javafx.css.Styleable;
import javafx.css.StyleableProperty;
import javafx.css.StyleablePropertyFactory;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;

/**
 * A bar of controls that wraps into more rows, rather than cut its end off, when the window is too narrow for it (a
 * projector's zoom): each child keeps its preferred width (or the row's, if that is less) and goes to the next row when
 * it no longer fits. A child marked {@code HBox.hgrow} takes what its row leaves, as in an HBox: a filter field
 * widens, and a group aligned to the right stays at the right end of its row. Children are centred in their row.
 * The gaps are styleable, in em, so that they follow the zoom: {@code -fx-hgap} and {@code -fx-vgap}. A bar set to
 * {@code alignRight} puts what each row leaves at its left, so that wrapped buttons stay under one another's right end.
 */
public class WrapBar extends Pane {
    private static final StyleablePropertyFactory<WrapBar> CSS = new StyleablePropertyFactory<>(Pane.getClassCssMetaData());
    private final StyleableProperty<Number> hgap = CSS.createStyleableNumberProperty(this, "hgap", "-fx-hgap", b -> b.hgap, 6);
    private final StyleableProperty<Number> vgap = CSS.createStyleableNumberProperty(this, "vgap", "-fx-vgap", b -> b.vgap, 4);
    private boolean alignRight;

    public WrapBar() {
        getStyleClass().add("wrap-bar");
        ((javafx.beans.value.ObservableValue<?>) hgap).addListener(o -> requestLayout());
        ((javafx.beans.value.ObservableValue<?>) vgap).addListener(o -> requestLayout());
    }

    public double getHgap() {
        return hgap.getValue().doubleValue();
    }

    public void setHgap(double gap) {
        hgap.setValue(gap);
    }

    public double getVgap() {
        return vgap.getValue().doubleValue();
    }

    public void setVgap(double gap) {
        vgap.setValue(gap);
    }

    public boolean isAlignRight() {
        return alignRight;
    }

    public void setAlignRight(boolean alignRight) {
        this.alignRight = alignRight;
        requestLayout();
    }

    public static List<CssMetaData<? extends Styleable, ?>> getClassCssMetaData() {
        return CSS.getCssMetaData();
    }

    @Override
    public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() {
        return CSS.getCssMetaData();
    }

    @Override
    public Orientation getContentBias() {
        return Orientation.HORIZONTAL;
    }

    @Override
    protected double computeMinWidth(double height) {
        Insets in = getInsets();
        return in.getLeft() + in.getRight() + getManagedChildren().stream().mapToDouble(n -> n.minWidth(-1)).max().orElse(0);
    }

    @Override
    protected double computePrefWidth(double height) {
        Insets in = getInsets();
        List<Node> children = getManagedChildren();
        // each child as wide as the rows make it (a width snapped to pixels), so that a bar given its width is one row
        double sum = children.stream().mapToDouble(n -> snapSizeX(Math.max(n.prefWidth(-1), n.minWidth(-1)))).sum();
        return in.getLeft() + in.getRight() + sum + Math.max(0, children.size() - 1) * snapSpaceX(getHgap());
    }

    /** It wraps rather than shrink: as tall as its rows at this width. */
    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }

    @Override
    protected double computePrefHeight(double width) {
        Insets in = getInsets();
        double w = width < 0 ? computePrefWidth(-1) : width;
        List<Row> rows = rows(w - in.getLeft() - in.getRight());
        double h = rows.stream().mapToDouble(r -> r.height).sum() + Math.max(0, rows.size() - 1) * snapSpaceY(getVgap());
        return in.getTop() + in.getBottom() + h;
    }

    @Override
    protected void layoutChildren() {
        Insets in = getInsets();
        double y = in.getTop();
        double width = getWidth() - in.getLeft() - in.getRight();
        for (Row row : rows(width)) {
            double x = in.getLeft();
            if (alignRight) {
                double used = row.widths.stream().mapToDouble(Double::doubleValue).sum() + (row.nodes.size() - 1) * snapSpaceX(getHgap());
                x += Math.max(0, width - used);
            }
            for (int i = 0; i < row.nodes.size(); i++) {
                Node n = row.nodes.get(i);
                double w = row.widths.get(i);
                double h = Math.min(Math.max(n.prefHeight(w), n.minHeight(w)), Math.max(row.height, n.minHeight(w)));
                n.resizeRelocate(snapPositionX(x), snapPositionY(y + (row.height - h) / 2), w, snapSizeY(h));
                x += w + snapSpaceX(getHgap());
            }
            y += row.height + snapSpaceY(getVgap());
        }
    }

    /** One row: its children, the widths they get, and its height. */
    private static final class Row {
        final List<Node> nodes = new ArrayList<>();
        final List<Double> widths = new ArrayList<>();
        double used;
        double height;
    }

    private List<Row> rows(double width) {
        double gap = snapSpaceX(getHgap());
        List<Row> rows = new ArrayList<>();
        Row row = null;
        for (Node n : getManagedChildren()) {
            double w = snapSizeX(Math.max(Math.min(n.prefWidth(-1), width), n.minWidth(-1)));
            if (row == null || !row.nodes.isEmpty() && row.used + gap + w > width + 0.5) {
                row = new Row();
                rows.add(row);
            }
            row.used += (row.nodes.isEmpty() ? 0 : gap) + w;
            row.nodes.add(n);
            row.widths.add(w);
        }
        for (Row r : rows) {
            grow(r, width);
            for (int i = 0; i < r.nodes.size(); i++) {
                Node n = r.nodes.get(i);
                double w = r.widths.get(i);
                r.height = Math.max(r.height, snapSizeY(Math.max(n.prefHeight(w), n.minHeight(w))));
            }
        }
        return rows;
    }

    /** What a row leaves goes to its children marked HBox.hgrow, in equal parts, each up to its max width. */
    private static void grow(Row row, double width) {
        List<Integer> growing = new ArrayList<>();
        for (int i = 0; i < row.nodes.size(); i++) {
            Priority p = HBox.getHgrow(row.nodes.get(i));
            if (p == Priority.ALWAYS || p == Priority.SOMETIMES) {
                growing.add(i);
            }
        }
        double left = width - row.used;
        while (left > 0.5 && !growing.isEmpty()) {
            double share = left / growing.size();
            List<Integer> full = new ArrayList<>();
            for (int i : growing) {
                double w = row.widths.get(i);
                double more = Math.min(share, row.nodes.get(i).maxWidth(-1) - w);
                row.widths.set(i, w + more);
                left -= more;
                if (more < share) {
                    full.add(i);
                }
            }
            growing.removeAll(full);
        }
    }
}
