package org.socketplayground.lessons;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.socketplayground.i18n.Language;
import org.socketplayground.i18n.Texts;

/** The lessons that ship with the playground (listed in order in {@code lessons/index.txt}), and lessons from disk. */
public final class LessonLibrary {
    private LessonLibrary() {
    }

    /**
     * The shipped lessons, in teaching order, in the language in use: {@code NN-name.es.md} in Spanish where it
     * exists, else {@code NN-name.md}. The index lists the English files; a lesson is the same lesson in both.
     */
    public static List<Lesson> shipped() {
        List<Lesson> out = new ArrayList<>();
        for (String file : files()) {
            String chosen = file;
            if (Texts.language() == Language.SPANISH && exists(spanish(file))) {
                chosen = spanish(file);
            }
            try {
                out.add(LessonParser.parse(read(chosen)));
            } catch (LessonParser.LessonException e) {
                throw new IllegalStateException("shipped lesson " + chosen + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** The shipped lessons' files as index.txt lists them, in teaching order: the English ones. */
    public static List<String> files() {
        List<String> out = new ArrayList<>();
        for (String name : read("index.txt").split("\n")) {
            String file = name.strip();
            if (!file.isEmpty() && !file.startsWith("#")) {
                out.add(file);
            }
        }
        return out;
    }

    /** The Spanish version's file name of a shipped lesson file: {@code 01-two-udp-sockets.es.md}. */
    public static String spanish(String file) {
        return file.endsWith(".md") ? file.substring(0, file.length() - 3) + ".es.md" : file + ".es";
    }

    /** Whether a lesson resource ships. */
    public static boolean exists(String name) {
        return LessonLibrary.class.getResource(name) != null;
    }

    /** A shipped lesson resource's text (index.txt, a lesson file). */
    public static String resource(String name) {
        return read(name);
    }

    /** A teacher's lesson file. */
    public static Lesson load(Path file) throws IOException, LessonParser.LessonException {
        return LessonParser.parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    private static String read(String name) {
        try (InputStream in = LessonLibrary.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing lesson resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
