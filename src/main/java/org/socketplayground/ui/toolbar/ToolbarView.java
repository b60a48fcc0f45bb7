package org.socketplayground.ui.toolbar;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.FileChooser;
import org.socketplayground.engine.Family;
import org.socketplayground.engine.SockType;
import org.socketplayground.engine.SocketEngine;
import org.socketplayground.engine.py.PyValue;
import org.socketplayground.i18n.Language;
import org.socketplayground.i18n.Texts;
import org.socketplayground.lessons.Demonstration;
import org.socketplayground.lessons.Lesson;
import org.socketplayground.lessons.LessonLibrary;
import org.socketplayground.lessons.LessonParser;
import org.socketplayground.peers.Peers;
import org.socketplayground.ui.session.Inputs;
import org.socketplayground.ui.session.Session;
import org.socketplayground.ui.theme.Projector;
import org.socketplayground.ui.theme.Theme;
import org.socketplayground.ui.theme.Themes;
import org.socketplayground.ui.widgets.DemoPress;
import org.socketplayground.ui.widgets.Shortcuts;
import org.socketplayground.ui.widgets.WrapBar;

/** The toolbar: new sockets, built-in peers, lessons, the language, and for the projector the text size and the theme. */
public final class ToolbarView {
    private final Session session;
    private final Projector projector = new Projector();
    private final DemoPress demoPress = new DemoPress();
    @FXML private WrapBar toolbar;
    @FXML private ChoiceBox<Family> familyChoice;
    @FXML private ChoiceBox<SockType> typeChoice;
    @FXML private Button createSocketButton;
    @FXML private MenuButton peersMenu;
    @FXML private ComboBox<Lesson> lessonChoice;
    @FXML private ComboBox<Language> languageChoice;
    @FXML private ToggleButton darkToggle;
    @FXML private ToggleButton contrastToggle;

    public ToolbarView(Session session) {
        this.session = session;
    }

    @FXML
    private void initialize() {
        familyChoice.getItems().setAll(Family.values());
        familyChoice.setValue(Family.AF_INET);
        typeChoice.getItems().setAll(SockType.SOCK_DGRAM, SockType.SOCK_STREAM);
        typeChoice.setValue(SockType.SOCK_DGRAM);
        setUpPeers();
        lessonChoice.getItems().setAll(LessonLibrary.shipped());
        lessonChoice.valueProperty().addListener((o, was, now) -> session.startLesson(now));
        languageChoice.getItems().setAll(Language.values());
        languageChoice.setButtonCell(new LanguageCode());
        languageChoice.setValue(Texts.language());
        languageChoice.valueProperty().addListener((o, was, now) -> chooseLanguage(now));
        Theme theme = projector.theme();
        darkToggle.setSelected(theme == Theme.DARK);
        contrastToggle.setSelected(theme == Theme.HIGH_CONTRAST);
        // Light, dark and high contrast exclude each other; neither toggle down is light.
        darkToggle.selectedProperty().addListener((o, was, now) -> chooseTheme(now ? Theme.DARK : Theme.LIGHT, contrastToggle, now));
        contrastToggle.selectedProperty().addListener((o, was, now) -> chooseTheme(now ? Theme.HIGH_CONTRAST : Theme.LIGHT, darkToggle, now));
        toolbar.sceneProperty().addListener((o, was, scene) -> {
            if (scene != null) {
                Themes.apply(scene, projector.theme());
            }
        });
        session.setFontSize(projector.fontSize());
        Shortcuts.install(toolbar, shortcuts());
        session.showMe().demonstrationProperty().addListener((o, was, now) -> demonstrate(now));
    }

    /** Show me's socket() sets the family and type here and highlights socket(); a step's peer, the peers menu. */
    private void demonstrate(Demonstration d) {
        boolean makesSocket = d != null && "socket".equals(d.call()) && SocketEngine.MODULE.equals(d.socketId());
        if (makesSocket) {
            Family family = d.arg(0) instanceof PyValue.Const c ? Family.ofNumber(c.value()) : Family.AF_INET;
            SockType type = d.arg(1) instanceof PyValue.Const c ? SockType.ofNumber(c.value()) : SockType.SOCK_STREAM;
            familyChoice.setValue(family == null ? familyChoice.getValue() : family);
            typeChoice.setValue(type == null ? typeChoice.getValue() : type);
        }
        demoPress.press(makesSocket ? createSocketButton : d != null && d.peer() ? peersMenu : null);
    }

    private Map<KeyCombination, Runnable> shortcuts() {
        Map<KeyCombination, Runnable> keys = new HashMap<>();
        keys.put(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN), this::createSocket);
        for (KeyCode k : List.of(KeyCode.PLUS, KeyCode.EQUALS, KeyCode.ADD)) {
            keys.put(new KeyCodeCombination(k, KeyCombination.SHORTCUT_DOWN), this::zoomIn);
        }
        keys.put(new KeyCodeCombination(KeyCode.ADD, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_ANY), this::zoomIn);
        keys.put(new KeyCodeCombination(KeyCode.EQUALS, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), this::zoomIn);
        for (KeyCode k : List.of(KeyCode.MINUS, KeyCode.SUBTRACT)) {
            keys.put(new KeyCodeCombination(k, KeyCombination.SHORTCUT_DOWN), this::zoomOut);
        }
        for (KeyCode k : List.of(KeyCode.DIGIT0, KeyCode.NUMPAD0)) {
            keys.put(new KeyCodeCombination(k, KeyCombination.SHORTCUT_DOWN), () -> zoom(0));
        }
        return keys;
    }

    /** The chosen language as its code (EN, ES), so that the toolbar keeps to one row; the list shows the names. */
    private static final class LanguageCode extends ListCell<Language> {
        @Override
        protected void updateItem(Language l, boolean empty) {
            super.updateItem(l, empty);
            setText(empty || l == null ? null : l.code().toUpperCase(Locale.ROOT));
        }
    }

    /**
     * Remembered for the next start, said in the language chosen. The views are made in one language; switching
     * them live would mean making the window again, and a class's sockets and log are worth more than that.
     */
    private void chooseLanguage(Language l) {
        if (l == null) {
            return;
        }
        l.remember();
        String key = l == Texts.language() ? "toolbarView.languageNow" : "toolbarView.languageNextStart";
        session.notice(Texts.load(l).getString(key));
    }

    @FXML
    void createSocket() {
        session.perform(SocketEngine.MODULE, "socket", List.of(familyChoice.getValue().constant(), typeChoice.getValue().constant()));
    }

    // ---------------------------------------------------------------- built-in peers

    private void setUpPeers() {
        Peers peers = session.peers();
        addPeer(Texts.get("toolbarView.peer.udpEcho"), send -> peers.startServer(Peers.Kind.UDP_ECHO, Peers.LOOPBACK, 0, Peers.DEFAULT_PREFIX));
        addPeer(Texts.get("toolbarView.peer.udpEchoPrefix"),
                send -> peers.startServer(Peers.Kind.UDP_ECHO, Peers.LOOPBACK, 0, send));
        addPeer(Texts.get("toolbarView.peer.udpUpper"), send -> peers.startServer(Peers.Kind.UDP_UPPER, Peers.LOOPBACK, 0, null));
        addPeer(Texts.get("toolbarView.peer.tcpEcho"), send -> peers.startServer(Peers.Kind.TCP_ECHO, Peers.LOOPBACK, 0, null));
        addPeer(Texts.get("toolbarView.peer.tcpEchoThreads"), send -> peers.startServer(Peers.Kind.TCP_ECHO_THREADS, Peers.LOOPBACK, 0, null));
        peersMenu.getItems().add(new SeparatorMenuItem());
        MenuItem udpClients = new MenuItem(Texts.get("toolbarView.peer.udpClients"));
        udpClients.setOnAction(e -> startClients(true));
        MenuItem tcpClients = new MenuItem(Texts.get("toolbarView.peer.tcpClients"));
        tcpClients.setOnAction(e -> startClients(false));
        MenuItem flood = new MenuItem(Texts.get("toolbarView.peer.udpFlood", Peers.FLOOD_DATAGRAMS));
        flood.setOnAction(e -> startClients(null));
        MenuItem pinger = new MenuItem(Texts.get("toolbarView.peer.udpPinger", Peers.PINGS));
        pinger.setOnAction(e -> startPinger());
        peersMenu.getItems().addAll(udpClients, tcpClients, flood, pinger);
    }

    /** The Send destination the clients, the flood and the pinger go to; null, flagged on its field, if it is wrong. */
    private PyValue.Tuple destination() {
        Inputs.Parsed<String> host = Inputs.host(session.drafts().destHost().get());
        Inputs.Parsed<Long> port = Inputs.port(session.drafts().destPort().get());
        if (!host.ok() || !port.ok()) {
            session.refuse(Texts.get("toolbarView.destinationRefused"), host.ok() ? port.error() : host.error(),
                    host.ok() ? "destPortField" : "destHostField");
            return null;
        }
        return SocketEngine.address(host.value(), port.value());
    }

    /** The pinger reports each ping and its statistics in the status bar as it goes; its calls are in the log. */
    private void startPinger() {
        PyValue.Tuple target = destination();
        if (target == null) {
            return;
        }
        session.inBackground(() -> session.peers().ping(target, line -> javafx.application.Platform.runLater(() -> session.notice(line)))
                .toString(), Texts.get("toolbarView.pingerStopped"));
    }

    /** start gets the Send field's text, read here on the JavaFX thread, and runs on a thread of its own. */
    private void addPeer(String text, UnaryOperator<String> start) {
        MenuItem item = new MenuItem(text);
        item.setOnAction(e -> {
            String send = session.drafts().payload().get();
            session.inBackground(() -> Texts.get("toolbarView.peerStarted", text, start.apply(send)),
                    Texts.get("toolbarView.peerNotStarted"));
        });
        peersMenu.getItems().add(item);
    }

    /** udp: UDP or TCP clients; null: a UDP flood. */
    private void startClients(Boolean udp) {
        PyValue.Tuple target = destination();
        if (target == null) {
            return;
        }
        CompletableFuture.runAsync(() -> {
            if (udp == null) {
                session.peers().startFlood(target);
            } else {
                session.peers().startClients(udp, 5, target);
            }
        });
    }

    // ---------------------------------------------------------------- lessons

    @FXML
    void openLesson() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(Texts.get("toolbarView.lessonChooser.title"));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(Texts.get("toolbarView.lessonChooser.filter"), "*.md", "*.txt"));
        File file = chooser.showOpenDialog(toolbar.getScene().getWindow());
        if (file != null) {
            openLesson(file.toPath());
        }
    }

    /** Adds a teacher's lesson file to the list and starts it; a faulty file is explained, not thrown. */
    void openLesson(Path file) {
        try {
            Lesson opened = LessonLibrary.load(file);
            lessonChoice.getItems().add(opened);
            lessonChoice.setValue(opened);
        } catch (IOException | LessonParser.LessonException e) {
            session.refuse(Texts.get("toolbarView.lessonNotOpened", file.getFileName()), e.getMessage());
        }
    }

    /** Closes the window, and with it every socket and thread (the application's onHidden), as Ctrl+Q does. */
    @FXML
    void quit() {
        toolbar.getScene().getWindow().hide();
    }

    // ---------------------------------------------------------------- projector

    @FXML
    void zoomIn() {
        zoom(+1);
    }

    @FXML
    void zoomOut() {
        zoom(-1);
    }

    private void zoom(int direction) {
        projector.zoom(direction);
        session.setFontSize(projector.fontSize());
    }

    private void chooseTheme(Theme theme, ToggleButton other, boolean selected) {
        if (selected) {
            other.setSelected(false);   // its listener would choose light: the theme is set after it
        } else if (other.isSelected()) {
            return;   // released because the other was chosen
        }
        projector.setTheme(theme);
        if (toolbar.getScene() != null) {
            Themes.apply(toolbar.getScene(), theme);
        }
    }
}
