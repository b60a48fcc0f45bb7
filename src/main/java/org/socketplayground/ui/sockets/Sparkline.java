package org.socketplayground.ui.sockets;

import javafx.scene.layout.Region;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Polyline;
import org.socketplayground.ui.session.RateMeter;

/**
 * A small line chart without axes: the last minute of a rate, scaled to its own peak, so that a class sees a
 * flood start and stop. Shapes rather than a chart control: it redraws a few times a second under a flood.
 */
public final class Sparkline extends Region {
    private final Polygon area = new Polygon();
    private final Polyline line = new Polyline();
    private double[] values = new double[0];
    private double peak;

    public Sparkline() {
        getStyleClass().add("sparkline");
        area.getStyleClass().add("sparkline-area");
        line.getStyleClass().add("sparkline-line");
        area.setManaged(false);
        line.setManaged(false);
        getChildren().addAll(area, line);
        setMinSize(60, 18);
    }

    /** The points to draw, oldest first; the newest is at the right edge. */
    public void setValues(double[] values) {
        if (java.util.Arrays.equals(values, this.values)) {
            return;   // the same drawing: nothing to lay out, nothing to repaint
        }
        this.values = values.clone();
        peak = 0;
        for (double v : values) {
            peak = Math.max(peak, v);
        }
        requestLayout();
    }

    /** The highest of the values, the top of the drawing. */
    public double peak() {
        return peak;
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth() - snappedLeftInset() - snappedRightInset();
        double h = getHeight() - snappedTopInset() - snappedBottomInset();
        double x0 = snappedLeftInset();
        double bottom = snappedTopInset() + h;
        int slots = RateMeter.HISTORY_SECONDS - 1;
        int first = slots - (values.length - 1);
        Double[] points = new Double[values.length * 2];
        for (int i = 0; i < values.length; i++) {
            points[2 * i] = x0 + w * (first + i) / slots;
            points[2 * i + 1] = bottom - (peak <= 0 ? 0 : (h - 1) * values[i] / peak) - 0.5;
        }
        line.getPoints().setAll(points);
        area.getPoints().setAll(points);
        if (values.length > 0) {
            area.getPoints().addAll(points[points.length - 2], bottom, points[0], bottom);
        }
    }
}
