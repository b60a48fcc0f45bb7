package org.socketplayground.ui.widgets;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.stage.FileChooser;

/**
 * Saves a text the window makes (a script, a CSV), or bytes (a payload): asks where in a dialog — or, with a system
 * property set (for automated tests), saves there without asking — then makes the text and writes it on a background
 * thread, and says how it went.
 */
public final class SaveFile {
    /** What to save and how to name it. */
    public record Target(String presetProperty, String title, String name, String kind, String pattern) {
    }

    private SaveFile() {
    }

    public static void save(Node owner, Target target, Supplier<String> text, Function<File, String> done, String failed,
                            Consumer<String> notice) {
        save(owner, target, text, done, reason -> failed + reason, notice);
    }

    /** As above, the failure said by {@code failed} from the reason's words (a sentence with the reason in its place). */
    public static void save(Node owner, Target target, Supplier<String> text, Function<File, String> done,
                            Function<String, String> failed, Consumer<String> notice) {
        saveBytes(owner, target, () -> text.get().getBytes(StandardCharsets.UTF_8), done, failed, notice);
    }

    /** As {@link #save}, for bytes as they are (a payload): made and written on a background thread. */
    public static void saveBytes(Node owner, Target target, Supplier<byte[]> bytes, Function<File, String> done, String failed,
                                 Consumer<String> notice) {
        saveBytes(owner, target, bytes, done, reason -> failed + reason, notice);
    }

    /** As above, the failure said by {@code failed} from the reason's words. */
    public static void saveBytes(Node owner, Target target, Supplier<byte[]> bytes, Function<File, String> done,
                                 Function<String, String> failed, Consumer<String> notice) {
        String preset = System.getProperty(target.presetProperty());
        File file;
        if (preset != null) {
            file = new File(preset);
        } else {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(target.title());
            chooser.setInitialFileName(target.name());
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(target.kind(), target.pattern()));
            file = chooser.showSaveDialog(owner.getScene().getWindow());
            if (file == null) {
                return;
            }
        }
        CompletableFuture.runAsync(() -> {
            try {
                Files.write(file.toPath(), bytes.get());
                notice.accept(done.apply(file));
            } catch (IOException | RuntimeException e) {
                notice.accept(failed.apply(e.getMessage()));
            }
        });
    }
}
