package org.socketplayground.ui.calls;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextField;
import org.socketplayground.system.Interfaces;

/**
 * The ▾ beside the host: the addresses a lesson uses, port 0, and the broadcast addresses of the machine's
 * interfaces (read off the JavaFX thread; they go into the to field, where a broadcast is sent), one click away.
 */
final class HostPicks {
    private static final String[][] PICKS = {
        {"127.0.0.1", "127.0.0.1 — this machine only (IPv4)"},
        {"''", "'' — every interface"},
        {"0.0.0.0", "0.0.0.0 — every interface (IPv4)"},
        {"::1", "::1 — this machine only (IPv6)"},
        {"::", ":: — every interface (IPv6)"},
        {"localhost", "localhost — a name the resolver turns into an address"},
    };

    private HostPicks() {
    }

    static void fill(MenuButton menu, TextField host, TextField port, TextField destination) {
        for (String[] p : PICKS) {
            MenuItem item = new MenuItem(p[1]);
            item.setOnAction(e -> host.setText(p[0]));
            menu.getItems().add(item);
        }
        menu.getItems().add(new SeparatorMenuItem());
        MenuItem anyPort = new MenuItem("port 0 — let the system pick a free port");
        anyPort.setOnAction(e -> port.setText("0"));
        menu.getItems().add(anyPort);
        CompletableFuture.supplyAsync(Interfaces::list).thenAccept(list -> Platform.runLater(() -> {
            List<MenuItem> broadcasts = new ArrayList<>();
            list.stream().filter(a -> !a.broadcast().isEmpty()).map(a -> a.broadcast() + " — broadcast on " + a.interfaceName()
                    + " (to field; needs SO_BROADCAST)").distinct().forEach(text -> {
                        MenuItem item = new MenuItem(text);
                        item.setOnAction(e -> destination.setText(text.substring(0, text.indexOf(' '))));
                        broadcasts.add(item);
                    });
            if (!broadcasts.isEmpty()) {
                menu.getItems().add(new SeparatorMenuItem());
                menu.getItems().addAll(broadcasts);
            }
        }));
    }
}
