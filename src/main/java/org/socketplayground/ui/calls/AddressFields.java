package org.socketplayground.ui.calls;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import org.socketplayground.i18n.Texts;
import org.socketplayground.ui.widgets.LaterTips;

/**
 * The address fields follow the selected socket's family. An AF_UNIX socket is addressed by a path, typed in the host
 * fields (an abstract name as Python writes it, {@code \0name}); its port fields are off and say why. Each host field
 * keeps what was typed for the other kind, so that going back to a UDP socket finds 127.0.0.1 again.
 */
final class AddressFields {
    /** What the host fields offer the first time an AF_UNIX socket is selected: one path, to bind and to send to. */
    static final String SUGGESTED_PATH = Path.of(System.getProperty("java.io.tmpdir"), "playground.sock").toString();

    private final TextField host;
    private final TextField port;
    private final TextField destHost;
    private final TextField destPort;
    private final Map<TextField, String> otherKind = new HashMap<>();
    private final Map<TextField, Tooltip> tips = new HashMap<>();
    /** The prompts the FXML gave the fields (host, destination host, port), for going back from a path. */
    private final Map<TextField, String> prompts = new HashMap<>();
    private boolean unix;

    AddressFields(TextField host, TextField port, TextField destHost, TextField destPort) {
        this.host = host;
        this.port = port;
        this.destHost = destHost;
        this.destPort = destPort;
        for (TextField f : List.of(host, port, destHost, destPort)) {
            prompts.put(f, f.getPromptText());
        }
    }

    /** Whether the fields hold AF_UNIX addresses now. */
    boolean unix() {
        return unix;
    }

    /** Shows the fields for the selected socket's kind of address. */
    void show(boolean unixNow) {
        if (unixNow == unix) {
            return;
        }
        unix = unixNow;
        for (TextField f : List.of(host, port, destHost, destPort)) {
            tips.computeIfAbsent(f, LaterTips::tooltipOf);   // the FXML's, for going back from a path
        }
        for (TextField f : List.of(host, destHost)) {
            String kept = otherKind.getOrDefault(f, unix ? SUGGESTED_PATH : "127.0.0.1");
            otherKind.put(f, f.getText());
            f.setText(kept);
            f.setPromptText(unix ? Texts.get("calls.addressFields.pathPrompt") : prompts.get(f));
            f.setTooltip(unix ? new Tooltip(f == host
                    ? Texts.get("calls.addressFields.hostPathTip", SUGGESTED_PATH)
                    : Texts.get("calls.addressFields.destPathTip")) : tips.get(f));
        }
        for (TextField f : List.of(port, destPort)) {
            String kept = otherKind.getOrDefault(f, "");
            otherKind.put(f, f.getText());
            f.setText(kept);   // empty while off: a greyed 9999 would read as a port in use
            f.setPromptText(unix ? "–" : prompts.get(f));
            f.setTooltip(unix ? new Tooltip(Texts.get("calls.addressFields.portsOff")) : tips.get(f));
        }
    }
}
