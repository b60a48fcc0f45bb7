package org.socketplayground.ui;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
import javafx.scene.control.ComboBox;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
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
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.controlsfx.control.StatusBar;
import org.controlsfx.validation.Severity;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;
import org.controlsfx.validation.Validator;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.engine.Family;
import org.socketplayground.engine.PyConsole;
import org.socketplayground.engine.SockType;
import org.socketplayground.engine.SocketEngine;
import org.socketplayground.engine.SocketInfo;
import org.socketplayground.engine.SocketState;
import org.socketplayground.engine.py.PyValue;
import org.socketplayground.lessons.Lesson;
import org.socketplayground.lessons.LessonLibrary;
import org.socketplayground.lessons.LessonSession;
import org.socketplayground.peers.Peers;
import org.socketplayground.transcript.PythonTranscript;
import org.socketplayground.ui.theme.Projector;
import org.socketplayground.ui.theme.Theme;
import org.socketplayground.ui.theme.Themes;

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
    /** Calls the Python pane keeps; a saved script says when earlier ones were left out. */
    static final int TRANSCRIPT_CALLS = Integer.getInteger("playground.codeLines", 3_000);
    /** The tooltip of the ⚠ on a socket bound to every interface. */
    static final String REACHABLE_TOOLTIP =
            "Reachable from the network: bound to every interface, so other machines can reach this socket. "
            + "Bind to 127.0.0.1 to keep it on this machine.";

    private final SocketEngine engine;
    private final RecordFeed feed = new RecordFeed();
    private final ContinuousReceiver receiver;
    private final SenderColors colours = new SenderColors();
    private final PythonTranscript transcript;
    private final PyConsole console;
    private final Peers peers;
    private final Projector projector = new Projector();
    private LessonSession lesson;
    private boolean transcriptChanged;
    private boolean syncingSelection;
    private long lastCodeRefresh;
    private final Map<String, SocketRow> rows = new LinkedHashMap<>();
    private final Map<Long, CallRecord> waiting = new LinkedHashMap<>();
    private final ObservableList<LogRow> logRows = FXCollections.observableArrayList();
    private final FilteredList<LogRow> visibleLog = new FilteredList<>(logRows);
    /** Calls that finished while the log was paused, newest last; no more than the log itself keeps. */
    private final java.util.ArrayDeque<CallRecord> heldWhilePaused = new java.util.ArrayDeque<>();
    /** How many calls finished while the log was paused, those beyond what it keeps too. */
    private long arrivedWhilePaused;
    private final AtomicReference<CallRecord> userOutcome = new AtomicReference<>();
    /** A message from background work (a saved file, a started peer) for the status bar. */
    private final AtomicReference<String> userNotice = new AtomicReference<>();
    private String notice = "";
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
    @FXML private javafx.scene.control.ScrollPane callsScroll;
    @FXML private VBox callsPane;
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
    @FXML private ToggleButton autoReplyToggle;
    @FXML private TextField replyPrefixField;
    @FXML private ChoiceBox<String> shutdownChoice;
    @FXML private Button shutdownButton;
    @FXML private Button closeButton;
    @FXML private TextField logFilterField;
    @FXML private CheckBox dataOnlyCheck;
    @FXML private ToggleButton logHexToggle;
    @FXML private Button clearLogButton;
    @FXML private ToggleButton pauseLogToggle;
    @FXML private Label rateLabel;
    @FXML private Sparkline rateChart;
    private final Tooltip rateTip = new Tooltip();
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
    @FXML private MenuButton peersMenu;
    @FXML private ComboBox<Lesson> lessonChoice;
    @FXML private Button lessonOpenButton;
    @FXML private Button zoomOutButton;
    @FXML private Button zoomInButton;
    @FXML private ToggleButton contrastToggle;
    @FXML private ToggleButton darkToggle;
    @FXML private Tab lessonTab;
    @FXML private TabPane codeTabs;
    @FXML private Tab pythonTab;
    @FXML private Tab detailTab;
    @FXML private TextArea pythonCode;
    @FXML private Button copyCodeButton;
    @FXML private Button saveScriptButton;
    @FXML private Button clearCodeButton;
    @FXML private VBox lessonPane;
    @FXML private Label lessonTitle;
    @FXML private Label lessonProgress;
    @FXML private ProgressBar lessonBar;
    @FXML private Label lessonStepTitle;
    @FXML private Label lessonStepText;
    @FXML private Label lessonStatus;
    @FXML private Button lessonPreviousButton;
    @FXML private Button lessonShowMeButton;
    @FXML private Button lessonNextButton;

    public PlaygroundController(SocketEngine engine) {
        this(engine, DEFAULT_LOG_ROWS);
    }

    public PlaygroundController(SocketEngine engine, int maxLogRows) {
        this.engine = engine;
        this.maxLogRows = maxLogRows;
        this.receiver = new ContinuousReceiver(engine);
        this.transcript = new PythonTranscript(TRANSCRIPT_CALLS, id -> engine.socket(id).map(SocketInfo::local).orElse(null));
        this.console = new PyConsole(engine);
        this.peers = new Peers(engine);
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
        autoReplyToggle.selectedProperty().addListener((o, was, now) -> {
            if (!updatingMode) {
                toggleAutoReply(now);
            }
        });
        socketTable.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            showSelected();
            if (now != null && !syncingSelection) {
                highlightSocketInCode(now.id());
            }
        });
        Tooltip.install(rateChart, rateTip);
        keepWhole(root);
        // The calls pane fills its place, and scrolls sideways once its buttons no longer fit (a large zoom).
        callsScroll.viewportBoundsProperty().addListener((o, was, now) -> callsPane.setPrefWidth(now.getWidth()));
        setUpCodePane();
        setUpPeers();
        setUpLessons();
        // One theme at a time; neither toggle selected is Light.
        javafx.scene.control.ToggleGroup themes = new javafx.scene.control.ToggleGroup();
        themes.getToggles().addAll(contrastToggle, darkToggle);
        themes.selectedToggleProperty().addListener((o, was, now) -> {
            projector.setTheme(now == darkToggle ? Theme.DARK : now == contrastToggle ? Theme.HIGH_CONTRAST : Theme.LIGHT);
            applyProjector();
        });
        root.sceneProperty().addListener((o, was, scene) -> {
            if (scene != null) {
                installShortcuts(scene);
                contrastToggle.setSelected(projector.theme() == Theme.HIGH_CONTRAST);
                darkToggle.setSelected(projector.theme() == Theme.DARK);
                applyProjector();
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
            private final Tooltip reachable = new Tooltip(REACHABLE_TOOLTIP);
            private String applied;

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                boolean exposed = !empty && item != null && item.endsWith(" ⚠");
                setText(empty ? null : item);
                setTooltip(exposed ? reachable : null);
                applied = swapStyle(this, applied, exposed ? "network-reachable" : null);
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
                setText(empty ? null : item);
                applied = swapStyle(this, applied, empty || item == null ? null : styleOf.apply(item));
            }
        };
    }

    /**
     * Puts the wanted style class on a cell in place of the one it had, touching the list only when they differ:
     * each change costs the cell a new CSS pass, and under a flood the cells are updated every frame.
     */
    private static String swapStyle(javafx.scene.Node cell, String applied, String wanted) {
        if (!Objects.equals(applied, wanted)) {
            if (applied != null) {
                cell.getStyleClass().remove(applied);
            }
            if (wanted != null) {
                cell.getStyleClass().add(wanted);
            }
        }
        return wanted;
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
            private String applied;

            @Override
            protected void updateItem(LogRow item, boolean empty) {
                super.updateItem(item, empty);
                applied = swapStyle(this, applied, !empty && item != null && item.failed() ? "failed" : null);
            }
        });
        logHexToggle.selectedProperty().addListener((o, was, now) -> logTable.refresh());
        pauseLogToggle.selectedProperty().addListener((o, was, paused) -> {
            if (!paused) {
                appendToLog(new ArrayList<>(heldWhilePaused));
                heldWhilePaused.clear();
                arrivedWhilePaused = 0;
                if (!visibleLog.isEmpty()) {
                    showLogEnd();
                }
            }
            refreshPause();
            refreshStatus();
        });
        logFilterField.textProperty().addListener((o, was, now) -> updateLogFilter());
        dataOnlyCheck.selectedProperty().addListener((o, was, now) -> updateLogFilter());
        logTable.getSelectionModel().selectedItemProperty().addListener((o, was, row) -> {
            detailArea.setText(row == null ? "" : row.detail());
            if (row != null && !syncingSelection) {
                highlightCall(row.record().seq());
            }
        });
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
                LogRow row = empty ? null : getTableRow().getItem();
                setText(empty ? null : item);
                applied = swapStyle(this, applied, row != null && row.colour() >= 0 ? SenderColors.styleClass(row.colour()) : null);
            }
        };
    }

    private void updateLogFilter() {
        String needle = logFilterField.getText() == null ? "" : logFilterField.getText().strip();
        boolean dataOnly = dataOnlyCheck.isSelected();
        visibleLog.setPredicate(row -> (!dataOnly || row.hasData()) && (needle.isEmpty() || row.matches(needle)));
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
        // The corner mark alone is too small for a projector: the field's frame turns red too.
        validation.setValidationDecorator(new org.controlsfx.validation.decoration.CompoundValidationDecoration(
                new org.controlsfx.validation.decoration.GraphicValidationDecoration(),
                new org.controlsfx.validation.decoration.StyleClassValidationDecoration()));
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
        keys.put(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN), this::saveScript);
        keys.put(new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN), () -> pauseLogToggle.fire());
        for (KeyCode k : List.of(KeyCode.PLUS, KeyCode.EQUALS, KeyCode.ADD)) {
            keys.put(new KeyCodeCombination(k, KeyCombination.SHORTCUT_DOWN), this::zoomIn);
        }
        keys.put(new KeyCodeCombination(KeyCode.ADD, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_ANY), this::zoomIn);
        keys.put(new KeyCodeCombination(KeyCode.EQUALS, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), this::zoomIn);
        for (KeyCode k : List.of(KeyCode.MINUS, KeyCode.SUBTRACT)) {
            keys.put(new KeyCodeCombination(k, KeyCombination.SHORTCUT_DOWN), this::zoomOut);
        }
        for (KeyCode k : List.of(KeyCode.DIGIT0, KeyCode.NUMPAD0)) {
            keys.put(new KeyCodeCombination(k, KeyCombination.SHORTCUT_DOWN), this::zoomReset);
        }
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
        heldWhilePaused.clear();
        arrivedWhilePaused = 0;
        detailArea.clear();
    }

    /**
     * Writes the rows the log shows (after its filter, Data as the Hex toggle shows it) to a CSV file, on a
     * background thread. The file is chosen in a dialog; with the system property {@code playground.exportTo}
     * set (for automated tests), it is written there without asking.
     */
    @FXML
    void exportLog() {
        List<LogRow> snapshot = List.copyOf(visibleLog);
        boolean hexData = logHexToggle.isSelected();
        saveFile("playground.exportTo", "Export the log as CSV", "playground_log.csv", "CSV files", "*.csv",
                () -> LogExport.csv(snapshot, hexData),
                target -> "Exported " + snapshot.size() + " log row" + (snapshot.size() == 1 ? "" : "s") + " to " + target + ".",
                "Could not export the log: ");
    }

    /**
     * Asks where to save (or, with the system property set, for automated tests, saves there without asking),
     * then makes the text and writes it on a background thread; the status bar says how it went.
     */
    private void saveFile(String presetProperty, String title, String name, String kind, String pattern,
                          java.util.function.Supplier<String> text, Function<java.io.File, String> done, String failed) {
        java.io.File file;
        String preset = System.getProperty(presetProperty);
        if (preset != null) {
            file = new java.io.File(preset);
        } else {
            javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
            chooser.setTitle(title);
            chooser.setInitialFileName(name);
            chooser.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter(kind, pattern));
            file = chooser.showSaveDialog(root.getScene().getWindow());
            if (file == null) {
                return;
            }
        }
        java.io.File target = file;
        java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                java.nio.file.Files.writeString(target.toPath(), text.get(), java.nio.charset.StandardCharsets.UTF_8);
                userNotice.set(done.apply(target));
            } catch (java.io.IOException | RuntimeException e) {
                userNotice.set(failed + e.getMessage());
            }
        });
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
            setAutoToggle(false);
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

    /** Auto-reply is continuous receiving that answers every datagram with the prefix and the data. */
    private void toggleAutoReply(boolean on) {
        SocketRow row = selectedRow();
        if (row == null || row.info().type().isStream()) {
            setAutoToggle(false);
            if (row != null) {
                outcomeCallLabel.setText("No call made: auto-reply is for UDP sockets.");
                outcomeLabel.setText("A TCP connection answers with send() on the connection itself.");
                setOutcomeStyle("refused");
                explanationLabel.setText("");
            } else {
                requireSocket();
            }
            return;
        }
        receiver.stop(row.id());
        if (!on) {
            setAutoToggle(false);
            return;
        }
        Inputs.Parsed<byte[]> prefix = Inputs.payload(replyPrefixField.getText(), false);
        Inputs.Parsed<Long> size = Inputs.bufsize(bufsizeField.getText());
        if (!prefix.ok() || !size.ok() || size.value() < 0) {
            setAutoToggle(false);
            refuse(prefix.ok() ? bufsizeField : replyPrefixField, prefix.ok() ? "bufsize" : "reply prefix",
                    prefix.ok() ? (size.ok() ? size.warning() : size.error()) : prefix.error());
            return;
        }
        receiver.start(row.id(), false, Math.max(size.value(), 1), prefix.value());
        setAutoToggle(true);
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
        String message = userNotice.getAndSet(null);
        if (message != null) {
            notice = message;
            refreshStatus();
        }
        CallRecord outcome = userOutcome.getAndSet(null);
        if (outcome != null) {
            showOutcome(outcome);
        }
        if (transcriptChanged && now - lastCodeRefresh > 200_000_000L) {
            lastCodeRefresh = now;
            transcriptChanged = false;
            refreshCode();
        }
        if (!batch.isEmpty() || now - lastTableRefresh > 250_000_000L) {
            lastTableRefresh = now;
            refreshSockets();
            refreshWaiting();
            refreshRate();
            refreshPause();
            refreshStatus();
            keepFollowingLog();
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
                transcript.add(r);
                transcriptChanged = true;
                if (lesson != null && lesson.observe(r)) {
                    showLessonStep();
                }
                recordsSeen++;
                if (r.receivedData() != null && r.call().equals("recvfrom")) {
                    datagramsSeen++;
                }
            }
        }
        if (pauseLogToggle.isSelected()) {
            arrivedWhilePaused += done.size();
            // Only the newest can ever show: keep no more than the log would.
            int keep = Math.min(done.size(), maxLogRows);
            for (int drop = heldWhilePaused.size() + keep - maxLogRows; drop > 0; drop--) {
                heldWhilePaused.pollFirst();
            }
            heldWhilePaused.addAll(done.subList(done.size() - keep, done.size()));
        } else {
            appendToLog(done);
        }
    }

    private void appendToLog(List<CallRecord> done) {
        boolean following = logShowsItsEnd();
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
        if (!fresh.isEmpty() && following) {
            showLogEnd();
        }
    }

    /**
     * Whether the log shows its newest row: then it follows what comes, as a terminal does; scrolled up to read,
     * it stays where the reader is.
     */
    private boolean logShowsItsEnd() {
        javafx.scene.control.skin.VirtualFlow<?> flow = logFlow();
        if (flow == null || visibleLog.isEmpty()) {
            return true;
        }
        javafx.scene.control.IndexedCell<?> last = flow.getLastVisibleCell();
        return last == null || last.getIndex() >= visibleLog.size() - 1;
    }

    /**
     * While the log follows its end, the newest row stays wholly in view even when the table's height changes
     * after the rows came (a label that wraps, a scroll bar): checked a few times a second, at no cost otherwise.
     */
    private void keepFollowingLog() {
        javafx.scene.control.skin.VirtualFlow<?> flow = logFlow();
        if (flow == null || visibleLog.isEmpty() || !logShowsItsEnd()) {
            return;
        }
        javafx.scene.control.IndexedCell<?> last = flow.getLastVisibleCell();
        javafx.scene.Node viewport = logTable.lookup(".clipped-container");
        if (last != null && viewport != null && last.localToScene(last.getBoundsInLocal()).getMaxY()
                > viewport.localToScene(viewport.getBoundsInLocal()).getMaxY() + 0.5) {
            showLogEnd();
        }
    }

    /** Scrolls so that the newest row is wholly in view (TableView.scrollTo would put it at the top, half hidden). */
    private void showLogEnd() {
        javafx.scene.control.skin.VirtualFlow<?> flow = logFlow();
        if (flow != null) {
            logTable.layout();   // the flow learns of the new rows in layout; before it, it would stop at the old end
            flow.scrollTo(visibleLog.size() - 1);
        } else {
            logTable.scrollTo(visibleLog.size() - 1);
        }
    }

    private javafx.scene.control.skin.VirtualFlow<?> logFlow() {
        return logTable.lookup(".virtual-flow") instanceof javafx.scene.control.skin.VirtualFlow<?> flow ? flow : null;
    }

    private void showOutcome(CallRecord r) {
        // A call with megabytes of data must not become a label of megabytes: the detail pane has all of it.
        outcomeCallLabel.setText(Format.cap(r.expression(), Format.LABEL_CHARS));
        outcomeLabel.setText(r.isPending() ? "waiting…" : Format.cap(r.outcome(), Format.LABEL_CHARS));
        setOutcomeStyle(r.isPending() ? "pending" : r.failed() ? "error" : "success");
        Explanations.Explanation e = Explanations.of(r);
        explanationLabel.setText(e.hint() == null ? e.meaning() : e.meaning() + "\nHint: " + e.hint());
        if (r.call().equals("socket") && !r.failed()) {
            selectAfterCreate = r.socketId();
        }
        if ((r.call().equals("settimeout") || r.call().equals("setblocking")) && !r.isPending() && !r.failed()
                && r.socketId() != null && r.socketId().equals(selectedId())) {
            // settimeout(0) is non-blocking and settimeout(None) blocking: the choice follows what the socket is now.
            engine.socket(r.socketId()).ifPresent(info -> showMode(info.timeout()));
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
        updateCallLabels();
    }

    /**
     * Shows the newest call that waits, with its time and the Abandon button. The waits of "receive continuously"
     * and of the built-in peers are left out: the toggle, or the peer, already says the socket is receiving, and
     * under a flood those waits come and go many times a second.
     */
    private void refreshWaiting() {
        CallRecord newest = null;
        int shown = 0;
        for (CallRecord r : waiting.values()) {
            boolean receiving = receiver.isRunning(r.socketId()) && (r.call().equals("recvfrom") || r.call().equals("recv"));
            if (!receiving && !peers.owns(r.socketId())) {
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
        long elapsed = java.time.Duration.between(newest.time(), java.time.Instant.now()).toNanos();
        waitingLabel.setText("waiting: " + Format.cap(newest.expression(), 200) + " blocked for " + Format.seconds(elapsed)
                + (shown > 1 ? "  (+" + (shown - 1) + " more waiting)" : ""));
    }

    private void refreshPause() {
        String text = !pauseLogToggle.isSelected() ? "Pause"
                : arrivedWhilePaused == 0 ? "Resume" : "Resume (" + Format.count(arrivedWhilePaused) + " new)";
        if (!text.equals(pauseLogToggle.getText())) {
            pauseLogToggle.setText(text);
        }
    }

    /** The selected socket's traffic over the last second, and its last minute as a sparkline. */
    private void refreshRate() {
        SocketRow row = selectedRow();
        if (row == null) {
            rateLabel.setText("Select a socket to see its traffic");
            rateChart.setValues(new double[0]);
            return;
        }
        RateMeter meter = row.rate();
        boolean udp = !row.info().type().isStream();
        long perSecond = Math.round(meter.datagramsPerSecond());
        String text = row.id() + " receives " + (udp ? Format.count(perSecond) + " datagrams/s · " : "")
                + Format.bytesPerSecond(meter.bytesPerSecond());
        rateLabel.setText(text);
        rateChart.setValues(udp ? meter.history() : meter.bytesHistory());
        double peak = rateChart.peak();
        rateTip.setText("The last minute of what " + row.id() + " received, "
                + (udp ? "in datagrams per second; peak " + Format.count(Math.round(peak)) + "/s"
                        : "in bytes per second; peak " + Format.bytesPerSecond(peak)));
    }

    private void refreshStatus() {
        statusBar.setText(rows.size() + " socket" + (rows.size() == 1 ? "" : "s")
                + "  ·  " + waiting.size() + " waiting"
                + "  ·  " + Format.count(recordsSeen) + " calls"
                + "  ·  " + Format.count(datagramsSeen) + (datagramsSeen == 1 ? " datagram" : " datagrams") + " received"
                + "  ·  log shows " + Format.count(visibleLog.size()) + " of the last " + Format.count(maxLogRows) + " calls"
                + (pauseLogToggle.isSelected() ? ", paused" : "")
                + (notice.isEmpty() ? "" : "  ·  " + notice));
    }

    private void showSelected() {
        SocketRow row = selectedRow();
        updateCallLabels();
        if (row != null) {
            showMode(row.info().timeout());
        }
        setAutoToggle(row != null && receiver.isRunning(row.id()));
        refreshRate();
    }

    /** Sets the mode choice (and the seconds) to a socket's timeout without calling anything. */
    private void showMode(Double t) {
        boolean was = updatingMode;
        updatingMode = true;
        try {
            blockingModeChoice.setValue(t == null ? BLOCKING : t == 0.0 ? NON_BLOCKING : TIMEOUT);
            if (t != null && t > 0) {
                timeoutField.setText(new PyValue.Float(t).repr());
            }
        } finally {
            updatingMode = was;
        }
    }

    /** Shows the selected socket's receive loop on the toggles without starting or stopping anything. */
    private void setAutoToggle(boolean on) {
        updatingMode = true;
        try {
            SocketRow row = selectedRow();
            autoReceiveToggle.setSelected(on);
            autoReplyToggle.setSelected(on && row != null && receiver.isReplying(row.id()));
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
        autoReplyToggle.setDisable(none || stream);
        if (!none && (receiver.isRunning(row.id()) != autoReceiveToggle.isSelected()
                || receiver.isReplying(row.id()) != autoReplyToggle.isSelected())) {
            setAutoToggle(receiver.isRunning(row.id()));
        }
    }


    // ---------------------------------------------------------------- the Python pane

    private void setUpCodePane() {
        pythonCode.setText(String.join("\n", PythonTranscript.HEADER));
        pythonCode.caretPositionProperty().addListener((o, was, now) -> {
            if (!syncingSelection && pythonCode.isFocused()) {
                selectCallOfLine(lineAt(pythonCode.getText(), now.intValue()));
            }
        });
        codeTabs.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now == pythonTab) {
                refreshCode();   // the pane is up to date the moment it is shown, not at the next refresh
            } else {
                transcriptChanged = true;
            }
        });
    }

    private void refreshCode() {
        if (codeTabs.getSelectionModel().getSelectedItem() != pythonTab) {
            transcriptChanged = true;   // catch up when the pane is shown
            return;
        }
        String text = transcript.text();
        if (text.equals(pythonCode.getText())) {
            return;
        }
        syncingSelection = true;
        try {
            pythonCode.setText(text);
            pythonCode.positionCaret(pythonCode.getLength());
            pythonCode.setScrollTop(Double.MAX_VALUE);
        } finally {
            syncingSelection = false;
        }
    }

    /** Selects the pane's line for a call, as its log row is selected. */
    private void highlightCall(long seq) {
        int line = transcript.lineOf(seq);
        if (line < 0) {
            return;
        }
        refreshCode();
        selectLine(line);
    }

    private void highlightSocketInCode(String socketId) {
        int line = transcript.lineWhereMade(socketId);
        if (line >= 0) {
            refreshCode();
            selectLine(line);
        }
    }

    private void selectLine(int line) {
        String text = pythonCode.getText();
        int start = 0;
        for (int i = 0; i < line && start >= 0; i++) {
            start = text.indexOf('\n', start) + 1;
            if (start == 0) {
                return;
            }
        }
        int end = text.indexOf('\n', start);
        syncingSelection = true;
        try {
            pythonCode.selectRange(end < 0 ? text.length() : end, start);
        } finally {
            syncingSelection = false;
        }
    }

    private static int lineAt(String text, int position) {
        int line = 0;
        for (int i = 0; i < Math.min(position, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** From the pane back to the window: select the call's log row and its socket. */
    private void selectCallOfLine(int line) {
        CallRecord r = transcript.callAt(line);
        if (r == null) {
            return;
        }
        syncingSelection = true;
        try {
            for (int i = 0; i < visibleLog.size(); i++) {
                if (visibleLog.get(i).record().seq() == r.seq()) {
                    logTable.getSelectionModel().clearAndSelect(i);
                    logTable.scrollTo(i);
                    break;
                }
            }
            SocketRow row = r.socketId() == null ? null : rows.get(r.socketId());
            if (row != null) {
                socketTable.getSelectionModel().select(row);
            }
        } finally {
            syncingSelection = false;
        }
    }

    @FXML
    void copyCode() {
        ClipboardContent content = new ClipboardContent();
        content.putString(transcript.text());
        Clipboard.getSystemClipboard().setContent(content);
        statusBar.setText("The Python is on the clipboard.");
    }

    @FXML
    void clearCode() {
        transcript.clear();
        transcriptChanged = true;
    }

    /**
     * Saves the session as a python3 program. The file is chosen in a dialog; with the system property
     * {@code playground.saveTo} set (for automated tests), it is written there without asking.
     */
    @FXML
    void saveScript() {
        String script = transcript.script(java.time.Instant.now());
        saveFile("playground.saveTo", "Save the session as a Python script", "playground_session.py", "Python scripts", "*.py",
                () -> script, target -> "Saved the script to " + target + ". Run it with: python3 " + target.getName(),
                "Could not save the script: ");
    }

    // ---------------------------------------------------------------- built-in peers

    private void setUpPeers() {
        addPeer("UDP echo server — answers 'OK...' + data", () -> peers.startServer(Peers.Kind.UDP_ECHO, Peers.LOOPBACK, 0, Peers.DEFAULT_PREFIX));
        addPeer("UDP echo server with the prefix in the Send field", () -> peers.startServer(Peers.Kind.UDP_ECHO, Peers.LOOPBACK, 0, payloadField.getText()));
        addPeer("UDP uppercase echo server", () -> peers.startServer(Peers.Kind.UDP_UPPER, Peers.LOOPBACK, 0, null));
        addPeer("TCP echo server — one client after another", () -> peers.startServer(Peers.Kind.TCP_ECHO, Peers.LOOPBACK, 0, null));
        addPeer("TCP echo server — a thread per connection", () -> peers.startServer(Peers.Kind.TCP_ECHO_THREADS, Peers.LOOPBACK, 0, null));
        peersMenu.getItems().add(new SeparatorMenuItem());
        MenuItem udpClients = new MenuItem("5 UDP clients → the Send destination");
        udpClients.setOnAction(e -> startClients(true));
        MenuItem tcpClients = new MenuItem("5 TCP clients → the Send destination");
        tcpClients.setOnAction(e -> startClients(false));
        peersMenu.getItems().addAll(udpClients, tcpClients);
    }

    private void addPeer(String text, java.util.function.Supplier<String> start) {
        MenuItem item = new MenuItem(text);
        item.setOnAction(e -> java.util.concurrent.CompletableFuture.supplyAsync(start).whenComplete((id, failure) ->
                userNotice.set(failure == null ? "Started " + text + " as " + id + " (on 127.0.0.1; see its port in the table)."
                        : "Could not start the peer: " + failure.getMessage())));
        peersMenu.getItems().add(item);
    }

    private void startClients(boolean udp) {
        Inputs.Parsed<String> host = Inputs.host(destHostField.getText());
        Inputs.Parsed<Long> port = Inputs.port(destPortField.getText());
        if (!host.ok() || !port.ok()) {
            refuse(host.ok() ? destPortField : destHostField, "destination", host.ok() ? port.error() : host.error());
            return;
        }
        PyValue.Tuple target = SocketEngine.address(host.value(), port.value());
        java.util.concurrent.CompletableFuture.runAsync(() -> peers.startClients(udp, 5, target));
    }

    // ---------------------------------------------------------------- lessons

    private void setUpLessons() {
        lessonChoice.getItems().setAll(LessonLibrary.shipped());
        lessonChoice.valueProperty().addListener((o, was, now) -> startLesson(now));
        for (Button b : List.of(lessonPreviousButton, lessonShowMeButton, lessonNextButton)) {
            b.setDisable(true);
        }
    }

    private void startLesson(Lesson chosen) {
        if (chosen == null) {
            lesson = null;
            return;
        }
        lesson = new LessonSession(chosen, engine, console, peers);
        codeTabs.getSelectionModel().select(lessonTab);
        showLessonStep();
    }

    @FXML
    void openLesson() {
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle("Open a lesson");
        chooser.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter("Lessons (Markdown)", "*.md", "*.txt"));
        java.io.File file = chooser.showOpenDialog(root.getScene().getWindow());
        if (file != null) {
            openLesson(file.toPath());
        }
    }

    /** Adds a teacher's lesson file to the list and starts it; a faulty file is explained, not thrown. */
    void openLesson(java.nio.file.Path file) {
        try {
            Lesson opened = LessonLibrary.load(file);
            lessonChoice.getItems().add(opened);
            lessonChoice.setValue(opened);
        } catch (java.io.IOException | org.socketplayground.lessons.LessonParser.LessonException e) {
            outcomeCallLabel.setText("Could not open the lesson " + file.getFileName());
            outcomeLabel.setText(e.getMessage());
            setOutcomeStyle("refused");
            explanationLabel.setText("");
        }
    }

    private void showLessonStep() {
        if (lesson == null) {
            return;
        }
        Lesson.Step step = lesson.step();
        int current = lesson.current();
        lessonTitle.setText(lesson.lesson().title());
        lessonProgress.setText(lesson.progress());
        int done = 0;
        for (int i = 0; i < lesson.lesson().steps().size(); i++) {
            done += lesson.isDone(i) ? 1 : 0;
        }
        lessonBar.setProgress(done / (double) lesson.lesson().steps().size());
        lessonStepTitle.setText(step.title());
        String intro = current == 0 && !lesson.lesson().intro().isEmpty() ? plain(lesson.lesson().intro()) + "\n\n" : "";
        lessonStepText.setText(intro + plain(step.text()));
        boolean stepDone = lesson.isDone(current);
        lessonStatus.getStyleClass().removeAll("done", "todo");
        lessonStatus.getStyleClass().add(stepDone ? "done" : "todo");
        lessonStatus.setText(stepDone ? (lesson.isComplete() ? "✔ Done — the whole lesson is complete!" : "✔ Done — on to the next step.")
                : "To do: " + step.expect().describe());
        lessonPreviousButton.setDisable(current == 0);
        lessonNextButton.setDisable(current == lesson.lesson().steps().size() - 1);
        lessonShowMeButton.setDisable(step.actions().isEmpty() || stepDone);   // twice would make its sockets twice
    }

    /** Markdown emphasis and code marks read as plain text on the projector. */
    private static String plain(String markdown) {
        String text = markdown.replace("**", "").replace("`", "");
        // Markdown joins the lines of a paragraph; a blank line starts the next one.
        return text.replaceAll("(?<!\n)\n(?!\n)", " ").replaceAll("\n{2,}", "\n\n");
    }

    @FXML
    void nextStep() {
        if (lesson != null) {
            lesson.next();
            showLessonStep();
        }
    }

    @FXML
    void previousStep() {
        if (lesson != null) {
            lesson.previous();
            showLessonStep();
        }
    }

    /** Performs the step's calls on the engine's threads; the step ticks when their records arrive. */
    @FXML
    void showMe() {
        LessonSession session = lesson;
        if (session == null) {
            return;
        }
        lessonShowMeButton.setDisable(true);
        java.util.concurrent.CompletableFuture.supplyAsync(session::showMe).whenComplete((lines, failure) ->
                javafx.application.Platform.runLater(() -> {
                    showLessonStep();
                    if (failure != null) {
                        lessonStatus.setText("Show me stopped: " + failure.getMessage());
                    }
                }));
    }

    // ---------------------------------------------------------------- projector

    @FXML
    void zoomIn() {
        projector.zoom(+1);
        applyProjector();
    }

    @FXML
    void zoomOut() {
        projector.zoom(-1);
        applyProjector();
    }

    void zoomReset() {
        projector.zoom(0);
        applyProjector();
    }

    /**
     * Buttons, choices and one-line labels keep their whole text at any zoom: a pane scrolls rather than show
     * "b..." for bind(). Lines that wrap, and labels that may shrink on purpose, are left as they are.
     */
    private static void keepWhole(javafx.scene.Node node) {
        if (node instanceof javafx.scene.control.ButtonBase || node instanceof ChoiceBox<?>
                || node instanceof Label label && !label.isWrapText() && label.getMinWidth() == Region.USE_COMPUTED_SIZE) {
            ((Region) node).setMinWidth(Region.USE_PREF_SIZE);
        }
        if (node instanceof javafx.scene.control.SplitPane split) {
            split.getItems().forEach(PlaygroundController::keepWhole);
        } else if (node instanceof javafx.scene.control.ScrollPane scroll && scroll.getContent() != null) {
            keepWhole(scroll.getContent());
        } else if (node instanceof TabPane tabs) {
            tabs.getTabs().stream().filter(t -> t.getContent() != null).forEach(t -> keepWhole(t.getContent()));
        } else if (node instanceof javafx.scene.Parent parent && !(node instanceof javafx.scene.control.Control)) {
            parent.getChildrenUnmodifiable().forEach(PlaygroundController::keepWhole);
        }
    }

    /** Column widths (preferred, least) as the FXML gives them at the default text size; they grow with the zoom. */
    private final Map<TableColumn<?, ?>, double[]> baseColumnWidths = new HashMap<>();

    private void applyProjector() {
        root.setStyle("-fx-font-size: " + projector.fontSize() + "px;");
        double scale = projector.fontSize() / (double) Projector.DEFAULT_SIZE;
        for (TableView<?> table : List.of(socketTable, logTable)) {
            // At the default size the columns fill the table; zoomed in, they keep their text and the table scrolls.
            table.setColumnResizePolicy(scale > 1 ? TableView.UNCONSTRAINED_RESIZE_POLICY
                    : TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
            for (TableColumn<?, ?> column : table.getColumns()) {
                double[] base = baseColumnWidths.computeIfAbsent(column, c -> new double[] {c.getPrefWidth(), c.getMinWidth()});
                column.setPrefWidth(base[0] * scale);
                column.setMinWidth(base[1] * scale);
            }
        }
        Scene scene = root.getScene();
        if (scene != null) {
            Themes.apply(scene, projector.theme());
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

    /**
     * Closes every socket and stops every thread the window started. The engine goes first: closing the sockets
     * ends every waiting call at once, so the receive loops and peers then stop by themselves rather than wait
     * out their executors' grace period with their ports still open.
     */
    public void dispose() {
        if (pulse != null) {
            pulse.stop();
        }
        engine.close();
        receiver.close();
        peers.close();
    }
}
