package org.socketplayground.ui.widgets;

import javafx.animation.Animation;
import javafx.animation.ScaleTransition;
import javafx.scene.Node;
import javafx.util.Duration;

/**
 * The button Show me is about to press, for a class to see: it wears the style class {@value #STYLE} (an outline in
 * the theme's accent, see the sheets) and pulses gently until the next line of the step, or its end, releases it.
 * One per view: pressing another control releases the one before.
 */
public final class DemoPress {
    public static final String STYLE = "demo-press";
    private static final Duration BEAT = Duration.millis(450);
    private Node pressed;
    private Animation pulse;

    /** Highlights the control (null: none), releasing the one highlighted before. */
    public void press(Node control) {
        release();
        if (control == null) {
            return;
        }
        pressed = control;
        control.getStyleClass().add(STYLE);
        ScaleTransition beat = new ScaleTransition(BEAT, control);
        beat.setFromX(1);
        beat.setFromY(1);
        beat.setToX(1.08);
        beat.setToY(1.08);
        beat.setAutoReverse(true);
        beat.setCycleCount(Animation.INDEFINITE);
        pulse = beat;
        pulse.play();
    }

    public void release() {
        if (pressed == null) {
            return;
        }
        pulse.stop();
        pressed.setScaleX(1);
        pressed.setScaleY(1);
        pressed.getStyleClass().remove(STYLE);
        pressed = null;
        pulse = null;
    }
}
