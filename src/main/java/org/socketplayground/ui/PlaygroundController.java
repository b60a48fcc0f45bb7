package org.socketplayground.ui;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import javafx.animation.AnimationTimer;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.fxml.FXML;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import org.controlsfx.control.StatusBar;
import org.controlsfx.validation.Severity;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;
import org.controlsfx.validation.Validator;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.engine.Family;
import org.socketplayground.engine.SockType;
import org.socketplayground.engine.SocketEngine;
import org.socketplayground.engine.SocketInfo;
import org.socketplayground.engine.SocketState;
import org.socketplayground.engine.py.PyValue;

/**
 * The playground window. Buttons turn into engine calls on the engine's threads; records come back through a
 * {@link RecordFeed} and are taken in one batch per pulse, so the window never waits for the network and a
 * flood of datagrams costs one table update per frame.
 */
public final class PlaygroundController {
    static final String BLOCKING = "blocking";
    static final String NON_BLOCKING = "non-blocking";
    static final String TIMEOUT = "timeout";
    /** Log rows kept; older rows leave the table while the counters stay exact. */
    static final int DEFAULT_LOG_ROWS = Integer.getInteger("playground.logRows", 10_000);

    private final SocketEngine engine;
    private final RecordFeed feed = new RecordFeed();
    private final ContinuousReceiver receiver;
    private final SenderColors colours = new SenderColors();
    private final Map<String, SocketRow> rows = new LinkedHashMap<>();
    private final Map<Long, CallRecord> waiting = new LinkedHashMap<>();
    private final ObservableList<LogRow> logRows = FXCollections.observableArrayList();
    private final FilteredList<LogRow> visibleLog = new FilteredList<>(logRows);
    private final AtomicReference<CallRecord> userOutcome = new AtomicReference<>();
    private final int maxLogRows;
    private long recordsSeen;
    private long datagramsSeen;
    private long lastTableRefresh;
    private String lastUserCall;
    private String selectAfterCreate;
    private boolean updatingMode;
    private AnimationTimer pulse;

    @FXML private BorderPane root;
    @FXML private ChoiceBox<Family> familyChoice;
    @FXML private ChoiceBox<SockType> typeChoice;
    @FXML private Button createSocketButton;
    @FXML private Label waitingLabel;
    @FXML private Button abandonButton;
    @FXML private TableView<SocketRow> socketTable;
    @FXML private TableColumn<SocketRow, String> socketIdColumn;
    @FXML private TableColumn<SocketRow, String> socketTypeColumn;
    @FXML private TableColumn<SocketRow, String> socketStateColumn;
    @FXML private TableColumn<SocketRow, String> socketLocalColumn;
    @FXML private TableColumn<SocketRow, String> socketPeerColumn;
    @FXML private TableColumn<SocketRow, String> socketModeColumn;
    @FXML private TableColumn<SocketRow, String> socketReceivedColumn;
    @FXML private Label selectedLabel;
    @FXML private Label outcomeCallLabel;
    @FXML private Label outcomeLabel;
    @FXML private Label explanationLabel;
    @FXML private TextField hostField;
    @FXML private MenuButton hostPicks;
    @FXML private TextField portField;
    @FXML private Button bindButton;
    @FXML private Button connectButton;
    @FXML private Spinner<Integer> backlogSpinner;
    @FXML private Button listenButton;
    @FXML private Button acceptButton;
    @FXML private ChoiceBox<String> blockingModeChoice;
    @FXML private TextField timeoutField;
    @FXML private Label timeoutUnit;
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
    @FXML private ChoiceBox<String> shutdownChoice;
    @FXML private Button shutdownButton;
    @FXML private Button closeButton;
    @FXML private TextField logFilterField;
    @FXML private CheckBox dataOnlyCheck;
    @FXML private ToggleButton logHexToggle;
    @FXML private Button clearLogButton;
    @FXML private TableView<LogRow> logTable;
    @FXML private TableColumn<LogRow, String> logTimeColumn;
    @FXML private TableColumn<LogRow, String> logSocketColumn;
    @FXML private TableColumn<LogRow, String> logCallColumn;
    @FXML private TableColumn<LogRow, String> logHostColumn;
    @FXML private TableColumn<LogRow, String> logPortColumn;
    @FXML private TableColumn<LogRow, String> logBytesColumn;
    @FXML private TableColumn<LogRow, String> logDataColumn;
    @FXML private TextArea detailArea;
    @FXML private StatusBar statusBar;

    public PlaygroundController(SocketEngine engine) {
        this(engine, DEFAULT_LOG_ROWS);
    }

    public PlaygroundController(SocketEngine engine, int maxLogRows) {
        this.engine = engine;
        this.maxLogRows = maxLogRows;
        this.receiver = new ContinuousReceiver(engine);
        engine.addListener(feed);
    }

    @FXML
    private void initialize() {
        familyChoice.getItems().setAll(Family.values());
        familyChoice.setValue(Family.AF_INET);
        typeChoice.getItems().setAll(SockType.SOCK_DGRAM, SockType.SOCK_STREAM);
        typeChoice.setValue(SockType.SOCK_DGRAM);
        blockingModeChoice.getItems().setAll(BLOCKING, NON_BLOCKING, TIMEOUT);
        blockingModeChoice.setValue(BLOCKING);
        shutdownChoice.getItems().setAll("SHUT_RD", "SHUT_WR", "SHUT_RDWR");
        shutdownChoice.setValue("SHUT_WR");
        setUpSocketTable();
        setUpLog();
        setUpHostPicks();
        setUpValidation();
        blockingModeChoice.valueProperty().addListener((o, was, now) -> {
            timeoutField.setDisable(!TIMEOUT.equals(now));
            if (!updatingMode && now != null) {
                applyMode();
            }
        });
        timeoutField.setDisable(true);
        timeoutField.setOnAction(e -> applyMode());
        autoReceiveToggle.selectedProperty().addListener((o, was, now) -> {
            if (!updatingMode) {
                toggleContinuousReceive(now);
            }
        });
        socketTable.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> showSelected());
        root.sceneProperty().addListener((o, was, scene) -> {
            if (scene != null) {
                installShortcuts(scene);
            }
        });
        showSelected();
        pulse = new AnimationTimer() {
            @Override
            public void handle(long now) {
                onPulse(now);
            }
        };
        pulse.start();
    }

    // ---------------------------------------------------------------- set-up

    private void setUpSocketTable() {
        socketTable.getSelectionModel().setSelectionMode(SelectionMode.SINGLE);
        socketIdColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().id()));
        socketTypeColumn.setCellValueFactory(c -> c.getValue().typeProperty());
        socketStateColumn.setCellValueFactory(c -> c.getValue().stateProperty());
        socketLocalColumn.setCellValueFactory(c -> c.getValue().localProperty());
        socketPeerColumn.setCellValueFactory(c -> c.getValue().peerProperty());
        socketModeColumn.setCellValueFactory(c -> c.getValue().modeProperty());
        socketReceivedColumn.setCellValueFactory(c -> c.getValue().receivedProperty());
        socketStateColumn.setCellFactory(col -> styledCell(text -> "state-" + text.toLowerCase().replace('-', '_')));
        socketLocalColumn.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove("network-reachable");
                SocketRow row = empty ? null : getTableRow().getItem();
                if (empty || item == null || row == null) {
                    setText(null);
                    setTooltip(null);
                    return;
                }
                boolean exposed = row.info().reachableFromNetwork();
                setText(exposed ? item + " ⚠" : item);
                if (exposed) {
                    getStyleClass().add("network-reachable");
                    setTooltip(new javafx.scene.control.Tooltip(
                            "Bound to every interface: other machines on the network can reach this socket"));
                } else {
                    setTooltip(null);
                }
            }
        });
        socketTable.setItems(FXCollections.observableArrayList());
    }

    private static <S> TableCell<S, String> styledCell(Function<String, String> styleOf) {
        return new TableCell<>() {
            private String applied;

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                if (applied != null) {
                    getStyleClass().remove(applied);
                    applied = null;
                }
                setText(empty ? null : item);
                if (!empty && item != null) {
                    applied = styleOf.apply(item);
                    getStyleClass().add(applied);
                }
            }
        };
    }

    private void setUpLog() {
        logTable.setItems(visibleLog);
        logTable.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        logTimeColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().time()));
        logSocketColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().socket()));
        logCallColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().call()));
        logHostColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().sourceHost()));
        logPortColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().sourcePort()));
        logBytesColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().bytesText()));
        logDataColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(
                logHexToggle.isSelected() ? c.getValue().hex() : c.getValue().text()));
        logHostColumn.setCellFactory(col -> senderCell());
        logPortColumn.setCellFactory(col -> senderCell());
        logTable.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(LogRow item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove("failed");
                if (!empty && item != null && item.failed()) {
                    getStyleClass().add("failed");
                }
            }
        });
        logHexToggle.selectedProperty().addListener((o, was, now) -> logTable.refresh());
        logFilterField.textProperty().addListener((o, was, now) -> updateLogFilter());
        dataOnlyCheck.selectedProperty().addListener((o, was, now) -> updateLogFilter());
        logTable.getSelectionModel().selectedItemProperty().addListener((o, was, row) ->
                detailArea.setText(row == null ? "" : row.detail()));
        MenuItem copy = new MenuItem("Copy row");
        copy.setAccelerator(new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN));
        copy.setOnAction(e -> copySelectedLogRows());
        logTable.setContextMenu(new ContextMenu(copy));
    }

    /** Source host and port cells wear their sender's colour. */
    private TableCell<LogRow, String> senderCell() {
        return new TableCell<>() {
            private String applied;

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                if (applied != null) {
                    getStyleClass().remove(applied);
                    applied = null;
                }
                LogRow row = empty ? null : getTableRow().getItem();
                setText(empty ? null : item);
                if (row != null && row.colour() >= 0) {
                    applied = SenderColors.styleClass(row.colour());
                    getStyleClass().add(applied);
                }
            }
        };
    }

    private void updateLogFilter() {
        String needle = logFilterField.getText() == null ? "" : logFilterField.getText().strip();
        boolean dataOnly = dataOnlyCheck.isSelected();
        visibleLog.setPredicate(row -> (!dataOnly || row.data() != null) && (needle.isEmpty() || row.matches(needle)));
    }

    private void setUpHostPicks() {
        String[][] picks = {
            {"127.0.0.1", "127.0.0.1 — this machine only (IPv4)"},
            {"''", "'' — every interface"},
            {"0.0.0.0", "0.0.0.0 — every interface (IPv4)"},
            {"::1", "::1 — this machine only (IPv6)"},
            {"::", ":: — every interface (IPv6)"},
            {"localhost", "localhost — a name the resolver turns into an address"},
        };
        for (String[] p : picks) {
            MenuItem item = new MenuItem(p[1]);
            item.setOnAction(e -> hostField.setText(p[0]));
            hostPicks.getItems().add(item);
        }
        hostPicks.getItems().add(new SeparatorMenuItem());
        MenuItem anyPort = new MenuItem("port 0 — let the system pick a free port");
        anyPort.setOnAction(e -> portField.setText("0"));
        hostPicks.getItems().add(anyPort);
    }

    private void setUpValidation() {
        ValidationSupport validation = new ValidationSupport();
        validation.registerValidator(hostField, false, validator(Inputs::host));
        validation.registerValidator(portField, false, validator(Inputs::port));
        validation.registerValidator(destHostField, false, validator(Inputs::host));
        validation.registerValidator(destPortField, false, (c, v) -> v == null || v.toString().isBlank()
                ? ValidationResult.fromInfo(c, "Type the port to send to")
                : validator(Inputs::port).apply(c, v));
        validation.registerValidator(bufsizeField, false, validator(Inputs::bufsize));
        validation.registerValidator(timeoutField, false, validator(Inputs::timeout));
        validation.registerValidator(payloadField, false,
                (c, v) -> result(c, Inputs.payload(v == null ? "" : v.toString(), hexToggle.isSelected())));
        hexToggle.selectedProperty().addListener((o, was, now) -> validation.revalidate());
    }

    private static <T> Validator<Object> validator(Function<String, Inputs.Parsed<T>> parse) {
        return (c, v) -> result(c, parse.apply(v == null ? "" : v.toString()));
    }

    private static ValidationResult result(javafx.scene.control.Control c, Inputs.Parsed<?> p) {
        if (p.error() != null) {
            return ValidationResult.fromMessages(new org.controlsfx.validation.ValidationMessage() {
                public String getText() {
                    return p.error();
                }

                public Severity getSeverity() {
                    return Severity.ERROR;
                }

                public javafx.scene.control.Control getTarget() {
                    return c;
                }
            });
        }
        return p.warning() != null ? ValidationResult.fromWarning(c, p.warning()) : new ValidationResult();
    }

    private void installShortcuts(Scene scene) {
        Map<KeyCombination, Runnable> keys = new HashMap<>();
        keys.put(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN), this::createSocket);
        keys.put(new KeyCodeCombination(KeyCode.B, KeyCombination.SHORTCUT_DOWN), this::bind);
        keys.put(new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN), this::connect);
        keys.put(new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN), this::listen);
        keys.put(new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN), this::accept);
        keys.put(new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN), this::send);
        keys.put(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN), this::receive);
        keys.put(new KeyCodeCombination(KeyCode.W, KeyCombination.SHORTCUT_DOWN), this::close);
        keys.put(new KeyCodeCombination(KeyCode.ESCAPE), this::abandonWaiting);
        scene.getAccelerators().putAll(keys);
    }

    // ---------------------------------------------------------------- the calls

    @FXML
    void createSocket() {
        perform(SocketEngine.MODULE, "socket", List.of(familyChoice.getValue().constant(), typeChoice.getValue().constant()));
    }

    @FXML
    void bind() {
        withAddress(hostField, portField, addr -> perform(selectedId(), "bind", List.of(addr)));
    }

    @FXML
    void connect() {
        withAddress(hostField, portField, addr -> perform(selectedId(), "connect", List.of(addr)));
    }

    @FXML
    void listen() {
        if (requireSocket()) {
            perform(selectedId(), "listen", List.of(PyValue.of(backlogSpinner.getValue())));
        }
    }

    @FXML
    void accept() {
        if (requireSocket()) {
            perform(selectedId(), "accept", List.of());
        }
    }

    @FXML
    void send() {
        SocketRow row = selectedRow();
        if (row == null) {
            requireSocket();
            return;
        }
        byte[] data = payload();
        if (data == null) {
            return;
        }
        if (row.info().type().isStream()) {
            perform(row.id(), "send", List.of(PyValue.of(data)));
        } else {
            withAddress(destHostField, destPortField, addr -> perform(row.id(), "sendto", List.of(PyValue.of(data), addr)));
        }
    }

    @FXML
    void sendall() {
        if (!requireSocket()) {
            return;
        }
        byte[] data = payload();
        if (data != null) {
            perform(selectedId(), "sendall", List.of(PyValue.of(data)));
        }
    }

    @FXML
    void receive() {
        SocketRow row = selectedRow();
        if (row == null) {
            requireSocket();
            return;
        }
        Inputs.Parsed<Long> size = Inputs.bufsize(bufsizeField.getText());
        if (!size.ok()) {
            refuse(bufsizeField, "bufsize", size.error());
            return;
        }
        perform(row.id(), row.info().type().isStream() ? "recv" : "recvfrom", List.of(PyValue.of(size.value())));
    }

    @FXML
    void shutdownSocket() {
        if (requireSocket()) {
            perform(selectedId(), "shutdown", List.of(org.socketplayground.engine.SocketModule.constant(shutdownChoice.getValue())));
        }
    }

    @FXML
    void close() {
        if (requireSocket()) {
            String id = selectedId();
            receiver.stop(id);
            perform(id, "close", List.of());
        }
    }

    /** Ends the waiting calls of the selected socket (or every waiting call when none is selected). */
    @FXML
    void abandonWaiting() {
        String id = selectedId();
        for (CallRecord r : engine.waitingCalls()) {
            if (id == null || id.equals(r.socketId())) {
                if (receiver.isRunning(r.socketId()) && r.call().startsWith("recv")) {
                    receiver.stop(r.socketId());
                    setAutoToggle(false);
                }
                engine.abandon(r.seq());
            }
        }
    }

    @FXML
    void clearLog() {
        logRows.clear();
        detailArea.clear();
    }

    private void applyMode() {
        if (!requireSocket()) {
            return;
        }
        String mode = blockingModeChoice.getValue();
        if (TIMEOUT.equals(mode)) {
            Inputs.Parsed<Double> t = Inputs.timeout(timeoutField.getText());
            if (!t.ok()) {
                refuse(timeoutField, "timeout", t.error());
                return;
            }
            perform(selectedId(), "settimeout", List.of(new PyValue.Float(t.value())));
        } else {
            perform(selectedId(), "setblocking", List.of(PyValue.of(BLOCKING.equals(mode))));
        }
    }

    private void toggleContinuousReceive(boolean on) {
        SocketRow row = selectedRow();
        if (row == null) {
            setAutoToggle(false);
            requireSocket();
            return;
        }
        if (!on) {
            receiver.stop(row.id());
            return;
        }
        Inputs.Parsed<Long> size = Inputs.bufsize(bufsizeField.getText());
        if (!size.ok() || size.value() < 0) {
            setAutoToggle(false);
            refuse(bufsizeField, "bufsize", size.ok() ? size.warning() : size.error());
            return;
        }
        receiver.start(row.id(), row.info().type().isStream(), Math.max(size.value(), 1));
    }

    /** Starts a call on the engine's threads; its outcome comes back at the next pulse. */
    private void perform(String target, String call, List<PyValue> args) {
        lastUserCall = target + "." + call;
        if (call.equals("socket")) {
            selectAfterCreate = "";
        }
        engine.submit(target, call, args).thenAccept(userOutcome::set);
    }

    private void withAddress(TextField hostInput, TextField portInput, java.util.function.Consumer<PyValue> action) {
        if (!requireSocket()) {
            return;
        }
        Inputs.Parsed<String> host = Inputs.host(hostInput.getText());
        if (!host.ok()) {
            refuse(hostInput, "host", host.error());
            return;
        }
        Inputs.Parsed<Long> port = Inputs.port(portInput.getText());
        if (!port.ok()) {
            refuse(portInput, "port", port.error());
            return;
        }
        action.accept(SocketEngine.address(host.value(), port.value()));
    }

    private byte[] payload() {
        Inputs.Parsed<byte[]> data = Inputs.payload(payloadField.getText(), hexToggle.isSelected());
        if (!data.ok()) {
            refuse(payloadField, "data", data.error());
            return null;
        }
        return data.value();
    }

    /** Input that cannot become a call: say why next to the outcome, and put the cursor in the field. */
    private void refuse(TextField field, String what, String why) {
        outcomeCallLabel.setText("No call made: the " + what + " field needs fixing.");
        outcomeLabel.setText(why);
        setOutcomeStyle("refused");
        explanationLabel.setText("");
        field.requestFocus();
        field.selectAll();
    }

    private boolean requireSocket() {
        if (selectedRow() != null) {
            return true;
        }
        outcomeCallLabel.setText("No socket selected.");
        outcomeLabel.setText(rows.isEmpty() ? "Make a socket first: press socket() (Ctrl+N)." : "Select a socket in the table first.");
        setOutcomeStyle("refused");
        explanationLabel.setText("");
        return false;
    }

    private SocketRow selectedRow() {
        return socketTable.getSelectionModel().getSelectedItem();
    }

    private String selectedId() {
        SocketRow row = selectedRow();
        return row == null ? null : row.id();
    }

    // ---------------------------------------------------------------- what comes back

    /** Once per frame: take every record that arrived, then bring the tables and labels up to date. */
    private void onPulse(long now) {
        List<CallRecord> batch = feed.drain();
        if (!batch.isEmpty()) {
            absorb(batch);
        }
        CallRecord outcome = userOutcome.getAndSet(null);
        if (outcome != null) {
            showOutcome(outcome);
        }
        if (!batch.isEmpty() || now - lastTableRefresh > 250_000_000L) {
            lastTableRefresh = now;
            refreshSockets();
            refreshWaiting();
            refreshStatus();
        }
    }

    private void absorb(List<CallRecord> batch) {
        List<CallRecord> done = new ArrayList<>(batch.size());
        for (CallRecord r : batch) {
            if (r.isPending()) {
                waiting.put(r.seq(), r);
                if (lastUserCall != null && lastUserCall.equals(r.socketId() + "." + r.call())) {
                    showOutcome(r);
                }
            } else {
                waiting.remove(r.seq());
                done.add(r);
                recordsSeen++;
                if (r.receivedData() != null && r.call().equals("recvfrom")) {
                    datagramsSeen++;
                }
            }
        }
        // Only the newest rows can stay in the log: skip building the rest.
        int from = Math.max(0, done.size() - maxLogRows);
        List<LogRow> fresh = new ArrayList<>(done.size() - from);
        for (int i = from; i < done.size(); i++) {
            fresh.add(new LogRow(done.get(i), colours));
        }
        int overflow = logRows.size() + fresh.size() - maxLogRows;
        if (overflow > 0) {
            logRows.remove(0, Math.min(overflow, logRows.size()));
        }
        logRows.addAll(fresh);
        if (!fresh.isEmpty() && logTable.getSelectionModel().isEmpty()) {
            logTable.scrollTo(visibleLog.size() - 1);
        }
    }

    private void showOutcome(CallRecord r) {
        outcomeCallLabel.setText(r.expression());
        outcomeLabel.setText(r.isPending() ? "waiting…" : r.outcome());
        setOutcomeStyle(r.isPending() ? "pending" : r.failed() ? "error" : "success");
        Explanations.Explanation e = Explanations.of(r);
        explanationLabel.setText(e.hint() == null ? e.meaning() : e.meaning() + "\nHint: " + e.hint());
        if (r.call().equals("socket") && !r.failed()) {
            selectAfterCreate = r.socketId();
        }
        if (r.call().equals("bind") && !r.failed() && destPortField.getText().isBlank()) {
            engine.socket(r.socketId()).map(SocketInfo::local).ifPresent(local ->
                    destPortField.setText(Long.toString(((PyValue.Int) local.get(1)).value())));
        }
    }

    private void setOutcomeStyle(String style) {
        outcomeLabel.getStyleClass().removeAll("pending", "error", "success", "refused");
        outcomeLabel.getStyleClass().add(style);
    }

    private void refreshSockets() {
        ObservableList<SocketRow> items = socketTable.getItems();
        for (SocketInfo info : engine.sockets()) {
            SocketRow row = rows.get(info.id());
            if (row == null) {
                row = new SocketRow(info);
                rows.put(info.id(), row);
                items.add(row);
            } else {
                row.update(info);
            }
        }
        if (selectAfterCreate != null && !selectAfterCreate.isEmpty() && rows.containsKey(selectAfterCreate)) {
            socketTable.getSelectionModel().select(rows.get(selectAfterCreate));
            socketTable.scrollTo(rows.get(selectAfterCreate));
            selectAfterCreate = null;
        }
        socketTable.refresh();
        updateCallLabels();
    }

    private void refreshWaiting() {
        if (waiting.isEmpty()) {
            waitingLabel.setText("");
            abandonButton.setVisible(false);
            abandonButton.setManaged(false);
            return;
        }
        CallRecord newest = null;
        for (CallRecord r : waiting.values()) {
            newest = r;
        }
        long elapsed = java.time.Duration.between(newest.time(), java.time.Instant.now()).toNanos();
        waitingLabel.setText("waiting: " + newest.expression() + " blocked for " + Format.seconds(elapsed)
                + (waiting.size() > 1 ? "  (+" + (waiting.size() - 1) + " more waiting)" : ""));
        abandonButton.setVisible(true);
        abandonButton.setManaged(true);
    }

    private void refreshStatus() {
        statusBar.setText(rows.size() + " socket" + (rows.size() == 1 ? "" : "s")
                + "  ·  " + waiting.size() + " waiting"
                + "  ·  " + Format.count(recordsSeen) + " calls"
                + "  ·  " + Format.count(datagramsSeen) + " datagrams received"
                + "  ·  log shows " + Format.count(visibleLog.size()) + " of the last " + Format.count(maxLogRows) + " calls");
    }

    private void showSelected() {
        SocketRow row = selectedRow();
        updateCallLabels();
        updatingMode = true;
        try {
            if (row != null) {
                Double t = row.info().timeout();
                blockingModeChoice.setValue(t == null ? BLOCKING : t == 0.0 ? NON_BLOCKING : TIMEOUT);
                if (t != null && t > 0) {
                    timeoutField.setText(new PyValue.Float(t).repr());
                }
            }
            autoReceiveToggle.setSelected(row != null && receiver.isRunning(row.id()));
        } finally {
            updatingMode = false;
        }
    }

    private void setAutoToggle(boolean on) {
        updatingMode = true;
        try {
            autoReceiveToggle.setSelected(on);
        } finally {
            updatingMode = false;
        }
    }

    /** Button names follow the selected socket: sendto/recvfrom for UDP, send/recv for TCP. */
    private void updateCallLabels() {
        SocketRow row = selectedRow();
        boolean none = row == null;
        boolean stream = !none && row.info().type().isStream();
        selectedLabel.setText(none ? "Calls — select a socket" : "Calls on " + row.id()
                + (row.info().state() == SocketState.CLOSED ? " (closed)" : ""));
        sendButton.setText(stream ? "send()" : "sendto()");
        recvButton.setText(stream ? "recv()" : "recvfrom()");
        destHostField.setDisable(stream);
        destPortField.setDisable(stream);
        toLabel.setDisable(stream);
        sendallButton.setDisable(!stream);
        for (var b : List.of(bindButton, connectButton, listenButton, acceptButton, sendButton, recvButton,
                shutdownButton, closeButton)) {
            b.setDisable(none);
        }
        blockingModeChoice.setDisable(none);
        autoReceiveToggle.setDisable(none);
        if (!none && receiver.isRunning(row.id()) != autoReceiveToggle.isSelected()) {
            setAutoToggle(receiver.isRunning(row.id()));
        }
    }

    private void copySelectedLogRows() {
        List<LogRow> selected = logTable.getSelectionModel().getSelectedItems();
        if (selected.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        for (LogRow r : selected) {
            sb.append(r.copyText()).append('\n');
        }
        ClipboardContent content = new ClipboardContent();
        content.putString(sb.toString());
        Clipboard.getSystemClipboard().setContent(content);
    }

    /** Closes every socket and stops every thread the window started. */
    public void dispose() {
        if (pulse != null) {
            pulse.stop();
        }
        receiver.close();
        engine.close();
    }
}
