package org.socketplayground.ui.theme;

/** The window's look; {@link Themes#apply} puts one on a scene, {@link Projector} remembers the teacher's choice. */
public enum Theme {
    /** AtlantaFX Primer Light: dark text on white, the default. */
    LIGHT,
    /** AtlantaFX Primer Dark: light text on dark, for dim rooms. */
    DARK,
    /** White, yellow and cyan on black, for projectors: Primer Dark with the colours of high-contrast.css. */
    HIGH_CONTRAST
}
