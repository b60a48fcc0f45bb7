package org.socketplayground.ui.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.engine.SocketEngine;
import org.socketplayground.engine.py.PyValue;

/** No two senders in the log share a colour until there are more than twelve; senders that left free theirs. */
class SenderColorsTest {
    private long seq;

    private static String port(int sender) {
        return Integer.toString(5000 + sender);
    }

    @Test
    void thirteenSendersTheFirstTwelveAllDifferAndTheThirteenthTakesTheColourWornLeastRecently() {
        SenderColors colours = new SenderColors();
        List<Integer> given = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            given.add(colours.indexOf("127.0.0.1", port(i)));
        }
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), given, "in the palette's order, each its own");
        for (int i = 1; i < 12; i++) {
            colours.indexOf("127.0.0.1", port(i));   // every sender speaks again but the first
        }
        assertEquals(0, colours.indexOf("127.0.0.1", port(12)), "the thirteenth shares the colour worn longest ago");
        assertEquals(5, colours.indexOf("127.0.0.1", port(5)), "a sender keeps its colour");
    }

    @Test
    void aSenderThatLeftTheLogFreesItsColourAndGetsItBackIfStillFree() {
        SenderColors colours = new SenderColors();
        int a = colours.indexOf("127.0.0.1", "5000");
        int b = colours.indexOf("127.0.0.1", "5001");
        colours.indexOf("127.0.0.1", "5001");
        colours.release("127.0.0.1", "5001");
        assertNotEquals(b, colours.indexOf("10.0.0.7", "6000"), "one of b's two rows is still in the log");
        colours.release("127.0.0.1", "5000");
        int c = colours.indexOf("10.0.0.8", "6001");
        assertNotEquals(a, c, "a colour a departed sender may come back to is given only when no other is free");
        assertEquals(a, colours.indexOf("127.0.0.1", "5000"), "a returning sender gets its colour back");
    }

    @Test
    void aWildcardAddressSharesTheColourOfItsPort() {
        SenderColors colours = new SenderColors();
        colours.indexOf("127.0.0.1", "4000");
        int real = colours.indexOf("127.0.0.1", "5000");
        assertEquals(real, colours.indexOf("0.0.0.0", "5000"));
        assertNotEquals(real, colours.indexOf("127.0.0.1", "15000"), "another port is another sender");
    }

    @Test
    void whatItRemembersIsBounded() {
        SenderColors colours = new SenderColors();
        for (int i = 0; i < 10_000; i++) {
            colours.indexOf("10.0." + (i / 250) + "." + (i % 250), "9");
            colours.release("10.0." + (i / 250) + "." + (i % 250), "9");
        }
        assertTrue(colours.remembered() <= SenderColors.REMEMBERED, "senders remembered: " + colours.remembered());
    }

    // ---------------------------------------------------------------- the palette in the style sheet

    private static double luminance(int rgb) {
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = ((rgb >> (16 - 8 * i)) & 0xff) / 255.0;
            c[i] = v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }

    /** Each of the twelve chips is defined once, in its own colour, with text that contrasts with it at 4.5:1 at least. */
    @Test
    void theStyleSheetGivesEachOfTheTwelveItsOwnColourAndReadableText() throws Exception {
        String css;
        try (var in = SenderColors.class.getResourceAsStream("/org/socketplayground/ui/theme/playground.css")) {
            css = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Pattern rule = Pattern.compile(
                "\\.table-cell\\.sender-(\\d+)(?:, \\.[a-z-]+\\.sender-\\1)* \\{ -fx-background-color: #([0-9A-Fa-f]{6});"
                + " -fx-text-fill: (black|white); }");
        Map<Integer, Integer> backgrounds = new HashMap<>();
        Matcher m = rule.matcher(css);
        while (m.find()) {
            int index = Integer.parseInt(m.group(1));
            int rgb = Integer.parseInt(m.group(2), 16);
            assertEquals(null, backgrounds.put(index, rgb), "sender-" + index + " is defined once");
            double l = luminance(rgb);
            double contrast = m.group(3).equals("black") ? (l + 0.05) / 0.05 : 1.05 / (l + 0.05);
            assertTrue(contrast >= 4.5, "sender-" + index + "'s text contrasts " + contrast);
        }
        assertEquals(SenderColors.PALETTE_SIZE, backgrounds.size(), "one rule per colour: " + backgrounds.keySet());
        assertEquals(SenderColors.PALETTE_SIZE, new HashSet<>(backgrounds.values()).size(), "twelve different colours");
    }

    // ---------------------------------------------------------------- through the log

    private CallRecord from(int sender) {
        PyValue.Tuple source = SocketEngine.address("127.0.0.1", 5000 + sender);
        return new CallRecord(++seq, Instant.now(), "s1", "recvfrom", List.of(PyValue.of(1024)), CallRecord.Status.DONE,
                PyValue.tuple(PyValue.of(new byte[] {1}), source), null, 1000, false, 0, source);
    }

    private static Set<Integer> coloursOnScreen(SessionLog log) {
        Set<Integer> seen = new HashSet<>();
        log.visible().forEach(r -> seen.add(r.colour()));
        return seen;
    }

    @Test
    void inTheLogTwelveSendersDifferAndOneWhoseRowsLeftMakesRoomForTheNext() {
        SessionLog log = new SessionLog(12, 1_000_000);
        for (int i = 0; i < 12; i++) {
            log.take(List.of(from(i)));
        }
        assertEquals(12, coloursOnScreen(log).size(), "twelve senders, twelve colours");
        int firstColour = log.visible().get(0).colour();
        log.take(List.of(from(12)));   // the first sender's only row leaves the log
        assertEquals(12, coloursOnScreen(log).size(), "still no two alike on screen");
        assertEquals(firstColour, log.visible().get(11).colour(), "the thirteenth wears the colour the first freed");

        log.clear();
        for (int i = 20; i < 32; i++) {
            log.take(List.of(from(i)));
        }
        assertEquals(12, coloursOnScreen(log).size(), "after Clear every colour is free again");
    }
}
