package org.socketplayground.ui.diagram;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.FilteredList;
import javafx.fxml.FXML;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollBar;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.i18n.Texts;
import org.socketplayground.ui.session.LogRow;
import org.socketplayground.ui.session.SenderColors;
import org.socketplayground.ui.session.Session;
import org.socketplayground.ui.session.SessionLog;
import org.socketplayground.ui.widgets.FollowEnd;
import org.socketplayground.ui.widgets.SaveFile;

/**
 * The Diagram tab: the log's rows (after its filter) as a sequence diagram, lanes for the endpoints and an arrow for
 * each message, time running down. It follows live and stays put when scrolled up, like the log; selecting an arrow
 * selects its log row, and the reverse. While its tab is hidden it keeps nothing and does nothing: shown, it draws the
 * log's rows again.
 */
public final class DiagramView {
    /** Arrows an exported picture holds at most, the newest: a taller picture is no use on a slide. */
    static final int EXPORT_ARROWS = 200;

    private final Session session;
    private final SessionLog log;
    private final Conversation conversation;
    private final FilteredList<Arrow> shownArrows;
    private final BooleanProperty shown = new SimpleBooleanProperty(this, "shown");
    private LaneLayout layout = new LaneLayout(List.of(), 100, 150, 36);
    private boolean lanesChanged;
    /** Set while the diagram selects the arrow of the session's call: that change is no news for the session. */
    private boolean selecting;
    private ScrollBar hbar;
    private FollowEnd follow;
    /** New arrows came: at the next frame, once the diagram has laid them out, the newest is brought into view. */
    private boolean sidewaysWanted;
    /** The headings, moved with the diagram's horizontal scroll bar inside their clipped pane. */
    private final Pane heads = new Pane();

    @FXML private ListView<Arrow> sequenceDiagram;
    @FXML private Pane diagramLanes;
    @FXML private CheckBox diagramSelectedOnlyCheck;
    @FXML private Label diagramSummary;
    @FXML private Button exportDiagramButton;

    public DiagramView(Session session) {
        this.session = session;
        this.log = session.log();
        this.conversation = new Conversation(id -> session.engine().socket(id), () -> session.engine().sockets(),
                session.names(), Conversation.MAX_ARROWS);
        this.shownArrows = new FilteredList<>(conversation.arrows());
    }

    /** Whether the tab is in front of a window that shows: only then does the diagram keep and draw anything. */
    public BooleanProperty shownProperty() {
        return shown;
    }

    @FXML
    private void initialize() {
        sequenceDiagram.setItems(shownArrows);
        sequenceDiagram.setCellFactory(v -> new ListCell<>() {
            private final ArrowRow row = new ArrowRow();

            @Override
            protected void updateItem(Arrow arrow, boolean empty) {
                super.updateItem(arrow, empty);
                row.show(empty ? null : arrow, layout);
                setGraphic(row);
            }
        });
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(diagramLanes.widthProperty());
        clip.heightProperty().bind(diagramLanes.heightProperty());
        diagramLanes.setClip(clip);
        diagramLanes.getChildren().add(heads);
        log.visible().addListener(this::rowsChanged);
        if (log.visible() instanceof FilteredList<LogRow> filtered) {
            filtered.predicateProperty().addListener((o, was, now) -> redraw());   // the log's filter is the diagram's
        }
        shown.addListener((o, was, now) -> redraw());
        conversation.lanes().addListener((ListChangeListener<Lane>) c -> lanesChanged = true);
        sequenceDiagram.widthProperty().addListener((o, was, now) -> relayout());
        session.fontSizeProperty().addListener((o, was, now) -> relayout());
        session.nameChangesProperty().addListener((o, was, now) -> drawHeads(heads, layout, session.names()));
        diagramSelectedOnlyCheck.selectedProperty().addListener((o, was, now) -> refilter());
        session.selectedSocketProperty().addListener((o, was, now) -> {
            if (diagramSelectedOnlyCheck.isSelected()) {
                refilter();
            }
        });
        setUpSelection();
        follow = new FollowEnd(sequenceDiagram, shownArrows, session.refreshedProperty());
        session.refreshedProperty().addListener((o, was, now) -> {
            if (sidewaysWanted && shown.get()) {
                sidewaysWanted = false;
                sequenceDiagram.layout();
                showNewestSideways();
            }
        });
        shownArrows.predicateProperty().addListener((o, was, now) -> follow.itemsReplaced());
        summarize();
    }

    /** New rows of the log: the diagram takes those it has not seen; emptied, it starts again. */
    private void rowsChanged(ListChangeListener.Change<? extends LogRow> c) {
        if (!shown.get()) {
            return;
        }
        if (log.visible().isEmpty()) {
            conversation.clear();
            afterTake();
            return;
        }
        List<LogRow> fresh = new ArrayList<>();
        long seen = conversation.lastSeq();
        while (c.next()) {
            if (c.wasAdded()) {
                for (LogRow row : c.getAddedSubList()) {
                    if (row.record().seq() > seen) {
                        fresh.add(row);
                    }
                }
            }
        }
        if (!fresh.isEmpty()) {
            conversation.take(fresh);
            afterTake();
        }
    }

    /** Draws the log's rows again from the start (shown, or the log's filter changed); hidden, forgets them. */
    private void redraw() {
        conversation.clear();
        if (shown.get()) {
            conversation.take(List.copyOf(log.visible()));
        }
        afterTake();
        selectArrowOf(session.selectedCallProperty().get());
    }

    private void afterTake() {
        if (lanesChanged || diagramSelectedOnlyCheck.isSelected()) {
            relayout();
        }
        summarize();
        sidewaysWanted = true;
    }

    /**
     * While following, the newest arrow's lanes are brought into view sideways too: with more lanes than the tab is
     * wide, a row whose arrow is off to the right would look empty.
     */
    private void showNewestSideways() {
        followScrollBar();
        if (hbar == null || shownArrows.isEmpty() || !follow.following()) {
            return;
        }
        Arrow newest = shownArrows.get(shownArrows.size() - 1);
        double half = layout.laneWidth() / 2;
        double left = Math.min(layout.x(newest.from()), layout.x(newest.to())) - half;
        double right = Math.max(layout.x(newest.from()), layout.x(newest.to())) + half;
        double view = sequenceDiagram.getWidth() - sequenceDiagram.getFixedCellSize() * 0.6;   // less the scroll bar
        if (left < 0 || view <= 0) {
            return;
        }
        double at = hbar.getValue();
        if (right > at + view || left < at) {   // the times' column stays in view while the arrow fits beside it
            double wanted = right <= view ? 0 : right - left > view ? left : right - view;
            hbar.setValue(Math.max(hbar.getMin(), Math.min(hbar.getMax(), wanted)));
        }
    }

    /** Shows only the arrows to and from the selected socket, or all of them. */
    private void refilter() {
        String selected = diagramSelectedOnlyCheck.isSelected() && session.selectedSocket() != null
                ? "s:" + session.selectedSocket().id() : null;
        shownArrows.setPredicate(selected == null ? null : a -> a.from().equals(selected) || a.to().equals(selected));
        relayout();
        summarize();
    }

    /** Places the lanes again: the lanes shown (with the filter, only those its arrows touch), as wide as fits. */
    private void relayout() {
        lanesChanged = false;
        List<Lane> lanes = conversation.lanes();
        if (shownArrows.getPredicate() != null) {
            Set<String> touched = new HashSet<>();
            shownArrows.forEach(a -> {
                touched.add(a.from());
                touched.add(a.to());
            });
            lanes = lanes.stream().filter(l -> touched.contains(l.key())).toList();
        }
        double em = session.fontSizeProperty().get();
        double timeWidth = em * 7.2;
        double room = sequenceDiagram.getWidth() - timeWidth - em * 1.5;   // the vertical scroll bar's room
        double laneWidth = Math.max(em * 9.5, Math.min(em * 20, lanes.isEmpty() ? 0 : room / lanes.size()));
        double rowHeight = Math.round(em * 2.6);
        LaneLayout next = new LaneLayout(lanes, timeWidth, laneWidth, rowHeight);
        if (next.equals(layout)) {
            return;
        }
        layout = next;
        sequenceDiagram.setFixedCellSize(rowHeight);
        drawHeads(heads, layout, session.names());
        diagramLanes.setMinHeight(heads.getPrefHeight());
        diagramLanes.setPrefHeight(heads.getPrefHeight());
        followScrollBar();
        sequenceDiagram.refresh();
    }

    /** The lanes' headings: each lane's name and address, on its sender colour. */
    private static void drawHeads(Pane heads, LaneLayout layout, org.socketplayground.transcript.SocketNames names) {
        List<Node> labels = new ArrayList<>();
        double h = layout.rowHeight() * 1.45;
        for (Lane lane : layout.lanes()) {
            // an app socket by the name it has now: a lesson may have named it since its first arrow
            String title = lane.key().startsWith("s:") ? names.of(lane.key().substring(2)) : lane.title();
            Label head = new Label(title + "\n" + lane.address());
            head.getStyleClass().add("lane-head");
            if (lane.colour() >= 0 && lane.colour() < SenderColors.PALETTE_SIZE) {
                head.getStyleClass().add(SenderColors.styleClass(lane.colour()));
            }
            head.setAccessibleText(Texts.get("diagram.diagramView.laneAccessible", title, lane.address()));
            double w = layout.laneWidth() - layout.rowHeight() * 0.25;
            head.setPrefSize(w, h);
            head.setMinSize(w, h);
            head.setMaxSize(w, h);
            head.relocate(layout.x(lane.key()) - w / 2, 0);
            labels.add(head);
        }
        heads.getChildren().setAll(labels);
        heads.setMinHeight(h + 2);
        heads.setPrefHeight(h + 2);
    }

    /** The headings move with the diagram's horizontal scroll bar. */
    private void followScrollBar() {
        if (hbar != null) {
            return;
        }
        for (Node n : sequenceDiagram.lookupAll(".scroll-bar")) {
            if (n instanceof ScrollBar bar && bar.getOrientation() == Orientation.HORIZONTAL) {
                hbar = bar;
                heads.translateXProperty().bind(bar.valueProperty().negate());
            }
        }
    }

    private void summarize() {
        if (!shown.get()) {
            diagramSummary.setText("");
            return;
        }
        int lanes = layout.lanes().size();
        String text = Texts.get("diagram.diagramView.summary", arrows(shownArrows.size()),
                Texts.get(lanes == 1 ? "diagram.diagramView.endpoints.one" : "diagram.diagramView.endpoints.other", lanes));
        long left = conversation.leftForBudget();
        diagramSummary.setText(left == 0 ? text : Texts.get("diagram.diagramView.summaryTrimmed", text,
                Texts.count(Conversation.MAX_ARROWS), Texts.count(left)));
    }

    /** "1 arrow", "17 arrows". */
    private static String arrows(int n) {
        return Texts.get(n == 1 ? "diagram.diagramView.arrows.one" : "diagram.diagramView.arrows.other", Texts.count(n));
    }

    /** The diagram's selection is the session's selected call, as the log's is: either selects the other. */
    private void setUpSelection() {
        sequenceDiagram.getSelectionModel().selectedItemProperty().addListener((o, was, arrow) -> {
            if (selecting || arrow == null) {
                return;
            }
            CallRecord call = log.call(arrow.firstSeq());
            if (call != null && call != session.selectedCallProperty().get()) {
                session.selectCall(call);
            }
        });
        session.selectedCallProperty().addListener((o, was, call) -> selectArrowOf(call));
    }

    /** Selects the arrow that shows the call (the newest such), or none. */
    private void selectArrowOf(CallRecord call) {
        Arrow selected = sequenceDiagram.getSelectionModel().getSelectedItem();
        if (!shown.get() || call != null && selected != null && selected.shows(call)) {
            return;
        }
        selecting = true;
        try {
            sequenceDiagram.getSelectionModel().clearSelection();
            for (int i = shownArrows.size() - 1; call != null && i >= 0; i--) {
                if (shownArrows.get(i).shows(call)) {
                    sequenceDiagram.getSelectionModel().clearAndSelect(i);
                    sequenceDiagram.scrollTo(i);
                    break;
                }
            }
        } finally {
            selecting = false;
        }
    }

    /** Writes the newest arrows shown (at most {@link #EXPORT_ARROWS}) as a PNG picture, with their lanes' headings. */
    @FXML
    void exportDiagram() {
        List<Arrow> all = List.copyOf(shownArrows);
        if (all.isEmpty()) {
            session.notice(Texts.get("diagram.diagramView.exportNothing"));
            return;
        }
        List<Arrow> part = all.subList(Math.max(0, all.size() - EXPORT_ARROWS), all.size());
        Pane pageHeads = new Pane();
        drawHeads(pageHeads, layout, session.names());
        VBox page = new VBox(pageHeads);
        for (Arrow arrow : part) {
            ArrowRow row = new ArrowRow();
            row.show(arrow, layout);
            page.getChildren().add(row);
        }
        page.getStyleClass().addAll("playground", "diagram-page");
        page.setStyle("-fx-font-size: " + session.fontSizeProperty().get() + "px;");
        Scene scene = new Scene(page);
        scene.getStylesheets().setAll(sequenceDiagram.getScene().getStylesheets());
        page.applyCss();
        page.layout();
        WritableImage image = page.snapshot(null, null);
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        String what = part.size() == all.size() ? arrows(all.size())
                : Texts.get("diagram.diagramView.exportNewest", Texts.count(part.size()), Texts.count(all.size()));
        SaveFile.saveBytes(exportDiagramButton, new SaveFile.Target("playground.diagramTo", Texts.get("diagram.diagramView.exportTitle"),
                        "playground_diagram.png", Texts.get("diagram.diagramView.exportKind"), "*.png"), () -> Png.encode(w, h, argb),
                file -> Texts.get("diagram.diagramView.exported", what, file), Texts.get("diagram.diagramView.exportFailed"),
                session::notice);
    }
}
