package org.socketplayground.ui.calls;

import java.util.function.BooleanSupplier;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import org.socketplayground.i18n.Texts;
import org.socketplayground.ui.session.AutoReply;
import org.socketplayground.ui.session.Inputs;
import org.socketplayground.ui.session.Session;
import org.socketplayground.ui.session.SocketRow;

/**
 * The two toggles that start a receive loop on the selected socket: "receive continuously", and "auto-reply", which
 * also answers every sender with the prefix and its data, like the classroom echo server.
 */
final class ReceiveLoops {
    /** Input that cannot start a loop: the field, what it holds, and why. */
    interface Refusal {
        void refuse(TextField field, String what, String why);
    }

    private final Session session;
    private final ToggleButton receiveToggle;
    private final ToggleButton replyToggle;
    private final BooleanSupplier requireSocket;
    /** Set while the toggles show a socket's loop: then a change is no request to start or stop one. */
    private boolean showing;

    ReceiveLoops(Session session, ToggleButton receiveToggle, ToggleButton replyToggle, BooleanSupplier requireSocket) {
        this.session = session;
        this.receiveToggle = receiveToggle;
        this.replyToggle = replyToggle;
        this.requireSocket = requireSocket;
    }

    void receiveContinuously(boolean on, TextField bufsizeField, Refusal refusal) {
        if (showing) {
            return;
        }
        SocketRow row = session.selectedSocket();
        if (!requireSocket.getAsBoolean() || !on) {
            if (row != null) {
                session.stopReceiving(row.id());
            }
            show(false);
            return;
        }
        Inputs.Parsed<Long> size = Inputs.bufsize(bufsizeField.getText());
        if (!size.ok() || size.value() < 0) {
            show(false);
            refusal.refuse(bufsizeField, Texts.get("calls.callsView.field.bufsize"), size.ok() ? size.warning() : size.error());
            return;
        }
        session.startReceiving(row.id(), row.info().type().isStream(), Math.max(size.value(), 1), null);
    }

    void autoReply(boolean on, TextField bufsizeField, TextField prefixField, Refusal refusal) {
        if (showing) {
            return;
        }
        SocketRow row = session.selectedSocket();
        if (row == null || row.info().type().isStream()) {
            show(false);
            if (row != null) {
                session.refuse(Texts.get("calls.receiveLoops.udpOnly"), Texts.get("calls.receiveLoops.udpOnly.why"));
            } else {
                requireSocket.getAsBoolean();
            }
            return;
        }
        session.stopReceiving(row.id());
        if (!on) {
            show(false);
            return;
        }
        Inputs.Parsed<byte[]> prefix = Inputs.payload(prefixField.getText(), false);
        Inputs.Parsed<Long> size = Inputs.bufsize(bufsizeField.getText());
        if (!prefix.ok()) {
            show(false);
            refusal.refuse(prefixField, Texts.get("calls.receiveLoops.field.replyPrefix"), prefix.error());
        } else if (!size.ok() || size.value() < 0) {
            show(false);
            refusal.refuse(bufsizeField, Texts.get("calls.callsView.field.bufsize"), size.ok() ? size.warning() : size.error());
        } else {
            session.startReceiving(row.id(), false, Math.max(size.value(), 1), prefix.value());
            show(true);
        }
    }

    /**
     * Beside the toggle, while the selected socket auto-replies: a warning when other machines can reach it (it would
     * answer spoofed senders too), and what its brakes held back. Hidden otherwise.
     */
    static void showNote(Label note, SocketRow row, AutoReply reply) {
        String text = "";
        if (row != null && reply != null) {
            String summary = reply.summary();
            text = (row.info().reachableFromNetwork()
                    ? Texts.get("calls.receiveLoops.everyInterface", AutoReply.RATE)
                    : "") + (summary.isEmpty() ? "" : Texts.get("calls.receiveLoops.brakes", summary));
        }
        if (!text.strip().equals(note.getText())) {
            note.setText(text.strip());
        }
        note.setVisible(!text.isBlank());
        note.setManaged(!text.isBlank());
    }

    /** Shows the selected socket's receive loop on the toggles without starting or stopping anything. */
    void show(boolean on) {
        boolean was = showing;
        showing = true;
        try {
            SocketRow row = session.selectedSocket();
            receiveToggle.setSelected(on);
            replyToggle.setSelected(on && row != null && session.autoReply(row.id()) != null);
        } finally {
            showing = was;
        }
    }
}
