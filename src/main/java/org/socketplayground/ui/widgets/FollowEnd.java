package org.socketplayground.ui.widgets;

import javafx.application.Platform;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.ScrollToEvent;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;

/**
 * Keeps a list or table at its newest row while the reader is there, as a terminal does; scrolled up to read, it stays
 * where the reader is. Used by the live log and the sequence diagram.
 */
public final class FollowEnd {
    private final Control view;
    private final ObservableList<?> items;
    /**
     * Whether the view follows its end. Only the reader changes it (scrolling, dragging, keys, scrollTo): judged from
     * the rows on screen once the view has laid itself out, never while rows are arriving, when the cells on screen
     * may still be those of an earlier layout.
     */
    private boolean following = true;
    /** A reader's act waits to be judged: until then the view does not move, so as not to undo a scroll up. */
    private boolean recheckQueued;
    /**
     * The rows the view had laid out when the reader last acted: the reader is at the end if the last of those is in
     * view. Rows that came after (on a slow machine a frame with new rows can come before the check) say nothing of
     * where the reader went.
     */
    private int rowsSeen;
    private boolean endWanted;

    /**
     * Follows the end of the view's items; refreshed changes after every batch of rows (and a few times a second), when
     * a follower is brought to the newest row.
     */
    public FollowEnd(Control view, ObservableList<?> items, ObservableValue<?> refreshed) {
        this.view = view;
        this.items = items;
        // What the reader does to the view decides whether it follows, once the view has laid itself out again.
        view.addEventFilter(ScrollEvent.ANY, e -> readerActed());
        view.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> readerActed());
        view.addEventFilter(MouseEvent.MOUSE_DRAGGED, e -> readerActed());
        view.addEventFilter(KeyEvent.KEY_RELEASED, e -> readerActed());
        view.addEventFilter(ScrollToEvent.ANY, e -> readerActed());
        items.addListener((ListChangeListener<Object>) c -> endWanted |= following);
        // Rows come in the session's frame; then, while following, the newest row is brought wholly into view. The
        // check runs a few times a second as well, for a view whose height changed after the rows came.
        refreshed.addListener((o, was, now) -> {
            if (following && !recheckQueued && (endWanted || !newestRowInView())) {
                showEnd();
            }
            endWanted = endWanted && recheckQueued;
        });
    }

    public boolean following() {
        return following;
    }

    /** Follows the end again and shows it: the log resumed or cleared. */
    public void resume() {
        following = true;
        showEnd();
    }

    /**
     * The items were replaced for a reason that is not the reader's (a filter): a follower stays at the end, which a
     * new filter must not take to the top; a reader is judged again, for a filter that leaves a few rows shows their end.
     */
    public void itemsReplaced() {
        if (following) {
            showEnd();
        } else {
            rowsSeen = items.size();
            recheckFollowing();
        }
    }

    /** The reader scrolled, dragged, pressed a key or a row was scrolled to: judged once the view has laid out. */
    private void readerActed() {
        VirtualFlow<?> flow = flow();
        rowsSeen = flow == null ? items.size() : flow.getCellCount();
        recheckFollowing();
    }

    private void recheckFollowing() {
        if (recheckQueued) {
            return;
        }
        recheckQueued = true;
        Platform.runLater(() -> {
            recheckQueued = false;
            view.layout();
            VirtualFlow<?> flow = flow();
            IndexedCell<?> last = flow == null ? null : flow.getLastVisibleCell();
            following = last == null || last.getIndex() >= Math.min(rowsSeen, items.size()) - 1;
        });
    }

    /** Whether the newest row is wholly in view, within a pixel: rows of fractional height end between pixels. */
    private boolean newestRowInView() {
        VirtualFlow<?> flow = flow();
        if (flow == null || items.isEmpty()) {
            return true;
        }
        IndexedCell<?> last = flow.getLastVisibleCell();
        Node viewport = view.lookup(".clipped-container");
        return last != null && viewport != null && last.getIndex() >= items.size() - 1
                && last.localToScene(last.getBoundsInLocal()).getMaxY() <= viewport.localToScene(viewport.getBoundsInLocal()).getMaxY() + 1;
    }

    /**
     * Scrolls so that the newest row is wholly in view, at the bottom. Position 1 is the flow's end exactly, laid out from
     * the last row up, and stays the end as rows come; scrolling to the last index instead goes by the flow's estimate of
     * its rows' heights, which can be wrong and leave the view mid-list, again at every try.
     */
    private void showEnd() {
        VirtualFlow<?> flow = flow();
        if (items.isEmpty() || flow == null) {
            return;
        }
        flow.setPosition(1);
    }

    private VirtualFlow<?> flow() {
        return view.lookup(".virtual-flow") instanceof VirtualFlow<?> flow ? flow : null;
    }
}
