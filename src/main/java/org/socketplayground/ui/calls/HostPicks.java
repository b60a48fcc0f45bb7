package org.socketplayground.ui.calls;

import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextField;

/** The ▾ beside the host: the addresses a lesson uses, and port 0, one click away. */
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

    static void fill(MenuButton menu, TextField host, TextField port) {
        for (String[] p : PICKS) {
            MenuItem item = new MenuItem(p[1]);
            item.setOnAction(e -> host.setText(p[0]));
            menu.getItems().add(item);
        }
        menu.getItems().add(new SeparatorMenuItem());
        MenuItem anyPort = new MenuItem("port 0 — let the system pick a free port");
        anyPort.setOnAction(e -> port.setText("0"));
        menu.getItems().add(anyPort);
    }
}
