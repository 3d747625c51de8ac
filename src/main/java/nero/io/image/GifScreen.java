package nero.io.image;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import nero.core.InvalidInputException;
import nero.io.PixelLimits;
import org.w3c.dom.Node;

/**
 * A GIF's logical screen (bytes 6–9 of the file), on which decoders such as ImageJ's and Pillow's draw every frame:
 * a 16×16 frame on a 65535×65535 screen costs them 16 GB. Checked before decoding; only the first frame is used,
 * drawn on the screen as Pillow draws it ({@link #firstFrame}).
 */
final class GifScreen {
    private static final String STREAM_FORMAT = "javax_imageio_gif_stream_1.0";
    private static final String IMAGE_FORMAT = "javax_imageio_gif_image_1.0";

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

    /**
     * The first frame as Pillow's {@code convert("RGB")} gives it: on a canvas the size of the logical screen (grown
     * to hold the frame where it reaches beyond), filled with the colour of the frame's transparent index, or of
     * index 0 when it has none; inside the frame every index's colour, the transparent one included. A GIF without
     * any colour table shows its indices as grey levels, as in Pillow.
     */
    static Canvas firstFrame(Path file, ImageReader reader, BufferedImage frame) throws IOException {
        IIOMetadata stream = reader.getStreamMetadata();
        IIOMetadata image = reader.getImageMetadata(0);
        int screenW = 0;
        int screenH = 0;
        boolean table = false;
        if (stream != null) {
            Node streamRoot = stream.getAsTree(STREAM_FORMAT);
            Node descriptor = child(streamRoot, "LogicalScreenDescriptor");
            screenW = number(descriptor, "logicalScreenWidth", 0);
            screenH = number(descriptor, "logicalScreenHeight", 0);
            table = child(streamRoot, "GlobalColorTable") != null;
        }
        Node root = image.getAsTree(IMAGE_FORMAT);
        table |= child(root, "LocalColorTable") != null;
        Node descriptor = child(root, "ImageDescriptor");
        int x0 = number(descriptor, "imageLeftPosition", 0);
        int y0 = number(descriptor, "imageTopPosition", 0);
        Node control = child(root, "GraphicControlExtension");
        int transparent = control != null && "TRUE".equalsIgnoreCase(attribute(control, "transparentColorFlag"))
                ? number(control, "transparentColorIndex", 0) : 0;
        int fw = frame.getWidth();
        int fh = frame.getHeight();
        int w = Math.max(screenW, x0 + fw);
        int h = Math.max(screenH, y0 + fh);
        PixelLimits.checkImage(file.toString(), "GIF canvas", w, h);
        int[] colours = colours(table ? (IndexColorModel) frame.getColorModel() : null);
        int[] argb = new int[w * h];
        java.util.Arrays.fill(argb, colours[transparent & 0xff]);
        Raster raster = frame.getRaster();
        int[] row = new int[fw];
        for (int y = 0; y < fh; y++) {
            raster.getSamples(raster.getMinX(), raster.getMinY() + y, fw, 1, 0, row);
            for (int x = 0; x < fw; x++) {
                argb[(y0 + y) * w + x0 + x] = colours[row[x] & 0xff];
            }
        }
        return new Canvas(w, h, argb);
    }

    /** Packed RGB of {@code width × height}. */
    record Canvas(int width, int height, int[] argb) {
    }

    /** The palette's colours (black beyond its end), or the grey levels Pillow shows for a GIF without any table. */
    private static int[] colours(IndexColorModel palette) {
        int[] colours = new int[256];
        for (int i = 0; i < 256; i++) {
            colours[i] = palette == null ? 0xff000000 | i << 16 | i << 8 | i
                    : i < palette.getMapSize() ? 0xff000000 | palette.getRGB(i) : 0xff000000;
        }
        return colours;
    }

    private static Node child(Node parent, String name) {
        for (Node n = parent == null ? null : parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeName().equals(name)) {
                return n;
            }
        }
        return null;
    }

    private static String attribute(Node node, String name) {
        Node a = node == null || node.getAttributes() == null ? null : node.getAttributes().getNamedItem(name);
        return a == null ? null : a.getNodeValue();
    }

    private static int number(Node node, String name, int missing) {
        String v = attribute(node, name);
        try {
            return v == null ? missing : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return missing;
        }
    }
}
