package org.socketplayground.ui.system;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.util.Duration;
import org.socketplayground.engine.SocketInfo;
import org.socketplayground.engine.SocketState;
import org.socketplayground.engine.UnixAddresses;
import org.socketplayground.engine.py.PyValue;
import org.socketplayground.i18n.Texts;
import org.socketplayground.system.ProcNet;
import org.socketplayground.system.SystemSocket;
import org.socketplayground.ui.session.Session;
import org.socketplayground.ui.session.SocketRow;
import org.socketplayground.ui.widgets.Cells;
import org.socketplayground.ui.widgets.TableZoom;

/**
 * The machine's sockets, as {@code ss -tuxan} shows them, read from /proc/net about once a second while the tab is in
 * front and not at all while it is hidden. The reading runs on a thread of its own; the app's own sockets carry their
 * name in "Socket" and stand out, so that a class sees its {@code s1} among the machine's others, a TIME-WAIT left by a
 * closed connection, or a Recv-Q that grows while nobody reads.
 */
public final class SystemView {
    /** How often the table is read again while it shows (playground.systemRefreshMs). */
    static final long REFRESH_MS = Long.getLong("playground.systemRefreshMs", 1000);

    /** What each state (as ss writes it) means: the key of the state cell's tooltip. */
    private static final Map<String, String> STATE_MEANINGS = Map.of(
            "UNCONN", "system.systemView.state.unconn",
            "LISTEN", "system.systemView.state.listen",
            "ESTAB", "system.systemView.state.estab",
            "SYN-SENT", "system.systemView.state.synSent",
            "TIME-WAIT", "system.systemView.state.timeWait",
            "CLOSE-WAIT", "system.systemView.state.closeWait",
            "FIN-WAIT-1", "system.systemView.state.finWait1",
            "FIN-WAIT-2", "system.systemView.state.finWait2",
            "LAST-ACK", "system.systemView.state.lastAck");

    private final Session session;
    private final ProcNet procNet;
    private final BooleanProperty shown = new SimpleBooleanProperty(this, "shown");
    private final ObservableList<SystemRow> rows = FXCollections.observableArrayList();
    private final FilteredList<SystemRow> visible = new FilteredList<>(rows);
    /** One reading thread, which ends when the tab has been hidden for a few seconds. */
    private final ThreadPoolExecutor reader = new ThreadPoolExecutor(1, 1, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
        Thread t = new Thread(r, "system-sockets");
        t.setDaemon(true);
        return t;
    });
    /** Whether this system lists its sockets in /proc/net: asked once. */
    private final boolean available;
    /** A read is under way: the timer does not start another behind it on a slow machine. */
    private final AtomicBoolean reading = new AtomicBoolean();
    private final Timeline timer = new Timeline(new KeyFrame(Duration.millis(REFRESH_MS), e -> readSoon()));
    private List<SystemSocket> lastRead = List.of();
    /** After a closed app socket's name in the Socket column; whether one is closed is {@link Own#closed}. */
    private final String closedSuffix = Texts.get("system.systemView.closedSuffix");
    /** The app's own sockets' rows: {@code .table-row-cell:own} in the style sheet. */
    private static final PseudoClass OWN = PseudoClass.getPseudoClass("own");
    /** See {@link #learnOwnSockets()}. */
    private final Map<String, Own> known = new LinkedHashMap<>();
    private String lastError;

    @FXML private TextField systemFilterField;
    @FXML private Label systemSummary;
    @FXML private Label systemPlaceholder;
    @FXML private TableView<SystemRow> systemSocketsTable;
    @FXML private TableColumn<SystemRow, String> systemNetidColumn;
    @FXML private TableColumn<SystemRow, String> systemStateColumn;
    @FXML private TableColumn<SystemRow, String> systemRecvQColumn;
    @FXML private TableColumn<SystemRow, String> systemSendQColumn;
    @FXML private TableColumn<SystemRow, String> systemLocalColumn;
    @FXML private TableColumn<SystemRow, String> systemPeerColumn;
    @FXML private TableColumn<SystemRow, String> systemSocketColumn;

    public SystemView(Session session) {
        this(session, new ProcNet());
    }

    SystemView(Session session, ProcNet procNet) {
        this.session = session;
        this.procNet = procNet;
        this.available = procNet.available();
        reader.allowCoreThreadTimeOut(true);
    }

    /** Whether the tab is in front: it reads the machine's sockets only then. */
    public BooleanProperty shownProperty() {
        return shown;
    }

    /** One row: a socket of the machine, and the name of the app's socket it is, if it is one. */
    public record SystemRow(SystemSocket socket, String name) {
        String key() {
            return socket.netid() + " " + socket.local() + " " + socket.peer() + " " + socket.inode();
        }

        boolean matches(String needle) {
            String n = needle.toLowerCase(Locale.ROOT);
            return socket.netid().contains(n) || socket.state().toLowerCase(Locale.ROOT).contains(n)
                    || socket.local().toLowerCase(Locale.ROOT).contains(n) || socket.peer().toLowerCase(Locale.ROOT).contains(n)
                    || name.toLowerCase(Locale.ROOT).contains(n);
        }
    }

    @FXML
    private void initialize() {
        timer.setCycleCount(Timeline.INDEFINITE);
        column(systemNetidColumn, r -> r.socket().netid());
        column(systemStateColumn, r -> r.socket().state());
        column(systemRecvQColumn, r -> r.socket().recvQText());
        column(systemSendQColumn, r -> r.socket().sendQText());
        column(systemLocalColumn, r -> r.socket().local());
        column(systemPeerColumn, r -> r.socket().peer());
        column(systemSocketColumn, SystemRow::name);
        systemStateColumn.setCellFactory(col -> Cells.styled(text -> "state-" + text.toLowerCase(Locale.ROOT).replace('-', '_'),
                state -> STATE_MEANINGS.containsKey(state) ? Texts.get(STATE_MEANINGS.get(state)) : null));
        systemSocketsTable.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(SystemRow item, boolean empty) {
                super.updateItem(item, empty);
                pseudoClassStateChanged(OWN, !empty && item != null && !item.name().isEmpty());
            }
        });
        // Sorted by a click on a heading, the queues as numbers; unsorted, the app's own first, then the kernel's order.
        SortedList<SystemRow> sorted = new SortedList<>(visible);
        sorted.comparatorProperty().bind(systemSocketsTable.comparatorProperty());
        systemSocketsTable.setItems(sorted);
        systemRecvQColumn.setComparator(SystemView::byNumber);
        systemSendQColumn.setComparator(SystemView::byNumber);
        systemFilterField.textProperty().addListener((o, was, now) -> {
            String needle = now.strip();
            visible.setPredicate(needle.isEmpty() ? null : row -> row.matches(needle));
            summarize();
        });
        // An address too long for its column (IPv6, a Unix path) is whole in its tooltip.
        systemLocalColumn.setCellFactory(col -> Cells.styled(text -> null, text -> text.length() > 15 ? text : null));
        systemPeerColumn.setCellFactory(col -> Cells.styled(text -> null, text -> text.length() > 15 ? text : null));
        TableZoom.follow(systemSocketsTable, session.fontSizeProperty(), systemSendQColumn, systemNetidColumn, systemPeerColumn);
        shown.addListener((o, was, now) -> {
            if (now) {
                readSoon();
                timer.play();
            } else {
                timer.stop();
            }
        });
        // A socket made, bound, connected or closed in the app: its name follows at once, not at the next read.
        session.refreshedProperty().addListener((o, was, now) -> {
            learnOwnSockets();
            if (shown.get() && !lastRead.isEmpty()) {
                show(lastRead);
            }
        });
        if (!available) {
            systemPlaceholder.setText(Texts.get("system.systemView.unavailable"));
        }
    }

    private static int byNumber(String a, String b) {
        return Long.compare(a.isEmpty() ? -1 : Long.parseLong(a), b.isEmpty() ? -1 : Long.parseLong(b));
    }

    private static void column(TableColumn<SystemRow, String> column, Function<SystemRow, String> text) {
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(text.apply(c.getValue())));
    }

    /** Reads the machine's sockets on the reading thread, unless a read is still under way. */
    private void readSoon() {
        if (!available || !reading.compareAndSet(false, true)) {
            return;
        }
        reader.execute(() -> {
            List<SystemSocket> read;
            String error = null;
            try {
                read = procNet.read();
            } catch (Exception e) {
                read = List.of();
                error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
            List<SystemSocket> got = read;
            String failed = error;
            Platform.runLater(() -> {
                reading.set(false);
                lastError = failed;
                if (shown.get()) {
                    lastRead = got;
                    show(got);
                }
            });
        });
    }

    private void show(List<SystemSocket> sockets) {
        List<Own> own = List.copyOf(known.values());
        List<SystemRow> fresh = new ArrayList<>(sockets.size());
        List<SystemRow> others = new ArrayList<>(sockets.size());
        for (SystemSocket s : sockets) {
            SystemRow row = new SystemRow(s, nameOf(s, own));
            (row.name().isEmpty() ? others : fresh).add(row);
        }
        // The app's own in the socket table's order (the order they were made), then the machine's.
        List<String> names = own.stream().map(Own::name).toList();
        fresh.sort(java.util.Comparator.comparingInt(r -> names.indexOf(r.name())));
        fresh.addAll(others);
        SystemRow selected = systemSocketsTable.getSelectionModel().getSelectedItem();
        if (!fresh.equals(rows)) {
            rows.setAll(fresh);
            if (selected != null) {
                String key = selected.key();
                systemSocketsTable.getItems().stream().filter(r -> r.key().equals(key)).findFirst()
                        .ifPresent(r -> systemSocketsTable.getSelectionModel().select(r));
            }
        }
        summarize();
    }

    private void summarize() {
        if (lastError != null) {
            systemSummary.setText(Texts.get("system.systemView.readFailed", lastError));
            return;
        }
        long mine = rows.stream().filter(r -> !r.name().isEmpty()).count();
        systemSummary.setText(visible.size() == rows.size()
                ? Texts.get("system.systemView.summary", Texts.count(rows.size()), Texts.count(mine))
                : Texts.get("system.systemView.summaryFiltered", Texts.count(visible.size()), Texts.count(rows.size()), Texts.count(mine)));
    }

    /** An app socket's address as /proc/net writes it, to find its row: ports, or an AF_UNIX socket's path. */
    private record Own(String name, String netid, boolean v6, int localPort, int peerPort, String path, boolean closed) {
    }

    /**
     * The app's sockets by id, with the addresses they had while open: a closed socket's connection can stay in
     * TIME-WAIT for a minute, and its row should still say whose it was. Kept whether the tab shows or not (a few
     * sockets, once per refresh), forgotten when a socket leaves the socket table.
     */
    private void learnOwnSockets() {
        Set<String> listed = new HashSet<>();
        for (SocketRow row : session.sockets()) {
            listed.add(row.id());
            SocketInfo info = row.info();
            if (info.state() == SocketState.CLOSED) {
                known.computeIfPresent(row.id(), (id, o) -> o.closed ? o
                        : new Own(row.name() + closedSuffix, o.netid, o.v6, o.localPort, o.peerPort, o.path, true));
                continue;
            }
            if (info.local() != null && UnixAddresses.isUnix(info.local())) {
                String path = UnixAddresses.text(info.local());   // as /proc/net/unix writes it: a path or @name
                if (!path.equals("None") && !path.equals("''")) {   // unnamed: nothing to find it by
                    known.put(row.id(), new Own(row.name(), info.type().isStream() ? "u_str" : "u_dgr", false, -1, -1, path, false));
                }
                continue;
            }
            if (info.local() == null || !info.family().usesPorts() || ((PyValue.Int) info.local().get(1)).value() == 0) {
                continue;
            }
            int localPort = (int) ((PyValue.Int) info.local().get(1)).value();
            int peerPort = info.peer() == null ? -1 : (int) ((PyValue.Int) info.peer().get(1)).value();
            known.put(row.id(), new Own(row.name(), info.type().isStream() ? "tcp" : "udp", info.local().size() > 2, localPort, peerPort,
                    null, false));
        }
        known.keySet().retainAll(listed);
    }

    /**
     * The app socket a row is, by kind, family and ports (ports are unique enough on one machine: a second socket on a
     * port needs SO_REUSEADDR, and then its peer tells them apart), an AF_UNIX one by its path, or "".
     */
    private static String nameOf(SystemSocket s, List<Own> own) {
        if (!s.isInternet()) {
            for (Own o : own) {
                // a closed one's path may be another socket's now: a Unix socket leaves no TIME-WAIT behind
                if (o.path != null && !o.closed && o.netid.equals(s.netid()) && o.path.equals(s.local())) {
                    return o.name;
                }
            }
            return "";
        }
        boolean v6 = s.local().startsWith("[");
        for (Own o : own) {
            if (o.netid.equals(s.netid()) && o.v6 == v6 && o.localPort == s.localPort() && o.peerPort == s.peerPort()) {
                return o.name;
            }
        }
        return "";
    }

    /** Stops reading for good: the window closes. */
    public void close() {
        timer.stop();
        reader.shutdownNow();
    }
}
