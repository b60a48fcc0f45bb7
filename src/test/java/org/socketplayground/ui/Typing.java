package org.socketplayground.ui;

import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import org.testfx.api.FxRobot;

/**
 * Types text key by key as TestFX's {@code write} does (a KEY_TYPED event per character, through its base robot, to
 * the scene's focused control), without waiting for the JavaFX thread after every key: that wait cost about 60 ms a
 * character, seconds a test. The events keep their order; the caller waits for the text it expects.
 */
public final class Typing {
    private Typing() {
    }

    public static void write(FxRobot robot, Scene scene, String text) {
        for (char c : text.toCharArray()) {
            KeyCode code = KeyCode.getKeyCode(String.valueOf(Character.toUpperCase(c)));
            robot.robotContext().getBaseRobot().typeKeyboard(scene, code == null ? KeyCode.UNDEFINED : code, String.valueOf(c));
        }
    }
}
