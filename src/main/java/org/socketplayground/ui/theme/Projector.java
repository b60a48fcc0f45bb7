package org.socketplayground.ui.theme;

import java.util.prefs.Preferences;

/** Text size and theme for the projector, remembered between runs. */
public final class Projector {
    public static final int DEFAULT_SIZE = 14;
    private static final int[] SIZES = {10, 11, 12, 13, 14, 16, 18, 20, 22, 24, 28, 32};
    /** Where the settings lived before this class moved here, so that a teacher's settings survive the move. */
    private final Preferences prefs = Preferences.userRoot().node("/org/socketplayground/ui");

    public int fontSize() {
        return prefs.getInt("fontSize", DEFAULT_SIZE);
    }

    /** One step larger (+1), smaller (-1), or back to the default (0). */
    public void zoom(int direction) {
        int size = fontSize();
        if (direction == 0) {
            size = DEFAULT_SIZE;
        } else {
            int i = 0;
            while (i < SIZES.length - 1 && SIZES[i] < size) {
                i++;
            }
            i = Math.max(0, Math.min(SIZES.length - 1, i + direction));
            size = SIZES[i];
        }
        prefs.putInt("fontSize", size);
    }

    /** The remembered theme; a setting from before themes (the boolean "highContrast") reads as HIGH_CONTRAST. */
    public Theme theme() {
        String name = prefs.get("theme", null);
        if (name != null) {
            try {
                return Theme.valueOf(name);
            } catch (IllegalArgumentException unknown) {
                // a theme of a later version: fall through to the older setting
            }
        }
        return prefs.getBoolean("highContrast", false) ? Theme.HIGH_CONTRAST : Theme.LIGHT;
    }

    public void setTheme(Theme theme) {
        prefs.put("theme", theme.name());
        // kept in step, so that an older version run on the same machine still shows high contrast
        prefs.putBoolean("highContrast", theme == Theme.HIGH_CONTRAST);
    }
}
