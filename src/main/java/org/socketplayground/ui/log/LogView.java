package org.socketplayground.ui.log;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import org.socketplayground.capture.PcapCapture;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.i18n.Texts;
import org.socketplayground.ui.session.LogExport;
import org.socketplayground.ui.session.LogRow;
import org.socketplayground.ui.session.Session;
import org.socketplayground.ui.session.SenderColors;
import org.socketplayground.ui.session.SessionLog;
import org.socketplayground.ui.widgets.Cells;
import org.socketplayground.ui.widgets.FollowEnd;
import org.socketplayground.ui.widgets.SaveFile;
import org.socketplayground.ui.widgets.Shortcuts;
import org.socketplayground.ui.widgets.TableZoom;

/**
 * The live log: one row per finished call, senders in their own colours. While it shows its newest row it follows
 * what comes, as a terminal does; scrolled up to read, it stays where the reader is.
 */
public final class LogView {
    private final Session session;
    private final SessionLog log;
    /** Set while the log selects the row of the session's call (or none): that change is no news for the session. */
    private CallRecord selectingFor;
    private FollowEnd follow;

    @FXML private TextField logFilterField;
    @FXML private CheckBox dataOnlyCheck;
    @FXML private ToggleButton logHexToggle;
    @FXML private ToggleButton pauseLogToggle;
    @FXML private TableView<LogRow> logTable;
    @FXML private TableColumn<LogRow, String> logTimeColumn;
    @FXML private TableColumn<LogRow, String> logCallColumn;
    @FXML private TableColumn<LogRow, String> logHostColumn;
    @FXML private TableColumn<LogRow, String> logPortColumn;
    @FXML private TableColumn<LogRow, String> logDestinationColumn;
    @FXML private TableColumn<LogRow, String> logBytesColumn;

    public LogView(Session session) {
        this.session = session;
        this.log = session.log();
    }

    @FXML
    private void initialize() {
        logTable.setItems(log.visible());
        logTable.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        // The columns in the FXML's order: Time, Socket, Call, Source host, Source port, Destination, Bytes, Data.
        List<Function<LogRow, String>> cells = List.of(LogRow::time, LogRow::socket, LogRow::call, LogRow::sourceHost,
                LogRow::sourcePort, LogRow::destination, LogRow::bytesText,
                row -> logHexToggle.isSelected() ? row.hex() : row.text());
        for (int i = 0; i < cells.size(); i++) {
            Function<LogRow, String> cell = cells.get(i);
            @SuppressWarnings("unchecked")
            TableColumn<LogRow, String> column = (TableColumn<LogRow, String>) logTable.getColumns().get(i);
            column.setCellValueFactory(c -> new ReadOnlyStringWrapper(cell.apply(c.getValue())));
        }
        logHostColumn.setCellFactory(col -> senderCell());
        logPortColumn.setCellFactory(col -> senderCell());
        logTable.setRowFactory(t -> new TableRow<>() {
            private String applied;

            @Override
            protected void updateItem(LogRow item, boolean empty) {
                super.updateItem(item, empty);
                applied = Cells.swapStyle(this, applied, empty || item == null ? null : item.style());
            }
        });
        logHexToggle.selectedProperty().addListener((o, was, now) -> logTable.refresh());
        session.nameChangesProperty().addListener((o, was, now) -> logTable.refresh());   // a lesson named a socket
        pauseLogToggle.selectedProperty().bindBidirectional(log.pausedProperty());
        log.pausedProperty().addListener((o, was, paused) -> {
            if (!paused) {
                follow.resume();
            }
            refreshPause();
        });
        log.arrivedWhilePausedProperty().addListener((o, was, now) -> refreshPause());
        logFilterField.textProperty().addListener((o, was, now) -> filter());
        dataOnlyCheck.selectedProperty().addListener((o, was, now) -> filter());
        setUpSelection();
        follow = new FollowEnd(logTable, log.visible(), session.refreshedProperty());
        MenuItem copy = new MenuItem(Texts.get("logView.menu.copyRow"));
        copy.setAccelerator(new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN));
        copy.setOnAction(e -> copySelectedRows());
        logTable.setContextMenu(new ContextMenu(copy));
        // Zoomed in on a narrow window, Time hides first, then Bytes, then Call: who sent what stays in view.
        TableZoom.follow(logTable, session.fontSizeProperty(), logTimeColumn, logBytesColumn, logDestinationColumn, logCallColumn);
        Shortcuts.install(logTable, Map.of(new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN), pauseLogToggle::fire));
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
                // an AF_UNIX sender has no port: its empty cell stays plain
                boolean coloured = row != null && row.colour() >= 0 && item != null && !item.isEmpty();
                applied = Cells.swapStyle(this, applied, coloured ? SenderColors.styleClass(row.colour()) : null);
            }
        };
    }

    private void filter() {
        log.filter(logFilterField.getText(), dataOnlyCheck.isSelected());
        follow.itemsReplaced();
    }

    /** The log's selection is the session's selected call, so that the Python pane and the details follow it. */
    private void setUpSelection() {
        logTable.getSelectionModel().selectedItemProperty().addListener((o, was, row) -> {
            CallRecord call = row == null ? null : row.record();
            if (selectingFor == null && call != session.selectedCallProperty().get()) {
                session.selectCall(call);
            }
        });
        session.selectedCallProperty().addListener((o, was, call) -> {
            LogRow selected = logTable.getSelectionModel().getSelectedItem();
            if (call != null && selected != null && selected.record() == call) {
                return;
            }
            // The call chosen elsewhere (a line of Python): its row, or none when the log no longer shows it.
            selectingFor = call;
            try {
                logTable.getSelectionModel().clearSelection();
                List<LogRow> rows = log.visible();
                for (int i = rows.size() - 1; call != null && i >= 0; i--) {
                    if (rows.get(i).record().seq() == call.seq()) {
                        logTable.getSelectionModel().clearAndSelect(i);
                        logTable.scrollTo(i);
                        break;
                    }
                }
            } finally {
                selectingFor = null;
            }
        });
    }

    private void refreshPause() {
        long held = log.arrivedWhilePausedProperty().get();
        pauseLogToggle.setText(!log.pausedProperty().get() ? Texts.get("logView.pause.pause")
                : held == 0 ? Texts.get("logView.pause.resume") : Texts.get("logView.pause.resumeNew", Texts.count(held)));
    }

    private void copySelectedRows() {
        List<LogRow> selected = logTable.getSelectionModel().getSelectedItems();
        if (selected.isEmpty()) {
            return;
        }
        String text = selected.stream().map(r -> r.copyText() + "\n").collect(Collectors.joining());
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }

    @FXML
    void clearLog() {
        log.clear();
        follow.resume();
        session.selectCall(null);
    }

    /**
     * Writes what the log's rows (after its filter) sent and received as a pcap capture for Wireshark: packets with
     * synthesised IP, UDP and TCP headers, at the calls' times. AF_UNIX traffic has no IP form and is left out, counted.
     */
    @FXML
    void exportPcap() {
        List<CallRecord> records = log.visible().stream().map(LogRow::record).toList();
        List<org.socketplayground.engine.SocketInfo> sockets = session.engine().sockets();
        java.util.concurrent.atomic.AtomicReference<PcapCapture.Result> made = new java.util.concurrent.atomic.AtomicReference<>();
        SaveFile.saveBytes(logTable, new SaveFile.Target("playground.pcapTo", Texts.get("logView.pcap.dialogTitle"), "playground.pcap",
                        Texts.get("logView.pcap.filter"), "*.pcap"), () -> {
                    made.set(PcapCapture.of(records, sockets));
                    return made.get().file();
                },
                target -> {
                    PcapCapture.Result r = made.get();
                    String left = Texts.count(r.unixLeftOut());
                    String unix = r.unixLeftOut() == 0 ? ""
                            : r.unixLeftOut() == 1 ? Texts.get("logView.pcap.unixLeftOut.one", left)
                            : Texts.get("logView.pcap.unixLeftOut.other", left);
                    String packets = Texts.count(r.packets());
                    return r.packets() == 1 ? Texts.get("logView.pcap.exported.one", packets, target, unix)
                            : Texts.get("logView.pcap.exported.other", packets, target, unix);
                },
                reason -> Texts.get("logView.pcap.failed", reason), session::notice);
    }

    /** Writes the rows the log shows (after its filter, Data as the Hex toggle shows it) to a CSV file. */
    @FXML
    void exportLog() {
        List<LogRow> snapshot = List.copyOf(log.visible());
        boolean hexData = logHexToggle.isSelected();
        SaveFile.save(logTable, new SaveFile.Target("playground.exportTo", Texts.get("logView.csv.dialogTitle"), "playground_log.csv",
                        Texts.get("logView.csv.filter"), "*.csv"), () -> LogExport.csv(snapshot, hexData),
                target -> snapshot.size() == 1 ? Texts.get("logView.csv.exported.one", snapshot.size(), target)
                        : Texts.get("logView.csv.exported.other", snapshot.size(), target),
                reason -> Texts.get("logView.csv.failed", reason), session::notice);
    }
}
