package org.socketplayground.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.socketplayground.i18n.Language;
import org.socketplayground.i18n.Texts;

/**
 * The shipped lessons' Spanish versions ({@code NN-name.es.md}) are the same lessons in other words: the same steps,
 * each waiting for the same call on the same socket, naming the same sockets and showing the same Python; only the
 * titles and the prose are translated. In Spanish, {@link LessonLibrary#shipped()} gives them.
 */
class SpanishLessonsTest {

    @AfterEach
    void backToEnglish() {
        Texts.use(Language.ENGLISH);
    }

    @Test
    void everySpanishLessonHasTheEnglishStepsWithTheSameChecksAndCode() throws Exception {
        List<String> translated = new ArrayList<>();
        for (String file : LessonLibrary.files()) {
            String es = LessonLibrary.spanish(file);
            if (!LessonLibrary.exists(es)) {
                continue;
            }
            translated.add(es);
            Lesson english = LessonParser.parse(LessonLibrary.resource(file));
            Lesson spanish = LessonParser.parse(LessonLibrary.resource(es));
            assertNotEquals(english.title(), spanish.title(), es + " has its title translated");
            assertTrue(!spanish.intro().isBlank(), es + " has an introduction");
            assertEquals(english.steps().size(), spanish.steps().size(), es + " has as many steps as " + file);
            for (int i = 0; i < english.steps().size(); i++) {
                Lesson.Step en = english.steps().get(i);
                Lesson.Step sp = spanish.steps().get(i);
                String where = es + " step " + (i + 1) + " '" + sp.title() + "'";
                assertTrue(!sp.title().isBlank(), where + " has a title");
                assertEquals(en.expect(), sp.expect(), where + ": Expect:");
                assertEquals(en.on(), sp.on(), where + ": On:");
                assertEquals(en.as(), sp.as(), where + ": As:");
                assertEquals(en.actions(), sp.actions(), where + ": Show me: (and Peer:, Lab:)");
            }
        }
        assertTrue(translated.size() >= 3, "at least three lessons have a Spanish file: " + translated);
    }

    @Test
    void inSpanishShippedGivesTheSpanishLessonsInTheSameOrder() throws Exception {
        List<Lesson> english = LessonLibrary.shipped();
        String spanishFirst = LessonParser.parse(LessonLibrary.resource(LessonLibrary.spanish(LessonLibrary.files().get(0)))).title();
        List<Lesson> spanish;
        try {
            Texts.use(Language.SPANISH);
            spanish = LessonLibrary.shipped();
        } finally {
            Texts.use(Language.ENGLISH);
        }
        assertEquals(english.size(), spanish.size(), "every shipped lesson, in either language");
        assertEquals(spanishFirst, spanish.get(0).title(), "lesson 01 in Spanish");
        assertNotEquals(english.get(0).title(), spanish.get(0).title());
        for (int i = 0; i < english.size(); i++) {
            assertEquals(english.get(i).steps().size(), spanish.get(i).steps().size(), "lesson " + (i + 1) + " keeps its steps");
        }
        assertEquals("Two UDP sockets on one machine", LessonLibrary.shipped().get(0).title(), "English again once restored");
    }
}
