package org.socketplayground.ui.code;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.fxml.FXML;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.FileChooser;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.i18n.Texts;
import org.socketplayground.transcript.PythonTranscript;
import org.socketplayground.ui.session.ScriptPlayer;
import org.socketplayground.ui.session.Session;
import org.socketplayground.ui.widgets.SaveFile;
import org.socketplayground.ui.widgets.Shortcuts;

/**
 * The Python pane: the session as the code a student would write. Selecting a call or a socket elsewhere highlights
 * its line; moving in the code selects the call. The text is made only while the pane is shown.
 */
public final class CodeView {
    /** The pane rewrites itself at most this often while calls come in. */
    private static final long REFRESH_NANOS = 200_000_000L;
    /**
     * A text area lays out all its text again at any change, which for a full pane can take a tenth of a second or
     * more: under a flood the pane then waits this many times as long as its last refresh took before the next one, so
     * that it never takes more than a fifth of the window's thread.
     */
    private static final int REFRESH_SPACING = 4;

    private final Session session;
    /** Open script…: a file's statements played at the prompt. */
    private final ScriptPlayer scripts;
    private final PythonTranscript transcript;
    private final BooleanProperty shown = new SimpleBooleanProperty(this, "shown", true);
    /** Set while the pane moves its own selection, so that the move is not taken for the reader's. */
    private boolean selecting;
    private boolean stale;
    private long lastRefresh;
    /** How long the last refresh took, through the layout of the pulse it was made in. */
    private long lastCost;
    // What the pane shows: while no call has left the transcript and no socket was named, new lines are appended.
    private long shownRemovals = -1;
    private int shownNames = -1;
    private int shownCalls;
    @FXML private TextArea pythonCode;

    public CodeView(Session session) {
        this.session = session;
        this.scripts = new ScriptPlayer(session.pythonPrompt(), session.ticksProperty(), session::notice);
        this.transcript = session.transcript();
    }

    /** Whether the pane is on screen (its tab is chosen); hidden, it does not rewrite itself. */
    public BooleanProperty shownProperty() {
        return shown;
    }

    @FXML
    private void initialize() {
        pythonCode.setText(String.join("\n", PythonTranscript.HEADER));
        pythonCode.caretPositionProperty().addListener((o, was, now) -> {
            if (!selecting && pythonCode.isFocused()) {
                selectCallOfLine(lineAt(pythonCode.getText(), now.intValue()));
            }
        });
        session.transcriptChangesProperty().addListener((o, was, now) -> stale = true);
        session.nameChangesProperty().addListener((o, was, now) -> stale = true);   // a lesson named a socket
        session.refreshedProperty().addListener((o, was, now) -> {
            if (stale && now.longValue() - lastRefresh > Math.max(REFRESH_NANOS, REFRESH_SPACING * lastCost)) {
                lastRefresh = now.longValue();
                refresh();
            }
        });
        shown.addListener((o, was, now) -> refresh());   // up to date the moment it is shown
        session.selectedCallProperty().addListener((o, was, call) -> {
            if (call != null && !selecting) {
                highlight(transcript.lineOf(call.seq()));
            }
        });
        session.selectedSocketProperty().addListener((o, was, row) -> {
            if (row != null && !selecting) {
                highlight(transcript.lineWhereMade(row.id()));
            }
        });
        Shortcuts.install(pythonCode, Map.of(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN), this::saveScript));
    }

    private void refresh() {
        if (!shown.get()) {
            stale = true;   // catch up when the pane is shown
            return;
        }
        stale = false;
        int names = session.nameChangesProperty().get();
        boolean onlyMore = transcript.removals() == shownRemovals && names == shownNames;
        if (onlyMore && transcript.size() == shownCalls) {
            return;
        }
        String text = onlyMore ? transcript.linesFrom(shownCalls) : transcript.text();
        shownRemovals = transcript.removals();
        shownNames = names;
        shownCalls = transcript.size();
        if (!onlyMore && text.equals(pythonCode.getText())) {
            return;
        }
        timeLayout(System.nanoTime());
        selecting = true;
        try {
            // Appending lays out the pane again but makes no new text of the lines it has: cheap at each refresh.
            if (onlyMore) {
                pythonCode.appendText(text);
            } else {
                pythonCode.setText(text);
            }
            pythonCode.positionCaret(pythonCode.getLength());
            pythonCode.setScrollTop(Double.MAX_VALUE);
        } finally {
            selecting = false;
        }
    }

    /** Measures the refresh through the layout that follows it (in the same pulse), for the spacing of the next. */
    private void timeLayout(long started) {
        javafx.scene.Scene scene = pythonCode.getScene();
        if (scene == null) {
            return;
        }
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            lastCost = System.nanoTime() - started;
            scene.removePostLayoutPulseListener(once[0]);
        };
        scene.addPostLayoutPulseListener(once[0]);
    }

    private void highlight(int line) {
        if (line < 0) {
            return;
        }
        refresh();
        String text = pythonCode.getText();
        int start = 0;
        for (int i = 0; i < line; i++) {
            start = text.indexOf('\n', start) + 1;
            if (start == 0) {
                return;
            }
        }
        int end = text.indexOf('\n', start);
        selecting = true;
        try {
            pythonCode.selectRange(end < 0 ? text.length() : end, start);
        } finally {
            selecting = false;
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

    /** From the pane back to the window: select the call of the line, and its socket. */
    private void selectCallOfLine(int line) {
        CallRecord r = transcript.callAt(line);
        if (r == null) {
            return;
        }
        CallRecord whole = session.log().call(r.seq());   // the pane keeps only the first bytes of large data
        selecting = true;
        try {
            session.selectCall(whole != null ? whole : r);
            session.selectSocket(r.socketId());
        } finally {
            selecting = false;
        }
    }

    @FXML
    void copyCode() {
        ClipboardContent content = new ClipboardContent();
        content.putString(transcript.text());
        Clipboard.getSystemClipboard().setContent(content);
        session.notice(Texts.get("codeView.copied"));
    }

    @FXML
    void clearCode() {
        transcript.clear();
        stale = true;
        refresh();
    }

    /**
     * Opens a Python file and plays its statements at the prompt: a set-up prepared before class comes back in one
     * click. With the system property playground.openScript set (for automated tests) it opens that file without asking.
     */
    @FXML
    void openScript() {
        String preset = System.getProperty("playground.openScript");
        File file;
        if (preset != null) {
            file = new File(preset);
        } else {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(Texts.get("codeView.open.dialogTitle"));
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(Texts.get("codeView.filter.pythonScripts"), "*.py"));
            file = chooser.showOpenDialog(pythonCode.getScene().getWindow());
            if (file == null) {
                return;
            }
        }
        CompletableFuture.supplyAsync(() -> readScript(file)).whenComplete((lines, failure) ->
                Platform.runLater(() -> {
                    if (failure != null) {
                        Throwable cause = failure;
                        while (cause.getCause() != null) {   // the reason in words, not the wrappers around it
                            cause = cause.getCause();
                        }
                        session.notice(Texts.get("codeView.open.failed", file, cause.getMessage()));
                    } else if (!scripts.play(file.getName(), lines)) {
                        session.notice(Texts.get("codeView.open.busy", file.getName()));
                    }
                }));
    }

    private static List<String> readScript(File file) {
        try {
            long size = Files.size(file.toPath());
            if (size > ScriptPlayer.MAX_BYTES) {
                throw new IOException(Texts.get("codeView.open.tooLarge", size));
            }
            return Files.readAllLines(file.toPath(), StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new UncheckedIOException(new IOException(Texts.get("codeView.open.notUtf8")));
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException(new IOException(Texts.get("codeView.open.noSuchFile")));
        } catch (java.nio.file.AccessDeniedException e) {
            throw new UncheckedIOException(new IOException(Texts.get("codeView.open.permissionDenied")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Saves the session as a python3 program that makes the same calls and prints the same outcomes. */
    @FXML
    void saveScript() {
        String script = transcript.script(Instant.now());
        SaveFile.save(pythonCode, new SaveFile.Target("playground.saveTo", Texts.get("codeView.save.dialogTitle"),
                        "playground_session.py", Texts.get("codeView.filter.pythonScripts"), "*.py"), () -> script,
                target -> Texts.get("codeView.save.saved", target, target.getName()),
                reason -> Texts.get("codeView.save.failed", reason), session::notice);
    }
}
