package org.socketplayground.ui.diagram;

import javafx.geometry.Pos;
import javafx.scene.AccessibleRole;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.shape.Line;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.Polygon;
import org.socketplayground.ui.session.SenderColors;

/**
 * One row of the sequence diagram: the lanes' lines, the time, and one arrow from its sender's lane (a dot in the
 * sender's colour) to its receiver's, labelled above; a datagram the lab dropped ends in a cross. The arrow is a node
 * of style class {@code message} whose accessible text says what went where.
 */
final class ArrowRow extends Pane {
    private final Path lanes = new Path();
    private final Label time = new Label();
    private final Line line = new Line();
    private final Polygon head = new Polygon();
    private final Path cross = new Path();
    private final Region dot = new Region();
    private final Label label = new Label();
    private final Group message = new Group(line, head, cross, dot, label);
    private final Tooltip tip = new Tooltip();
    private LaneLayout drawnFor;

    ArrowRow() {
        getStyleClass().add("diagram-row");
        lanes.getStyleClass().add("lane-line");
        time.getStyleClass().add("diagram-time");
        line.getStyleClass().add("message-line");
        head.getStyleClass().add("message-head");
        cross.getStyleClass().add("message-cross");
        label.getStyleClass().add("message-label");
        label.setAlignment(Pos.CENTER);
        label.setTooltip(tip);
        message.setAccessibleRole(AccessibleRole.TEXT);
        getChildren().addAll(lanes, time, message);
    }

    /** Draws the arrow (none: the lanes only) as the layout places it. */
    void show(Arrow arrow, LaneLayout layout) {
        double h = layout.rowHeight();
        if (layout != drawnFor) {
            drawnFor = layout;
            lanes.getElements().clear();
            for (int i = 0; i < layout.lanes().size(); i++) {
                double x = layout.x(layout.lanes().get(i).key());
                lanes.getElements().addAll(new MoveTo(x, 0), new LineTo(x, h));
            }
            setMinSize(layout.width(), h);
            setPrefSize(layout.width(), h);
        }
        double x1 = arrow == null ? -1 : layout.x(arrow.from());
        double x2 = arrow == null ? -1 : layout.x(arrow.to());
        message.setVisible(x1 >= 0 && x2 >= 0);
        time.setText(arrow == null ? "" : arrow.time());
        time.relocate(h * 0.12, h * 0.72 - time.prefHeight(-1) / 2);   // level with the arrow
        if (!message.isVisible()) {
            message.setAccessibleText(null);
            return;
        }
        if (x1 == x2) {   // to itself: a short arrow coming back from the right
            x1 += layout.laneWidth() * 0.35;
        }
        double dir = Math.signum(x2 - x1);
        double y = h * 0.72;
        double a = h * 0.22;
        double end = arrow.dropped() ? x1 + (x2 - x1) * 0.8 : x2 - dir * a * 0.5;
        line.setStartX(x1);
        line.setStartY(y);
        line.setEndX(end);
        line.setEndY(y);
        head.setVisible(!arrow.dropped());
        head.getPoints().setAll(x2, y, x2 - dir * a, y - a * 0.5, x2 - dir * a, y + a * 0.5);
        cross.setVisible(arrow.dropped());
        double c = a * 0.5;
        cross.getElements().setAll(new MoveTo(end - c, y - c), new LineTo(end + c, y + c), new MoveTo(end - c, y + c), new LineTo(end + c, y - c));
        double d = h * 0.26;
        dot.setMinSize(d, d);
        dot.setPrefSize(d, d);
        dot.setMaxSize(d, d);
        dot.relocate(x1 - d / 2, y - d / 2);
        dot.getStyleClass().setAll("message-dot");
        int colour = layout.colour(arrow.from()) >= 0 ? layout.colour(arrow.from()) : arrow.colour();   // as its lane's heading
        if (colour >= 0 && colour < SenderColors.PALETTE_SIZE) {
            dot.getStyleClass().add(SenderColors.styleClass(colour));
        }
        // The label is the row's only text: it may reach past the arrow's ends, centred on it, within the row.
        label.setText(arrow.label());
        tip.setText(arrow.label());
        label.setPrefWidth(USE_COMPUTED_SIZE);
        label.setMaxWidth(USE_COMPUTED_SIZE);
        double room = layout.width() - layout.timeWidth();
        double w = Math.min(room, Math.max(Math.abs(x2 - x1) - h * 0.2, label.prefWidth(-1)));
        label.setPrefWidth(w);
        label.setMaxWidth(w);
        double left = Math.min(layout.width() - w, (x1 + x2) / 2 - w / 2);
        label.relocate(Math.max(layout.timeWidth(), left), h * 0.02);
        message.getStyleClass().setAll("message");
        if (arrow.bundle()) {
            message.getStyleClass().add("bundle");
        }
        if (arrow.dropped()) {
            message.getStyleClass().add("dropped");
        }
        message.setAccessibleText(arrow.text());
    }
}
