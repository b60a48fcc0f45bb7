package org.socketplayground.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The words of the views' FXML come from the resource bundle, ready for a translation: no FXML text or prompt is a
 * literal (a field's starting value aside, which is data), and every key the FXML names is in the bundle.
 */
class TextsTest {
    private static final Pattern TEXT = Pattern.compile("<(\\w+)[^<>]*?\\b(text|promptText)=\"([^\"]*)\"");

    @Test
    void everyFxmlTextIsAKeyOfTheBundle() throws IOException {
        ResourceBundle bundle = Views.texts();
        List<String> wrong = new ArrayList<>();
        int keys = 0;
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources/org/socketplayground/ui"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".fxml")).toList()) {
                Matcher m = TEXT.matcher(Files.readString(f));
                while (m.find()) {
                    String tag = m.group(1);
                    String value = m.group(3);
                    if (value.isEmpty() || m.group(2).equals("text") && (tag.equals("TextField") || tag.equals("TextArea"))) {
                        continue;
                    }
                    if (!value.startsWith("%")) {
                        wrong.add(f.getFileName() + ": literal " + m.group(2) + "=\"" + value + "\"");
                    } else if (!bundle.containsKey(value.substring(1))) {
                        wrong.add(f.getFileName() + ": no key " + value);
                    } else {
                        keys++;
                    }
                }
            }
        }
        assertEquals(List.of(), wrong);
        assertEquals(true, keys > 200, "the views' words: " + keys);
    }
}
