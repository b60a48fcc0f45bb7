package org.socketplayground.ui;

/**
 * The log's safety oracle, independent of the code it checks (the log decides with {@code Inputs.shownAsIs}): no
 * code point of Unicode general category Cc (control), Cf (format: the bidi controls U+202A–U+202E, U+2066–U+2069,
 * U+200E, U+200F, U+061C among them), Zl, Zp, Cs (a lone surrogate) or Co (private use) may be shown raw.
 */
final class MustEscape {
    private MustEscape() {
    }

    static boolean codePoint(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SURROGATE, Character.PRIVATE_USE -> true;
            default -> false;
        };
    }

    /** The first code point of the text that must not be shown raw, described, or null; newlines may be allowed. */
    static String raw(String text, boolean newlines) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (codePoint(cp) && !(newlines && cp == '\n')) {
                return String.format("U+%04X at %d in %s", cp, i, text.length() > 300 ? text.substring(0, 300) + "…" : text);
            }
            i += Character.charCount(cp);
        }
        return null;
    }
}
