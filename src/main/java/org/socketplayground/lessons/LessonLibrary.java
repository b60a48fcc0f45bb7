package org.socketplayground.lessons;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The lessons that ship with the playground (listed in order in {@code lessons/index.txt}), and lessons from disk. */
public final class LessonLibrary {
    private LessonLibrary() {
    }

    /** The shipped lessons, in teaching order. */
    public static List<Lesson> shipped() {
        List<Lesson> out = new ArrayList<>();
        for (String name : read("index.txt").split("\n")) {
            String file = name.strip();
            if (file.isEmpty() || file.startsWith("#")) {
                continue;
            }
            try {
                out.add(LessonParser.parse(read(file)));
            } catch (LessonParser.LessonException e) {
                throw new IllegalStateException("shipped lesson " + file + ": " + e.getMessage(), e);
            }
        }
        return out;
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
