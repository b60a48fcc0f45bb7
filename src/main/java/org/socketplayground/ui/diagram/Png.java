package org.socketplayground.ui.diagram;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** A picture's pixels as a PNG file, by the JDK's own encoder (JavaFX has none without its Swing bridge). */
final class Png {
    private Png() {
    }

    static byte[] encode(int width, int height, int[] argb) {
        BufferedImage image = new BufferedImage(Math.max(1, width), Math.max(1, height), BufferedImage.TYPE_INT_ARGB);
        if (width > 0 && height > 0) {
            image.setRGB(0, 0, width, height, argb, 0, width);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
