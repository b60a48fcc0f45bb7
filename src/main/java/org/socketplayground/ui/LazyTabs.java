package org.socketplayground.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import org.socketplayground.ui.session.Session;

/**
 * Tabs whose view the first frame does not show, loaded later (as Scene Builder does): a tab's FXML loads when the
 * tab is chosen, or else one tab at a time right after the window's first frame, so that every fx:id can be looked up
 * a moment after the window shows. The first frame then builds, styles and lays out only what it shows.
 */
final class LazyTabs {
    private final Session session;
    private final Map<Tab, Pending<?>> pending = new LinkedHashMap<>();

    private record Pending<C>(Class<C> view, Consumer<C> loaded) {
    }

    LazyTabs(Session session) {
        this.session = session;
    }

    /** The tab's content is the view, once loaded; then loaded gets its controller. */
    <C> void add(Tab tab, Class<C> view, Consumer<C> loaded) {
        pending.put(tab, new Pending<>(view, loaded));
        tab.selectedProperty().addListener((o, was, now) -> {
            if (now) {
                load(tab);
            }
        });
        if (tab.isSelected()) {
            load(tab);
        }
    }

    /** After the scene's first frame (its first layout pass), loads what is left, a tab per turn of the event queue. */
    void loadAfterFirstFrame(Scene scene) {
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            Platform.runLater(this::loadNext);
        };
        scene.addPostLayoutPulseListener(once[0]);
    }

    private void loadNext() {
        if (!pending.isEmpty()) {
            load(pending.keySet().iterator().next());
            Platform.runLater(this::loadNext);
        }
    }

    private void load(Tab tab) {
        Pending<?> view = pending.remove(tab);
        if (view != null) {
            install(tab, view);
        }
    }

    private <C> void install(Tab tab, Pending<C> view) {
        try {
            Views.Loaded<C> loaded = Views.load(view.view(), session);
            tab.setContent(loaded.root());
            view.loaded().accept(loaded.controller());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
