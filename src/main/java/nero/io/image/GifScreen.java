package nero.io.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import nero.core.InvalidInputException;
import nero.io.PixelLimits;

/**
 * A GIF's logical screen (bytes 6–9 of the file), on which decoders such as ImageJ's and Pillow's draw every frame:
 * a 16×16 frame on a 65535×65535 screen costs them 16 GB. Checked before decoding; only the first frame is used.
 */
final class GifScreen {
    private GifScreen() {
    }

    static void check(Path file) {
        byte[] head = new byte[10];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, head.length) < head.length) {
                throw new InvalidInputException(file + ": truncated GIF header");
            }
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
        }
        int width = (head[6] & 0xff) | (head[7] & 0xff) << 8;
        int height = (head[8] & 0xff) | (head[9] & 0xff) << 8;
        if (width > 0 && height > 0) { // 0 is left to the frame's own size, which is checked separately
            PixelLimits.checkImage(file.toString(), "GIF logical screen", width, height);
        }
    }
}
