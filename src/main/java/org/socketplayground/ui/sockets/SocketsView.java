package org.socketplayground.ui.sockets;

import java.util.List;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.cell.CheckBoxTableCell;
import javafx.scene.control.Tooltip;
import org.socketplayground.engine.SocketState;
import org.socketplayground.ui.session.Format;
import org.socketplayground.ui.session.RateMeter;
import org.socketplayground.ui.session.Session;
import org.socketplayground.ui.session.SocketRow;
import org.socketplayground.ui.widgets.Cells;
import org.socketplayground.ui.widgets.TableZoom;

/** The socket table, one row per socket as {@code ss} would list it, and the selected socket's traffic. */
public final class SocketsView {
    /** The tooltip of the ⚠ on a socket bound to every interface. */
    static final String REACHABLE_TOOLTIP =
            "Reachable from the network: bound to every interface, so other machines can reach this socket. "
            + "Bind to 127.0.0.1 to keep it on this machine.";

    private final Session session;
    private final Tooltip rateTip = new Tooltip();
    @FXML private TableView<SocketRow> socketTable;
    @FXML private TableColumn<SocketRow, String> socketIdColumn;
    @FXML private TableColumn<SocketRow, String> socketTypeColumn;
    @FXML private TableColumn<SocketRow, String> socketStateColumn;
    @FXML private TableColumn<SocketRow, String> socketLocalColumn;
    @FXML private TableColumn<SocketRow, String> socketPeerColumn;
    @FXML private TableColumn<SocketRow, String> socketModeColumn;
    @FXML private TableColumn<SocketRow, String> socketReceivedColumn;
    @FXML private TableColumn<SocketRow, String> socketReadyColumn;
    @FXML private TableColumn<SocketRow, Boolean> socketWatchColumn;
    private static final java.util.Map<String, String> READY_MEANINGS = java.util.Map.of(
            "r", "Readable: a recv, recvfrom or accept would not wait; select() would list it in its first list",
            "w", "Writable: a send would not wait; select() would list it in its second list",
            "rw", "Readable and writable: select() would list it in both lists");
    @FXML private Label rateLabel;
    @FXML private Button removeClosedButton;
    @FXML private Sparkline rateChart;

    public SocketsView(Session session) {
        this.session = session;
    }

    @FXML
    private void initialize() {
        socketTable.setItems(session.sockets());
        socketTable.getSelectionModel().setSelectionMode(SelectionMode.SINGLE);
        socketIdColumn.setCellValueFactory(c -> c.getValue().nameProperty());
        socketTypeColumn.setCellValueFactory(c -> c.getValue().typeProperty());
        socketTypeColumn.setCellFactory(col -> new TableCell<>() {
            // Written as it shows, so that the list is the socket's options then, not when the ⚙ appeared.
            private final Tooltip options = new Tooltip();

            {
                options.setOnShowing(e -> {
                    SocketRow row = getTableRow() == null ? null : getTableRow().getItem();
                    options.setText(row == null ? "" : "Options set away from the defaults: " + String.join(", ", row.info().options()));
                });
            }

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(!empty && item != null && item.endsWith(SocketRow.OPTIONS_MARK) ? options : null);
            }
        });
        socketStateColumn.setCellValueFactory(c -> c.getValue().stateProperty());
        socketLocalColumn.setCellValueFactory(c -> c.getValue().localProperty());
        socketPeerColumn.setCellValueFactory(c -> c.getValue().peerProperty());
        socketModeColumn.setCellValueFactory(c -> c.getValue().modeProperty());
        socketReceivedColumn.setCellValueFactory(c -> c.getValue().receivedProperty());
        // What select() would answer now (r, w, rw), and the ticks that make the select() row's read list.
        socketReadyColumn.setCellValueFactory(c -> c.getValue().readyProperty());
        socketReadyColumn.setCellFactory(col -> Cells.styled(text -> text.isEmpty() ? null : "ready",
                text -> text.isEmpty() ? null : READY_MEANINGS.get(text)));
        socketWatchColumn.setCellValueFactory(c -> c.getValue().watchedProperty());
        socketWatchColumn.setCellFactory(CheckBoxTableCell.forTableColumn(socketWatchColumn));
        socketTable.setEditable(true);
        socketStateColumn.setCellFactory(col -> Cells.styled(text -> "state-" + text.toLowerCase().replace('-', '_'),
                text -> SocketState.ofLabel(text).map(SocketState::meaning).orElse(null)));
        socketLocalColumn.setCellFactory(col -> new TableCell<>() {
            private final Tooltip reachable = new Tooltip(REACHABLE_TOOLTIP);
            private String applied;

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                boolean exposed = !empty && item != null && item.contains(" ⚠");
                setText(empty ? null : item);
                setTooltip(exposed ? reachable : null);
                applied = Cells.swapStyle(this, applied, exposed ? "network-reachable" : null);
            }
        });
        // The table's selection and the session's are one: either may change it.
        socketTable.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != session.selectedSocket()) {
                session.select(now);
            }
            refreshRate();
        });
        session.selectedSocketProperty().addListener((o, was, now) -> {
            if (now != socketTable.getSelectionModel().getSelectedItem()) {
                socketTable.getSelectionModel().select(now);
                if (now != null) {
                    socketTable.scrollTo(now);
                }
            }
        });
        // Rates and the sparkline at their own slow pace (four times a second), not at every batch of records.
        session.ticksProperty().addListener((o, was, now) -> {
            refreshRate();
            removeClosedButton.setDisable(!anyClosed());
        });
        // "Remove closed" takes room beside the title only while it has something to do
        removeClosedButton.visibleProperty().bind(removeClosedButton.disableProperty().not());
        removeClosedButton.managedProperty().bind(removeClosedButton.visibleProperty());
        Tooltip.install(rateChart, rateTip);
        // On a narrow window (a projector's zoom) Mode and Received hide first: the calls pane and the traffic line show
        // them for the selected socket; then Watch (the select() row takes names typed too), and Ready last.
        TableZoom.follow(socketTable, session.fontSizeProperty(), socketModeColumn, socketReceivedColumn, socketWatchColumn,
                socketReadyColumn);
        refreshRate();
    }

    /**
     * "Remove closed": the engine forgets its closed sockets (not a socket call: nothing is asked of the system), and
     * the next refresh takes their rows out of the table; their calls stay in the log and the Python pane.
     */
    @FXML
    void removeClosed() {
        for (SocketRow row : List.copyOf(session.sockets())) {
            session.engine().forget(row.id());   // forgets it only if it is closed
        }
        removeClosedButton.setDisable(true);
    }

    private boolean anyClosed() {
        for (SocketRow row : session.sockets()) {
            if (row.info().state() == SocketState.CLOSED) {
                return true;
            }
        }
        return false;
    }

    /** The selected socket's traffic over the last second, and its last minute as a sparkline. */
    private void refreshRate() {
        SocketRow row = socketTable.getSelectionModel().getSelectedItem();
        if (row == null) {
            rateLabel.setText("Select a socket to see its traffic");
            rateChart.setValues(new double[0]);
            return;
        }
        RateMeter meter = row.rate();
        boolean udp = !row.info().type().isStream();
        long perSecond = Math.round(meter.datagramsPerSecond());
        rateLabel.setText(row.name() + " receives " + (udp ? Format.count(perSecond) + " datagrams/s · " : "")
                + Format.bytesPerSecond(meter.bytesPerSecond()));
        rateChart.setValues(udp ? meter.history() : meter.bytesHistory());
        double peak = rateChart.peak();
        rateTip.setText("The last minute of what " + row.name() + " received, "
                + (udp ? "in datagrams per second; peak " + Format.count(Math.round(peak)) + "/s"
                        : "in bytes per second; peak " + Format.bytesPerSecond(peak)));
    }
}
