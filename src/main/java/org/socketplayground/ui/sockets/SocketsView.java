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
import org.socketplayground.i18n.Texts;
import org.socketplayground.ui.session.Format;
import org.socketplayground.ui.session.RateMeter;
import org.socketplayground.ui.session.Session;
import org.socketplayground.ui.session.SocketRow;
import org.socketplayground.ui.widgets.Cells;
import org.socketplayground.ui.widgets.TableZoom;

/** The socket table, one row per socket as {@code ss} would list it, and the selected socket's traffic. */
public final class SocketsView {
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
                    options.setText(row == null ? "" : Texts.get("socketsView.optionsTooltip", String.join(", ", row.info().options())));
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
                text -> text.isEmpty() ? null : readyMeaning(text)));
        socketWatchColumn.setCellValueFactory(c -> c.getValue().watchedProperty());
        socketWatchColumn.setCellFactory(CheckBoxTableCell.forTableColumn(socketWatchColumn));
        socketTable.setEditable(true);
        socketStateColumn.setCellFactory(col -> Cells.styled(text -> "state-" + text.toLowerCase().replace('-', '_'),
                text -> SocketState.ofLabel(text).map(SocketState::meaning).orElse(null)));
        socketLocalColumn.setCellFactory(col -> new TableCell<>() {
            /** The tooltip of the ⚠ on a socket bound to every interface. */
            private final Tooltip reachable = new Tooltip(Texts.get("socketsView.reachableTooltip"));
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

    /** What a Ready cell's r, w or rw (the cell's text, as select() answers) means; null for any other text. */
    private static String readyMeaning(String ready) {
        return switch (ready) {
            case "r" -> Texts.get("socketsView.ready.r");
            case "w" -> Texts.get("socketsView.ready.w");
            case "rw" -> Texts.get("socketsView.ready.rw");
            default -> null;
        };
    }

    /** The selected socket's traffic over the last second, and its last minute as a sparkline. */
    private void refreshRate() {
        SocketRow row = socketTable.getSelectionModel().getSelectedItem();
        if (row == null) {
            rateLabel.setText(Texts.get("socketsView.rate.noneSelected"));
            rateChart.setValues(new double[0]);
            return;
        }
        RateMeter meter = row.rate();
        boolean udp = !row.info().type().isStream();
        long perSecond = Math.round(meter.datagramsPerSecond());
        String bytes = Format.bytesPerSecond(meter.bytesPerSecond());
        rateLabel.setText(udp ? Texts.get("socketsView.rate.datagrams", row.name(), Texts.count(perSecond), bytes)
                : Texts.get("socketsView.rate.stream", row.name(), bytes));
        rateChart.setValues(udp ? meter.history() : meter.bytesHistory());
        double peak = rateChart.peak();
        rateTip.setText(udp ? Texts.get("socketsView.rateTip.datagrams", row.name(), Texts.count(Math.round(peak)))
                : Texts.get("socketsView.rateTip.stream", row.name(), Format.bytesPerSecond(peak)));
    }
}
