package org.socketplayground.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every word the window shows comes from the bundles, and both bundles say everything: no FXML text or prompt is a
 * literal (a field's starting value aside, which is data), every key the FXML or the Java code names is in English
 * and in Spanish, neither bundle has a key the other lacks, and a sentence's {0} values are in both.
 */
class TextsTest {
    private static final Pattern FXML_TEXT = Pattern.compile("<(\\w+)[^<>]*?\\b(text|promptText|tip)=\"([^\"]*)\"");
    private static final Pattern JAVA_KEY = Pattern.compile("Texts\\.get\\(\\s*\"([^\"]+)\"");
    private static final Pattern VALUE = Pattern.compile("\\{\\d+}");
    /** The files themselves: a loaded Spanish bundle would answer a key it lacks with its English parent's. */
    private final Properties english = file("messages.properties");
    private final Properties spanish = file("messages_es.properties");

    @AfterEach
    void backToEnglish() {
        Texts.use(Language.ENGLISH);
    }

    @Test
    void everyFxmlTextIsAKeyOfBothBundles() throws IOException {
        List<String> wrong = new ArrayList<>();
        int keys = 0;
        for (Path f : files("src/main/resources/org/socketplayground/ui", ".fxml")) {
            Matcher m = FXML_TEXT.matcher(Files.readString(f));
            while (m.find()) {
                String tag = m.group(1);
                String value = m.group(3);
                if (value.isEmpty() || m.group(2).equals("text") && (tag.equals("TextField") || tag.equals("TextArea"))) {
                    continue;
                }
                if (!value.startsWith("%")) {
                    wrong.add(f.getFileName() + ": literal " + m.group(2) + "=\"" + value + "\"");
                } else {
                    keys++;
                    wrong.addAll(missing(f.getFileName().toString(), value.substring(1)));
                }
            }
        }
        assertEquals(List.of(), wrong);
        assertTrue(keys > 200, "the views' words: " + keys);
    }

    @Test
    void everyKeyTheCodeNamesIsInBothBundles() throws IOException {
        List<String> wrong = new ArrayList<>();
        int keys = 0;
        for (Path f : files("src/main/java/org/socketplayground", ".java")) {
            Matcher m = JAVA_KEY.matcher(Files.readString(f));
            while (m.find()) {
                keys++;
                wrong.addAll(missing(f.getFileName().toString(), m.group(1)));
            }
        }
        assertEquals(List.of(), wrong);
        assertTrue(keys > 0, "the code names no key");
    }

    @Test
    void bothBundlesHaveTheSameKeysAndTheSameValuesInThem() {
        Set<String> en = new TreeSet<>(english.stringPropertyNames());
        Set<String> es = new TreeSet<>(spanish.stringPropertyNames());
        assertEquals(Set.of(), minus(en, es), "in English only");
        assertEquals(Set.of(), minus(es, en), "in Spanish only");
        List<String> wrong = new ArrayList<>();
        for (String key : en) {
            if (!values(english.getProperty(key)).equals(values(spanish.getProperty(key)))) {
                wrong.add(key + ": " + values(english.getProperty(key)) + " vs " + values(spanish.getProperty(key)));
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void theLanguageComesFromThePropertyThenTheChoiceThenTheSystem() {
        assertEquals(Language.SPANISH, Language.resolve("es", "en", Locale.US));
        assertEquals(Language.ENGLISH, Language.resolve("en", "es", Locale.forLanguageTag("es-MX")));
        assertEquals(Language.SPANISH, Language.resolve(null, "es", Locale.US));
        assertEquals(Language.SPANISH, Language.resolve("", null, Locale.forLanguageTag("es-AR")));
        assertEquals(Language.SPANISH, Language.resolve("es_ES.UTF-8", null, Locale.US));
        assertEquals(Language.ENGLISH, Language.resolve("klingon", "fr", Locale.GERMANY));
    }

    @Test
    void aSentenceTakesItsValuesAndACountItsLanguagesDigits() {
        Texts.use(Language.SPANISH);
        assertEquals("es", Texts.language().code());
        assertEquals("12.345", Texts.count(12_345));
        Texts.use(Language.ENGLISH);
        assertEquals("12,345", Texts.count(12_345));
        assertEquals("[no.such.key]", Texts.get("no.such.key"));
        assertTrue(Texts.load(Language.SPANISH).getString("toolbarView.createSocketButton").contains("socket"));
    }

    private List<String> missing(String where, String key) {
        List<String> wrong = new ArrayList<>();
        if (!english.containsKey(key)) {
            wrong.add(where + ": no English " + key);
        }
        if (!spanish.containsKey(key)) {
            wrong.add(where + ": no Spanish " + key);
        }
        return wrong;
    }

    private static Properties file(String name) {
        Properties p = new Properties();
        try (Reader in = new InputStreamReader(TextsTest.class.getResourceAsStream("/org/socketplayground/i18n/" + name),
                StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException | NullPointerException e) {
            throw new AssertionError("no " + name, e);
        }
        return p;
    }

    private Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }

    private static Set<String> values(String sentence) {
        return VALUE.matcher(sentence).results().map(java.util.regex.MatchResult::group).collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<Path> files(String dir, String ending) throws IOException {
        try (Stream<Path> files = Files.walk(Path.of(dir))) {
            return files.filter(p -> p.toString().endsWith(ending)).toList();
        }
    }
}
