package org.socketplayground.ui;

import java.util.prefs.Preferences;

/** Text size and theme for the projector, remembered between runs. */
final class Projector {
    static final int DEFAULT_SIZE = 14;
    private static final int[] SIZES = {10, 11, 12, 13, 14, 16, 18, 20, 22, 24, 28, 32};
    private final Preferences prefs = Preferences.userNodeForPackage(Projector.class);

    int fontSize() {
        return prefs.getInt("fontSize", DEFAULT_SIZE);
    }

    /** One step larger (+1), smaller (-1), or back to the default (0). */
    void zoom(int direction) {
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

    boolean highContrast() {
        return prefs.getBoolean("highContrast", false);
    }

    void setHighContrast(boolean on) {
        prefs.putBoolean("highContrast", on);
    }
}
