package org.socketplayground.ui.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A lesson's Markdown as runs of styled text, and the plain text they make. */
class LessonMarkdownTest {
    private static List<String> styled(LessonMarkdown.Rendered r, String style) {
        return r.runs().stream().filter(run -> run.styles().contains(style)).map(LessonMarkdown.Run::text).toList();
    }

    @Test
    void paragraphsJoinTheirLinesAndAreSeparatedByABlankLine() {
        LessonMarkdown.Rendered r = LessonMarkdown.render("One line\nand the next.\n\nA second paragraph.");
        assertEquals("One line and the next.\n\nA second paragraph.", r.plain());
    }

    @Test
    void boldItalicsAndCodeSpansAreRunsOfTheirOwn() {
        LessonMarkdown.Rendered r = LessonMarkdown.render("Press **bind()**, then *look*: `s.bind(('', 0))` and **`recv`**.");
        assertEquals("Press bind(), then look: s.bind(('', 0)) and recv.", r.plain());
        assertEquals(List.of("bind()", "recv"), styled(r, "strong"));
        assertEquals(List.of("look"), styled(r, "em"));
        assertEquals(List.of("s.bind(('', 0))", "recv"), styled(r, "code"));
        assertEquals(List.of("code", "strong"), r.runs().stream().filter(run -> run.text().equals("recv"))
                .findFirst().orElseThrow().styles().stream().sorted().toList(), "code inside bold is both");
    }

    @Test
    void listsKeepTheirBulletsAndNumbers() {
        assertEquals("Steps:\n\n• bind\n• listen\n• accept", LessonMarkdown.render("Steps:\n\n- bind\n- listen\n- accept").plain());
        assertEquals("3. three\n4. four", LessonMarkdown.render("3. three\n4. four").plain());
    }

    @Test
    void aCodeBlockKeepsItsLines() {
        LessonMarkdown.Rendered r = LessonMarkdown.render("Run:\n\n```\nimport socket\ns = socket.socket()\n```\n");
        assertEquals("Run:\n\nimport socket\ns = socket.socket()", r.plain());
        assertEquals(List.of("import socket\ns = socket.socket()"), styled(r, "code-block"));
    }
}
