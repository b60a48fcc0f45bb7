package org.socketplayground.ui;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Scene;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Waits on the window's frames rather than on time: a loaded machine draws late, never out of order. A frame counts
 * once its layout is done (a post-layout pulse listener).
 */
public final class Frames {
    private Frames() {
    }

    /** Waits until the scene has laid out this many more frames. */
    public static void await(Scene scene, int frames) {
        AtomicInteger laidOut = new AtomicInteger();
        Runnable counter = () -> {
            laidOut.incrementAndGet();
            Platform.requestNextPulse();
        };
        Platform.runLater(() -> {
            scene.addPostLayoutPulseListener(counter);
            Platform.requestNextPulse();
        });
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> laidOut.get() >= frames);
        } catch (TimeoutException e) {
            throw new AssertionError("timed out waiting for " + frames + " frames (" + laidOut.get() + " came)", e);
        } finally {
            Platform.runLater(() -> scene.removePostLayoutPulseListener(counter));
        }
    }

    /**
     * Waits until what the layout gives (read by {@code layout}, on the JavaFX thread) is the same in two frames in a
     * row: wrapped bars, columns that hide and a split that moves take a frame or two to come to rest.
     */
    public static void awaitStill(Scene scene, Supplier<Object> layout) {
        Object[] last = {null};
        int[] same = {0};
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (same[0] < 2) {
            await(scene, 1);
            Object now = onFx(layout);
            same[0] = now.equals(last[0]) ? same[0] + 1 : 0;
            last[0] = now;
            if (System.nanoTime() > end) {
                throw new AssertionError("the window's layout did not come to rest within 10 s");
            }
        }
    }

    private static Object onFx(Supplier<Object> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read::get).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("could not read the window", e);
        }
    }
}
