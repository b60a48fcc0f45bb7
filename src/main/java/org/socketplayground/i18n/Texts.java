package org.socketplayground.i18n;

import java.text.NumberFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The words the app shows, from {@code messages.properties} (English) and {@code messages_es.properties}: the FXML's
 * {@code %key} texts and the Java code's sentences alike. A sentence's values go where it says {@code {0}},
 * {@code {1}}...; no MessageFormat, so that an apostrophe is only an apostrophe. Chosen once, at start: the views are
 * made with the words of that moment.
 */
public final class Texts {
    public static final String BUNDLE = "org.socketplayground.i18n.messages";

    private static volatile Language language = Language.ENGLISH;
    private static volatile ResourceBundle bundle = load(Language.ENGLISH);

    private Texts() {
    }

    /** Speak this language from now on; the views loaded from now on show it. */
    public static void use(Language l) {
        bundle = load(l);
        language = l;
    }

    public static Language language() {
        return language;
    }

    /** The bundle of the language in use, for FXML loaders. */
    public static ResourceBundle bundle() {
        return bundle;
    }

    /** The bundle of a language; the system's own locale never stands in for English. */
    public static ResourceBundle load(Language l) {
        return ResourceBundle.getBundle(BUNDLE, l.bundleLocale(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** The sentence of that key, its {0}, {1}... replaced by the values' text; the key in brackets if missing. */
    public static String get(String key, Object... values) {
        String s;
        try {
            s = bundle.getString(key);
        } catch (MissingResourceException e) {
            return "[" + key + "]";   // TextsTest fails on it; a window never throws for a missing word
        }
        for (int i = 0; i < values.length; i++) {
            s = s.replace("{" + i + "}", String.valueOf(values[i]));
        }
        return s;
    }

    /** A count the way the language groups digits: 12,345 in English, 12.345 in Spanish. */
    public static String count(long n) {
        return NumberFormat.getIntegerInstance(language == Language.ENGLISH ? Locale.US : language.bundleLocale()).format(n);
    }
}
