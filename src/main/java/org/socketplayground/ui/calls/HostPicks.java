package org.socketplayground.ui.calls;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextField;
import org.socketplayground.i18n.Texts;
import org.socketplayground.system.Interfaces;

/**
 * The ▾ beside the host: the addresses a lesson uses, port 0, and the broadcast addresses of the machine's
 * interfaces (read off the JavaFX thread; they go into the to field, where a broadcast is sent), one click away.
 */
final class HostPicks {
    /** The host each entry puts in the field, and the entry: the host with words around it. */
    private static String[][] picks() {
        return new String[][] {
            {"127.0.0.1", Texts.get("calls.hostPicks.loopback4", "127.0.0.1")},
            {"''", Texts.get("calls.hostPicks.everyInterface", "''")},
            {"0.0.0.0", Texts.get("calls.hostPicks.everyInterface4", "0.0.0.0")},
            {"::1", Texts.get("calls.hostPicks.loopback6", "::1")},
            {"::", Texts.get("calls.hostPicks.everyInterface6", "::")},
            {"localhost", Texts.get("calls.hostPicks.localhost", "localhost")},
        };
    }

    private HostPicks() {
    }

    static void fill(MenuButton menu, TextField host, TextField port, TextField destination) {
        for (String[] p : picks()) {
            MenuItem item = new MenuItem(p[1]);
            item.setOnAction(e -> host.setText(p[0]));
            menu.getItems().add(item);
        }
        menu.getItems().add(new SeparatorMenuItem());
        MenuItem anyPort = new MenuItem(Texts.get("calls.hostPicks.port0"));
        anyPort.setOnAction(e -> port.setText("0"));
        menu.getItems().add(anyPort);
        CompletableFuture.supplyAsync(Interfaces::list).thenAccept(list -> Platform.runLater(() -> {
            List<MenuItem> broadcasts = new ArrayList<>();
            // The address is kept apart from the words around it: the entry puts the address alone in the to field.
            list.stream().filter(a -> !a.broadcast().isEmpty()).map(a -> List.of(a.broadcast(), a.interfaceName()))
                    .distinct().forEach(pick -> {
                        MenuItem item = new MenuItem(Texts.get("calls.hostPicks.broadcast", pick.get(0), pick.get(1)));
                        item.setOnAction(e -> destination.setText(pick.get(0)));
                        broadcasts.add(item);
                    });
            if (!broadcasts.isEmpty()) {
                menu.getItems().add(new SeparatorMenuItem());
                menu.getItems().addAll(broadcasts);
            }
        }));
    }
}
