package org.socketplayground.ui.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.ComboBox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.socketplayground.robustness.Robustness;
import org.socketplayground.ui.session.Outcome;
import org.socketplayground.ui.toolbar.ToolbarView;

/**
 * Open… with a teacher's file whose Peer: count is huge (issue 17): before, the count's NumberFormatException escaped
 * openLesson on the JavaFX thread and the teacher read nothing. Now the outcome (what the calls pane shows) names the
 * file, the line and the limit, and the lesson list is left as it was.
 */
@ExtendWith(Robustness.class)
@Robustness.Group("loops")
class LessonFileRefusedTest extends OneView<ToolbarView> {
    @TempDir
    Path dir;

    LessonFileRefusedTest() {
        super(ToolbarView.class);
    }

    @Test
    void aHugePeerCountIsRefusedInWords() throws Exception {
        Path file = dir.resolve("many-clients.md");
        Files.writeString(file, """
                # Many clients

                ## A server
                Show me: server = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                Show me: server.bind(('127.0.0.1', 0))
                Peer: udp-clients 99999999999 to server
                """, StandardCharsets.UTF_8);
        int lessons = onFx(() -> lessonChoice().getItems().size());
        Method open = ToolbarView.class.getDeclaredMethod("openLesson", Path.class);   // what Open… does once a file is chosen
        open.setAccessible(true);
        fx(() -> {
            try {
                open.invoke(controller, file);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e.getCause());
            }
        });
        Outcome shown = onFx(() -> session.outcomeProperty().get());
        assertTrue(shown != null && shown.call().equals("Could not open the lesson many-clients.md"), () -> shown == null ? "no outcome" : shown.call());
        assertEquals("line 6: 'Peer: udp-clients 99999999999 to server' asks for 99999999999 clients; a lesson starts 1 to 50",
                shown.text());
        assertEquals(lessons, (int) onFx(() -> lessonChoice().getItems().size()), "no lesson was added");
    }

    @SuppressWarnings("unchecked")
    private ComboBox<Object> lessonChoice() {
        return node("lessonChoice", ComboBox.class);
    }
}
