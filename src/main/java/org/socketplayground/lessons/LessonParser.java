package org.socketplayground.lessons;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.socketplayground.i18n.Texts;
import org.socketplayground.peers.Peers;

/**
 * Reads a lesson written in Markdown:
 * <pre>
 * # Title
 * Introduction.
 *
 * ## A step's title
 * What to read, in plain paragraphs; `code` is fine.
 * Expect: recvfrom -&gt; BlockingIOError
 * On: server
 * As: server
 * Show me: server.recvfrom(1024)
 * Peer: udp-echo as echo prefix=OK...
 * </pre>
 * Lines that start with {@code Expect:}, {@code On:}, {@code As:}, {@code Show me:} or {@code Peer:} are
 * directives; everything else is the step's text.
 */
public final class LessonParser {

    /** A lesson file that cannot be read, with the line at fault. */
    public static final class LessonException extends Exception {
        public LessonException(String message) {
            super(message);
        }
    }

    private LessonParser() {
    }

    public static Lesson parse(String markdown) throws LessonException {
        try {
            return read(markdown);
        } catch (RuntimeException e) {
            // Whatever a file holds, the teacher reads why it was refused, never a Java exception escaping Open…
            throw new LessonException(Texts.get("lessons.lessonParser.unreadable", e.getClass().getSimpleName(), e.getMessage()));
        }
    }

    private static Lesson read(String markdown) throws LessonException {
        String title = null;
        StringBuilder intro = new StringBuilder();
        List<Lesson.Step> steps = new ArrayList<>();
        StepBuilder step = null;
        String[] lines = markdown.replace("\r\n", "\n").split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String trimmed = line.strip();
            if (trimmed.startsWith("## ")) {
                if (step != null) {
                    steps.add(step.build());
                }
                step = new StepBuilder(trimmed.substring(3).strip());
                continue;
            }
            if (trimmed.startsWith("# ") && title == null) {
                title = trimmed.substring(2).strip();
                continue;
            }
            int colon = trimmed.indexOf(':');
            String key = colon > 0 ? trimmed.substring(0, colon).strip().toLowerCase(Locale.ROOT) : "";
            String value = colon > 0 ? trimmed.substring(colon + 1).strip() : "";
            boolean directive = switch (key) {
                case "expect", "on", "as", "show me", "peer", "lab" -> true;
                default -> false;
            };
            if (!directive) {
                (step == null ? intro : step.text).append(line).append('\n');
                continue;
            }
            if (step == null) {
                throw new LessonException(Texts.get("lessons.lessonParser.directiveOutsideStep", i + 1, key));
            }
            if (value.isEmpty() && !key.equals("peer")) {
                throw new LessonException(Texts.get("lessons.lessonParser.directiveEmpty", i + 1, key));
            }
            switch (key) {
                case "expect" -> step.expect = Expectation.parse(value);
                case "on" -> step.on = value;
                case "as" -> step.as = value;
                case "show me" -> step.actions.add(new Lesson.PythonLine(value));
                case "lab" -> step.actions.add(lab(value, i + 1));
                default -> step.actions.add(peer(value, i + 1));
            }
        }
        if (step != null) {
            steps.add(step.build());
        }
        if (title == null) {
            throw new LessonException(Texts.get("lessons.lessonParser.noTitle"));
        }
        if (steps.isEmpty()) {
            throw new LessonException(Texts.get("lessons.lessonParser.noSteps"));
        }
        return new Lesson(title, intro.toString().strip(), steps);
    }

    /** {@code udp-echo as echo prefix=OK...}, {@code udp-clients 5 to server} */
    /** {@code Lab: NAME loss=30 duplicate=0 reorder=0 delay=0 jitter=0 corrupt=0 seed=1}, or {@code Lab: NAME off}. */
    private static Lesson.SetLab lab(String value, int line) throws LessonException {
        String[] words = value.split("\\s+");
        Map<String, Long> v = new java.util.HashMap<>();
        boolean off = false;
        for (int i = 1; i < words.length; i++) {
            String[] kv = words[i].split("=", 2);
            if (kv.length == 1 && kv[0].equals("off")) {
                off = true;
                continue;
            }
            if (kv.length != 2 || !java.util.Set.of("loss", "duplicate", "reorder", "delay", "jitter", "corrupt", "seed").contains(kv[0])
                    || !kv[1].matches("\\d{1,9}")) {
                throw new LessonException(Texts.get("lessons.lessonParser.labWord", line, words[i], value));
            }
            v.put(kv[0], Long.parseLong(kv[1]));
        }
        for (String percent : List.of("loss", "duplicate", "reorder", "corrupt")) {
            if (v.getOrDefault(percent, 0L) > 100) {
                throw new LessonException(Texts.get("lessons.lessonParser.labPercent", line, percent));
            }
        }
        if (v.getOrDefault("jitter", 0L) > v.getOrDefault("delay", 0L) || v.getOrDefault("delay", 0L) > 10_000) {
            throw new LessonException(Texts.get("lessons.lessonParser.labDelay", line));
        }
        return new Lesson.SetLab(words[0], v.getOrDefault("loss", 0L).intValue(), v.getOrDefault("duplicate", 0L).intValue(),
                v.getOrDefault("reorder", 0L).intValue(), v.getOrDefault("delay", 0L).intValue(),
                v.getOrDefault("jitter", 0L).intValue(), v.getOrDefault("corrupt", 0L).intValue(), v.getOrDefault("seed", 1L), off);
    }

    private static Lesson.StartPeer peer(String value, int line) throws LessonException {
        String[] words = value.split("\\s+");
        if (words.length == 0 || words[0].isEmpty()) {
            throw new LessonException(Texts.get("lessons.lessonParser.peerNoKind", line));
        }
        String as = null;
        String prefix = null;
        String target = null;
        int count = 5;
        for (int i = 1; i < words.length; i++) {
            String w = words[i];
            if (w.equals("as") && i + 1 < words.length) {
                as = words[++i];
            } else if (w.equals("to") && i + 1 < words.length) {
                target = words[++i];
            } else if (w.startsWith("prefix=")) {
                prefix = w.substring(7);
            } else if (w.matches("[+-]?\\d+")) {
                count = clientCount(w, value, line);
            } else {
                throw new LessonException(Texts.get("lessons.lessonParser.peerWord", line, w, value));
            }
        }
        Peers.Kind kind;
        try {
            kind = Peers.Kind.of(words[0]);
        } catch (IllegalArgumentException e) {
            throw new LessonException(Texts.get("lessons.lessonParser.peerKind", line, e.getMessage()));
        }
        if ((kind == Peers.Kind.UDP_CLIENTS || kind == Peers.Kind.TCP_CLIENTS || kind == Peers.Kind.UDP_FLOOD
                || kind == Peers.Kind.UDP_PINGER) && target == null) {
            throw new LessonException(Texts.get("lessons.lessonParser.peerNoTarget", line, words[0]));
        }
        return new Lesson.StartPeer(words[0], as, prefix, count, target);
    }

    /** A count of clients, 1 to {@link Peers#MAX_CLIENTS}: each is a socket and a thread. */
    private static int clientCount(String word, String value, int line) throws LessonException {
        long n;
        try {
            n = Long.parseLong(word);
        } catch (NumberFormatException tooLong) {
            n = Long.MAX_VALUE;
        }
        if (n < 1 || n > Peers.MAX_CLIENTS) {
            throw new LessonException(Texts.get("lessons.lessonParser.peerCount", line, value, word, Peers.MAX_CLIENTS));
        }
        return (int) n;
    }

    private static final class StepBuilder {
        final String title;
        final StringBuilder text = new StringBuilder();
        Expectation expect;
        String on;
        String as;
        final List<Lesson.Action> actions = new ArrayList<>();

        StepBuilder(String title) {
            this.title = title;
        }

        Lesson.Step build() {
            return new Lesson.Step(title, text.toString().strip(), expect, on, as, actions);
        }
    }
}
