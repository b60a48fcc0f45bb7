package org.socketplayground.ui.lesson;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.text.Text;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;

/**
 * A lesson's Markdown as the projector shows it: paragraphs, bold and italics, code in the monospace font, lists
 * with their bullets or numbers. The runs go into a TextFlow; the same text, without the marks, is what the step's
 * label says to screen readers and tests.
 */
final class LessonMarkdown {
    private static final Parser PARSER = Parser.builder().build();

    /** One run of text and its style classes ({@code strong}, {@code em}, {@code code}, {@code code-block}). */
    record Run(String text, List<String> styles) {
        Text node() {
            Text t = new Text(text);
            t.getStyleClass().add("lesson-run");
            t.getStyleClass().addAll(styles);
            return t;
        }
    }

    /** The runs to draw, and the text they make. */
    record Rendered(List<Run> runs, String plain) {
        List<Text> nodes() {
            return runs.stream().map(Run::node).toList();
        }
    }

    private LessonMarkdown() {
    }

    static Rendered render(String markdown) {
        Writer w = new Writer();
        PARSER.parse(markdown).accept(w);
        return new Rendered(List.copyOf(w.runs), w.plain.toString());
    }

    private static final class Writer extends AbstractVisitor {
        final List<Run> runs = new ArrayList<>();
        final StringBuilder plain = new StringBuilder();
        private final List<String> styles = new ArrayList<>();
        /** Inside a tight list's item a paragraph starts on the item's line, not after a blank line. */
        private boolean tight;
        private boolean itemStarted;

        private void add(String text, String... extra) {
            if (text.isEmpty()) {
                return;
            }
            List<String> style = new ArrayList<>(styles);
            style.addAll(List.of(extra));
            Run last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (last != null && last.styles().equals(style)) {
                runs.set(runs.size() - 1, new Run(last.text() + text, last.styles()));   // one node per style change
            } else {
                runs.add(new Run(text, List.copyOf(style)));
            }
            plain.append(text);
        }

        /** A block begins: a blank line after whatever came before, as a paragraph break reads. */
        private void block() {
            if (itemStarted) {
                itemStarted = false;   // the item's first block goes on its bullet's line
                return;
            }
            if (plain.length() > 0) {
                add(tight ? "\n" : "\n\n");
            }
        }

        private void styled(Node node, String style) {
            styles.add(style);
            visitChildren(node);
            styles.remove(styles.size() - 1);
        }

        @Override
        public void visit(Paragraph paragraph) {
            block();
            visitChildren(paragraph);
        }

        @Override
        public void visit(Heading heading) {
            block();
            styled(heading, "strong");
        }

        @Override
        public void visit(org.commonmark.node.Text text) {
            add(text.getLiteral());
        }

        @Override
        public void visit(Code code) {
            add(code.getLiteral(), "code");
        }

        @Override
        public void visit(StrongEmphasis strong) {
            styled(strong, "strong");
        }

        @Override
        public void visit(Emphasis emphasis) {
            styled(emphasis, "em");
        }

        @Override
        public void visit(SoftLineBreak lineBreak) {
            add(" ");   // the lines of a paragraph are one line, wrapped to the pane's width
        }

        @Override
        public void visit(HardLineBreak lineBreak) {
            add("\n");
        }

        @Override
        public void visit(BulletList list) {
            list(list);
        }

        @Override
        public void visit(OrderedList list) {
            list(list);
        }

        private void list(ListBlock list) {
            block();
            boolean wasTight = tight;
            tight = list.isTight();
            int number = list instanceof OrderedList o && o.getMarkerStartNumber() != null ? o.getMarkerStartNumber() : 1;
            boolean first = true;
            for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
                if (!first) {
                    add(tight ? "\n" : "\n\n");
                }
                first = false;
                add(list instanceof OrderedList ? number++ + ". " : "• ");
                itemStarted = true;
                visitChildren(item);
                itemStarted = false;
            }
            tight = wasTight;
        }

        @Override
        public void visit(ListItem item) {
            visitChildren(item);   // reached only through list(), which writes the bullet
        }

        @Override
        public void visit(FencedCodeBlock code) {
            block();
            add(code.getLiteral().stripTrailing(), "code-block");
        }

        @Override
        public void visit(IndentedCodeBlock code) {
            block();
            add(code.getLiteral().stripTrailing(), "code-block");
        }

        @Override
        public void visit(HtmlInline html) {
            add(html.getLiteral());
        }

        @Override
        public void visit(HtmlBlock html) {
            block();
            add(html.getLiteral().stripTrailing());
        }

        @Override
        public void visit(ThematicBreak rule) {
            block();
            add("—");
        }
    }
}
