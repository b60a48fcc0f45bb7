package org.socketplayground.ui.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import org.controlsfx.control.StatusBar;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.i18n.Texts;
import org.socketplayground.system.Interfaces;
import org.socketplayground.ui.session.Format;
import org.socketplayground.ui.session.Session;
import org.socketplayground.ui.session.SessionLog;
import org.socketplayground.ui.session.SocketRow;
import org.socketplayground.ui.widgets.Shortcuts;

/** The status bar: how many sockets, calls and datagrams, what the log shows, the latest notice, and the waiting call. */
public final class StatusView {
    private final Session session;
    @FXML private StatusBar statusBar;
    @FXML private Label machineAddressLabel;
    @FXML private Label waitingLabel;
    @FXML private Button abandonButton;

    public StatusView(Session session) {
        this.session = session;
    }

    @FXML
    private void initialize() {
        session.ticksProperty().addListener((o, was, now) -> refresh());   // counters and times: four times a second
        session.noticeProperty().addListener((o, was, now) -> refresh());
        session.log().pausedProperty().addListener((o, was, now) -> refresh());
        Shortcuts.install(statusBar, Map.of(new KeyCodeCombination(KeyCode.ESCAPE), this::abandonWaiting));
        // Read once, off the JavaFX thread: what a student tells a classmate to send to.
        CompletableFuture.supplyAsync(() -> Interfaces.mainAddress(Interfaces.list())).thenAccept(main -> Platform.runLater(() ->
                machineAddressLabel.setText(main.map(a -> Texts.get("statusView.thisMachine", a)).orElseGet(() -> Texts.get("statusView.thisMachine.loopbackOnly")))));
    }

    /** Ends the waiting calls of the selected socket (or every waiting call when none is selected). */
    @FXML
    void abandonWaiting() {
        SocketRow row = session.selectedSocket();
        session.abandonWaiting(row == null ? null : row.id());
    }

    private void refresh() {
        SessionLog log = session.log();
        List<CallRecord> waiting = session.waitingCalls();
        int sockets = session.sockets().size();
        long datagrams = session.datagramsSeen();
        String notice = session.noticeProperty().get();
        long calls = session.recordsSeen();
        statusBar.setText(Texts.get(sockets == 1 ? "statusView.sockets.one" : "statusView.sockets.other", sockets)
                + "  ·  " + Texts.get("statusView.waiting", waiting.size())
                + "  ·  " + Texts.get(calls == 1 ? "statusView.calls.one" : "statusView.calls.other", Texts.count(calls))
                + "  ·  " + Texts.get(datagrams == 1 ? "statusView.datagramsReceived.one" : "statusView.datagramsReceived.other",
                        Texts.count(datagrams))
                + "  ·  " + Texts.get("statusView.logShows", Texts.count(log.visible().size()), Texts.count(log.maxRows()))
                + (log.trimmedForBytesProperty().get() > 0 ? Texts.get("statusView.logTrimmed", Format.bytes(log.maxBytes())) : "")
                + (log.pausedProperty().get() ? Texts.get("statusView.logPaused") : "")
                + (notice.isEmpty() ? "" : "  ·  " + notice));
        refreshWaiting(waiting);
    }

    /**
     * Shows the newest call that waits, with its time and the Abandon button. The waits of "receive continuously"
     * and of the built-in peers are left out: the toggle, or the peer, already says the socket is receiving, and
     * under a flood those waits come and go many times a second.
     */
    private void refreshWaiting(List<CallRecord> waiting) {
        CallRecord newest = null;
        int shown = 0;
        for (CallRecord r : waiting) {
            boolean receiving = session.isReceiving(r.socketId()) && (r.call().equals("recvfrom") || r.call().equals("recv"));
            if (!receiving && !session.isPeer(r.socketId())) {
                newest = r;
                shown++;
            }
        }
        boolean any = newest != null;
        if (abandonButton.isVisible() != any) {
            abandonButton.setVisible(any);
            abandonButton.setManaged(any);
        }
        if (!any) {
            waitingLabel.setText("");
            return;
        }
        long elapsed = Duration.between(newest.time(), Instant.now()).toNanos();
        waitingLabel.setText(Texts.get("statusView.waitingCall", Format.cap(newest.expression(), 200), Format.seconds(elapsed))
                + (shown > 1 ? "  " + Texts.get("statusView.moreWaiting", shown - 1) : ""));
    }
}
