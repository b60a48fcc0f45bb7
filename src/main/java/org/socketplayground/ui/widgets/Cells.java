package org.socketplayground.ui.widgets;

import java.util.Objects;
import java.util.function.Function;
import javafx.scene.Node;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;

/** Table cells that wear a style class chosen from their text, cheap enough to update every frame. */
public final class Cells {
    private Cells() {
    }

    /** A text cell whose style class is {@code styleOf(text)} (none for null). */
    public static <S> TableCell<S, String> styled(Function<String, String> styleOf) {
        return styled(styleOf, text -> null);
    }

    /** A text cell whose style class is {@code styleOf(text)} and whose tooltip is {@code tipOf(text)} (none for null). */
    public static <S> TableCell<S, String> styled(Function<String, String> styleOf, Function<String, String> tipOf) {
        return new TableCell<>() {
            private String applied;
            private String tip;

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                applied = swapStyle(this, applied, empty || item == null ? null : styleOf.apply(item));
                String wanted = empty || item == null ? null : tipOf.apply(item);
                if (!Objects.equals(tip, wanted)) {   // a new Tooltip only when the text changes: cells update every frame
                    tip = wanted;
                    setTooltip(wanted == null ? null : new Tooltip(wanted));
                }
            }
        };
    }

    /**
     * Puts the wanted style class on a node in place of the one it had, touching the list only when they differ:
     * each change costs the cell a new CSS pass, and under a flood the cells are updated every frame.
     */
    public static String swapStyle(Node node, String applied, String wanted) {
        if (!Objects.equals(applied, wanted)) {
            if (applied != null) {
                node.getStyleClass().remove(applied);
            }
            if (wanted != null) {
                node.getStyleClass().add(wanted);
            }
        }
        return wanted;
    }
}
