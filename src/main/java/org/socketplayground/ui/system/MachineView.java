package org.socketplayground.ui.system;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TablePosition;
import javafx.scene.control.TableView;
import javafx.scene.input.MouseButton;
import org.socketplayground.i18n.Texts;
import org.socketplayground.system.Interfaces;
import org.socketplayground.ui.session.Session;

/**
 * The "This machine" tab: every interface and address, as {@code ip -br addr} lists them, so that a student can tell a
 * classmate where to send. A double click puts an address into the Address field (to bind to it), a broadcast
 * address into the to field (to send to the whole subnet). Read off the JavaFX thread each time the tab comes to front.
 */
public final class MachineView {
    private final Session session;
    private final BooleanProperty shown = new SimpleBooleanProperty(this, "shown");
    @FXML private Label machineSummary;
    @FXML private TableView<Interfaces.Address> interfacesTable;
    @FXML private TableColumn<Interfaces.Address, String> interfaceNameColumn;
    @FXML private TableColumn<Interfaces.Address, String> interfaceAddressColumn;
    @FXML private TableColumn<Interfaces.Address, String> interfaceFamilyColumn;
    @FXML private TableColumn<Interfaces.Address, String> interfaceBroadcastColumn;
    @FXML private TableColumn<Interfaces.Address, String> interfaceUpColumn;

    public MachineView(Session session) {
        this.session = session;
    }

    /** Whether the tab is in front: the interfaces are read again each time it comes there. */
    public BooleanProperty shownProperty() {
        return shown;
    }

    @FXML
    private void initialize() {
        column(interfaceNameColumn, Interfaces.Address::interfaceName);
        column(interfaceAddressColumn, Interfaces.Address::address);
        column(interfaceFamilyColumn, Interfaces.Address::family);
        column(interfaceBroadcastColumn, a -> a.broadcast().isEmpty() ? "–" : a.broadcast());
        column(interfaceUpColumn, a -> a.up() ? Texts.get("system.machineView.up.yes") : Texts.get("system.machineView.up.no"));
        interfacesTable.getSelectionModel().setCellSelectionEnabled(true);
        interfacesTable.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                use(interfacesTable.getFocusModel().getFocusedCell());
            }
        });
        machineSummary.setText(Texts.get("system.machineView.reading"));
        shown.addListener((o, was, now) -> {
            if (now) {
                read();
            }
        });
    }

    private static void column(TableColumn<Interfaces.Address, String> column, Function<Interfaces.Address, String> value) {
        column.setCellValueFactory(c -> new SimpleStringProperty(value.apply(c.getValue())));
    }

    /** Reads the interfaces and the default route (a file of /proc) off the JavaFX thread, then shows them. */
    private void read() {
        CompletableFuture.supplyAsync(() -> {
            List<Interfaces.Address> list = Interfaces.list();
            return java.util.Map.entry(list, Interfaces.mainAddress(list));
        }).thenAccept(read -> Platform.runLater(() -> show(read.getKey(), read.getValue())));
    }

    private void show(List<Interfaces.Address> list, java.util.Optional<String> main) {
        interfacesTable.getItems().setAll(list);
        machineSummary.setText(main
                .map(a -> Texts.get("system.machineView.summary", a))
                .orElse(Texts.get("system.machineView.loopbackOnly")));
    }

    /** The double-clicked cell's address into the field that takes it. */
    private void use(TablePosition<Interfaces.Address, ?> cell) {
        if (cell == null || cell.getRow() < 0 || cell.getRow() >= interfacesTable.getItems().size()) {
            return;
        }
        Interfaces.Address a = interfacesTable.getItems().get(cell.getRow());
        if (cell.getTableColumn() == interfaceBroadcastColumn && !a.broadcast().isEmpty()) {
            session.drafts().destHost().set(a.broadcast());
            session.notice(Texts.get("system.machineView.notice.to", a.broadcast()));
        } else {
            session.drafts().host().set(a.address());
            session.notice(Texts.get("system.machineView.notice.address", a.address()));
        }
    }
}
