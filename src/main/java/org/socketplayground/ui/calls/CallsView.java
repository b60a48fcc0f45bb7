package org.socketplayground.ui.calls;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.engine.SocketEngine;
import org.socketplayground.engine.SocketInfo;
import org.socketplayground.engine.SocketModule;
import org.socketplayground.engine.SocketState;
import org.socketplayground.engine.UnixAddresses;
import org.socketplayground.engine.py.PyValue;
import org.socketplayground.i18n.Texts;
import org.socketplayground.ui.session.Inputs;
import org.socketplayground.ui.session.Session;
import org.socketplayground.ui.session.SocketRow;
import org.socketplayground.ui.widgets.Shortcuts;

/**
 * The calls on the selected socket: an address to bind or connect to, listen and accept, the blocking mode, what to
 * send and where, receiving once or continuously, shutdown and close; above them, the last call's outcome
 * ({@link OutcomeView}). Input that cannot become a call is refused here, next to its field, and no call is made.
 */
public final class CallsView {
    static final String BLOCKING = "blocking";
    static final String NON_BLOCKING = "non-blocking";
    static final String TIMEOUT = "timeout";

    private final Session session;
    /** Set while the window shows a socket's state on the controls: then a change is no request for a call. */
    private boolean showing;
    private ReceiveLoops loops;

    @FXML private ScrollPane callsScroll;
    @FXML private VBox callsPane;
    @FXML private Label selectedLabel;
    @FXML private TextField hostField;
    @FXML private MenuButton hostPicks;
    @FXML private TextField portField;
    @FXML private Button bindButton;
    @FXML private Button connectButton;
    @FXML private Button unlinkButton;
    @FXML private Spinner<Integer> backlogSpinner;
    @FXML private Button listenButton;
    @FXML private Button acceptButton;
    @FXML private ChoiceBox<String> blockingModeChoice;
    @FXML private TextField timeoutField;
    @FXML private TextField payloadField;
    @FXML private ToggleButton hexToggle;
    @FXML private Label toLabel;
    @FXML private TextField destHostField;
    @FXML private TextField destPortField;
    @FXML private Button sendButton;
    @FXML private Button sendallButton;
    @FXML private TextField bufsizeField;
    @FXML private Button recvButton;
    @FXML private ToggleButton autoReceiveToggle;
    @FXML private ToggleButton autoReplyToggle;
    @FXML private TextField replyPrefixField;
    @FXML private Label autoReplyNote;
    @FXML private ChoiceBox<String> shutdownChoice;
    @FXML private Button shutdownButton;
    @FXML private Button closeButton;

    private AddressFields addresses;

    public CallsView(Session session) {
        this.session = session;
    }

    @FXML
    private void initialize() {
        blockingModeChoice.getItems().setAll(BLOCKING, NON_BLOCKING, TIMEOUT);
        blockingModeChoice.setValue(BLOCKING);
        // The values stay the English words the code compares; only what the choice shows is translated.
        blockingModeChoice.setConverter(new StringConverter<>() {
            @Override
            public String toString(String mode) {
                return mode == null ? "" : modeText(mode);
            }

            @Override
            public String fromString(String text) {
                return List.of(BLOCKING, NON_BLOCKING, TIMEOUT).stream().filter(m -> modeText(m).equals(text)).findFirst().orElse(text);
            }
        });
        shutdownChoice.getItems().setAll("SHUT_RD", "SHUT_WR", "SHUT_RDWR");
        shutdownChoice.setValue("SHUT_WR");
        HostPicks.fill(hostPicks, hostField, portField, destHostField);
        FieldChecks checks = new FieldChecks();
        addresses = new AddressFields(hostField, portField, destHostField, destPortField);
        checks.check(hostField, t -> addresses.unix() ? Inputs.unixPath(t) : Inputs.host(t));
        checks.check(portField, t -> addresses.unix() ? new Inputs.Parsed<>(0L, null, null) : Inputs.port(t));   // off: nothing to check
        checks.check(destHostField, t -> addresses.unix() ? Inputs.unixPath(t) : Inputs.host(t));
        checks.checkDestinationPort(destPortField, addresses::unix);
        checks.check(bufsizeField, Inputs::bufsize);
        checks.check(timeoutField, Inputs::timeout);
        checks.checkPayload(payloadField, hexToggle.selectedProperty());
        // The session takes the fields' values (the built-in peers use them), not the other way round.
        session.drafts().payload().bindBidirectional(payloadField.textProperty());
        session.drafts().destHost().bindBidirectional(destHostField.textProperty());
        session.drafts().host().bindBidirectional(hostField.textProperty());
        session.drafts().destPort().bindBidirectional(destPortField.textProperty());

        blockingModeChoice.valueProperty().addListener((o, was, now) -> {
            timeoutField.setDisable(!TIMEOUT.equals(now));
            if (!showing && now != null) {
                applyMode();
            }
        });
        timeoutField.setDisable(true);
        timeoutField.setOnAction(e -> applyMode());
        loops = new ReceiveLoops(session, autoReceiveToggle, autoReplyToggle, this::requireSocket);
        autoReceiveToggle.selectedProperty().addListener((o, was, now) -> loops.receiveContinuously(now, bufsizeField, this::refuse));
        autoReplyToggle.selectedProperty().addListener((o, was, now) -> loops.autoReply(now, bufsizeField, replyPrefixField, this::refuse));
        session.selectedSocketProperty().addListener((o, was, now) -> showSelected());
        session.outcomeProperty().addListener((o, was, now) -> {
            followOutcome(now.record());
            focusFieldToFix(now.field());
        });
        session.refreshedProperty().addListener((o, was, now) -> updateCallLabels());
        DemoFill demo = new DemoFill(callsPane, this::showMode);   // Show me fills the fields and highlights its button
        session.showMe().demonstrationProperty().addListener((o, was, now) -> demo.show(now));
        // The calls pane fills its place, and scrolls sideways once its buttons no longer fit (a large zoom).
        callsScroll.viewportBoundsProperty().addListener((o, was, now) -> callsPane.setPrefWidth(now.getWidth()));
        Shortcuts.install(callsScroll, Map.of(
                shortcut(KeyCode.B), this::bind,
                shortcut(KeyCode.T), this::connect,
                shortcut(KeyCode.L), this::listen,
                shortcut(KeyCode.E), this::accept,
                shortcut(KeyCode.ENTER), this::send,
                shortcut(KeyCode.R), this::receive,
                shortcut(KeyCode.W), this::close));
        showSelected();
    }

    /** What the mode choice shows for a mode (the value itself stays the English word). */
    static String modeText(String mode) {
        return switch (mode) {
            case BLOCKING -> Texts.get("calls.callsView.mode.blocking");
            case NON_BLOCKING -> Texts.get("calls.callsView.mode.nonBlocking");
            case TIMEOUT -> Texts.get("calls.callsView.mode.timeout");
            default -> mode;
        };
    }

    private static KeyCombination shortcut(KeyCode key) {
        return new KeyCodeCombination(key, KeyCombination.SHORTCUT_DOWN);
    }

    // ---------------------------------------------------------------- the calls

    @FXML
    void bind() {
        withAddress(hostField, portField, addr -> perform("bind", List.of(addr)));
    }

    @FXML
    void connect() {
        withAddress(hostField, portField, addr -> perform("connect", List.of(addr)));
    }

    /** os.unlink(path) with the path in the host field: what frees a path a closed AF_UNIX socket still holds. */
    @FXML
    void unlink() {
        withAddress(hostField, portField, path -> session.perform(SocketEngine.MODULE, "unlink", List.of(path)));
    }

    @FXML
    void listen() {
        if (requireSocket()) {
            perform("listen", List.of(PyValue.of(backlogSpinner.getValue())));
        }
    }

    @FXML
    void accept() {
        if (requireSocket()) {
            perform("accept", List.of());
        }
    }

    @FXML
    void send() {
        byte[] data = requireSocket() ? payload() : null;
        if (data != null && isStream()) {
            perform("send", List.of(PyValue.of(data)));
        } else if (data != null) {
            withAddress(destHostField, destPortField, addr -> perform("sendto", List.of(PyValue.of(data), addr)));
        }
    }

    @FXML
    void sendall() {
        byte[] data = requireSocket() ? payload() : null;
        if (data != null) {
            perform("sendall", List.of(PyValue.of(data)));
        }
    }

    @FXML
    void receive() {
        Inputs.Parsed<Long> size = requireSocket() ? Inputs.bufsize(bufsizeField.getText()) : null;
        if (size != null && !size.ok()) {
            refuse(bufsizeField, Texts.get("calls.callsView.field.bufsize"), size.error());
        } else if (size != null) {
            perform(isStream() ? "recv" : "recvfrom", List.of(PyValue.of(size.value())));
        }
    }

    private boolean isStream() {
        return session.selectedSocket().info().type().isStream();
    }

    @FXML
    void shutdownSocket() {
        if (requireSocket()) {
            perform("shutdown", List.of(SocketModule.constant(shutdownChoice.getValue())));
        }
    }

    @FXML
    void close() {
        if (requireSocket()) {
            session.close(session.selectedSocket().id());
        }
    }

    private void applyMode() {
        if (!requireSocket()) {
            return;
        }
        if (TIMEOUT.equals(blockingModeChoice.getValue())) {
            Inputs.Parsed<Double> t = Inputs.timeout(timeoutField.getText());
            if (!t.ok()) {
                refuse(timeoutField, Texts.get("calls.callsView.field.timeout"), t.error());
                return;
            }
            perform("settimeout", List.of(new PyValue.Float(t.value())));
        } else {
            perform("setblocking", List.of(PyValue.of(BLOCKING.equals(blockingModeChoice.getValue()))));
        }
    }

    private void perform(String call, List<PyValue> args) {
        session.perform(session.selectedSocket().id(), call, args);
    }

    private void withAddress(TextField hostInput, TextField portInput, Consumer<PyValue> action) {
        if (!requireSocket()) {
            return;
        }
        if (addresses.unix()) {
            Inputs.Parsed<String> path = Inputs.unixPath(hostInput.getText());
            if (!path.ok()) {
                refuse(hostInput, Texts.get("calls.callsView.field.path"), path.error());
            } else {
                action.accept(PyValue.of(path.value()));
            }
            return;
        }
        Inputs.Parsed<String> host = Inputs.host(hostInput.getText());
        Inputs.Parsed<Long> port = Inputs.port(portInput.getText());
        if (!host.ok()) {
            refuse(hostInput, Texts.get("calls.callsView.field.host"), host.error());
        } else if (!port.ok()) {
            refuse(portInput, Texts.get("calls.callsView.field.port"), port.error());
        } else {
            action.accept(SocketEngine.address(host.value(), port.value()));
        }
    }

    private byte[] payload() {
        Inputs.Parsed<byte[]> data = Inputs.payload(payloadField.getText(), hexToggle.isSelected());
        if (!data.ok()) {
            refuse(payloadField, Texts.get("calls.callsView.field.data"), data.error());
            return null;
        }
        return data.value();
    }

    /** Input that cannot become a call: say why next to the outcome, and put the cursor in the field (what: its name, translated). */
    void refuse(TextField field, String what, String why) {
        session.refuse(Texts.get("calls.callsView.fieldNeedsFixing", what), why, field.getId());
    }

    /** A refusal names the field to fix, here or from another view (the built-in clients' destination). */
    private void focusFieldToFix(String id) {
        if (id != null && callsPane.lookup("#" + id) instanceof TextField field) {
            field.requestFocus();
            field.selectAll();
        }
    }

    boolean requireSocket() {
        if (session.selectedSocket() != null) {
            return true;
        }
        session.refuse(Texts.get("calls.callsView.noSocketSelected"), session.sockets().isEmpty()
                ? Texts.get("calls.callsView.makeSocketFirst") : Texts.get("calls.callsView.selectSocketFirst"));
        return false;
    }

    // ---------------------------------------------------------------- what the window shows

    /** The controls follow what a call changed: the mode after settimeout, the destination after the first bind. */
    private void followOutcome(CallRecord r) {
        if (r == null || r.isPending() || r.failed()) {
            return;
        }
        SocketRow selected = session.selectedSocket();
        if ((r.call().equals("settimeout") || r.call().equals("setblocking")) && selected != null
                && selected.id().equals(r.socketId())) {
            // settimeout(0) is non-blocking and settimeout(None) blocking: the choice follows what the socket is now.
            session.engine().socket(r.socketId()).ifPresent(info -> showMode(info.timeout()));
        }
        if (r.call().equals("bind") && destPortField.getText().isBlank()) {
            session.engine().socket(r.socketId()).map(SocketInfo::local).filter(local -> !UnixAddresses.isUnix(local)).ifPresent(local ->
                    destPortField.setText(Long.toString(((PyValue.Int) local.get(1)).value())));
        }
    }

    private void showSelected() {
        SocketRow row = session.selectedSocket();
        updateCallLabels();
        if (row != null) {
            showMode(row.info().timeout());
        }
        loops.show(row != null && session.isReceiving(row.id()));
    }

    /** Sets the mode choice (and the seconds) to a socket's timeout without calling anything. */
    private void showMode(Double t) {
        boolean was = showing;
        showing = true;
        try {
            blockingModeChoice.setValue(t == null ? BLOCKING : t == 0.0 ? NON_BLOCKING : TIMEOUT);
            if (t != null && t > 0) {
                timeoutField.setText(new PyValue.Float(t).repr());
            }
        } finally {
            showing = was;
        }
    }

    /** Button names follow the selected socket: sendto/recvfrom for UDP, send/recv for TCP. */
    private void updateCallLabels() {
        SocketRow row = session.selectedSocket();
        boolean none = row == null;
        boolean stream = !none && row.info().type().isStream();
        selectedLabel.setText(none ? Texts.get("calls.callsView.selectedNone")
                : row.info().state() == SocketState.CLOSED ? Texts.get("calls.callsView.selectedOnClosed", row.name())
                : Texts.get("calls.callsView.selectedOn", row.name()));
        sendButton.setText(stream ? "send()" : "sendto()");
        recvButton.setText(stream ? "recv()" : "recvfrom()");
        addresses.show(!none && !row.info().family().usesPorts());
        portField.setDisable(addresses.unix());
        unlinkButton.setVisible(addresses.unix());
        unlinkButton.setManaged(addresses.unix());
        destHostField.setDisable(stream);
        destPortField.setDisable(stream || addresses.unix());
        toLabel.setDisable(stream);
        sendallButton.setDisable(!stream);
        for (var b : List.of(bindButton, connectButton, listenButton, acceptButton, sendButton, recvButton,
                shutdownButton, closeButton)) {
            b.setDisable(none);
        }
        blockingModeChoice.setDisable(none);
        autoReceiveToggle.setDisable(none);
        autoReplyToggle.setDisable(none || stream);
        if (!none && (session.isReceiving(row.id()) != autoReceiveToggle.isSelected()
                || (session.autoReply(row.id()) != null) != autoReplyToggle.isSelected())) {
            loops.show(session.isReceiving(row.id()));
        }
        ReceiveLoops.showNote(autoReplyNote, row, none ? null : session.autoReply(row.id()));
    }
}
