package org.socketplayground.i18n;

import java.util.Locale;
import java.util.prefs.Preferences;

/** The languages the window speaks. Python's own words (error types and messages, calls) stay as Python prints them. */
public enum Language {
    ENGLISH("en", "English", Locale.ROOT),
    SPANISH("es", "Español", Locale.forLanguageTag("es"));

    /** Where the choice is remembered, beside the projector's text size and theme. */
    static final String PREFS_NODE = "/org/socketplayground/ui";
    static final String PREFS_KEY = "language";

    private final String code;
    private final String name;
    private final Locale bundleLocale;

    Language(String code, String name, Locale bundleLocale) {
        this.code = code;
        this.name = name;
        this.bundleLocale = bundleLocale;
    }

    /** The ISO 639 code: {@code en}, {@code es}. */
    public String code() {
        return code;
    }

    /** Its name in its own words, as the language choice lists it. */
    @Override
    public String toString() {
        return name;
    }

    Locale bundleLocale() {
        return bundleLocale;
    }

    /** The language of a code or locale tag ({@code es}, {@code es_MX}, {@code es-AR}); null if not one of ours. */
    public static Language ofCode(String tag) {
        if (tag == null || tag.isBlank()) {
            return null;
        }
        String code = tag.trim().toLowerCase(Locale.ROOT).split("[_\\-.]")[0];
        for (Language l : values()) {
            if (l.code.equals(code)) {
                return l;
            }
        }
        return null;
    }

    /**
     * The language to start in: {@code -Dplayground.lang} if given, else the one chosen in the window last time, else
     * the system's, else English.
     */
    public static Language atStart() {
        return resolve(System.getProperty("playground.lang"), remembered(), Locale.getDefault());
    }

    static Language resolve(String property, String remembered, Locale system) {
        Language l = ofCode(property);
        if (l == null) {
            l = ofCode(remembered);
        }
        if (l == null) {
            l = ofCode(system.getLanguage());
        }
        return l == null ? ENGLISH : l;
    }

    /** The choice made in the window, remembered for the next start; null if never made. */
    public static String remembered() {
        return Preferences.userRoot().node(PREFS_NODE).get(PREFS_KEY, null);
    }

    /** Remember this language for the next start. */
    public void remember() {
        Preferences.userRoot().node(PREFS_NODE).put(PREFS_KEY, code);
    }
}
