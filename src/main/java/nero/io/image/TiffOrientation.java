package nero.io.image;

import ij.process.ImageProcessor;

/**
 * A TIFF page turned as its Orientation tag says, as Pillow does when it opens a TIFF (TiffImagePlugin's
 * {@code load_end} transposes the page; for JPEG's EXIF orientation it does nothing, and neither do we). ImageIO and
 * ImageJ leave the stored rows as they are.
 */
final class TiffOrientation {
    private TiffOrientation() {
    }

    /** The upright processor: {@code ip} itself turned in place, or a new one when the sides swap (5–8). */
    static ImageProcessor apply(ImageProcessor ip, int orientation) {
        switch (orientation) {
            case 2 -> ip.flipHorizontal();
            case 3 -> {
                ip.flipHorizontal();
                ip.flipVertical();
            }
            case 4 -> ip.flipVertical();
            case 5 -> { // transpose: (x, y) → (y, x)
                ip = ip.rotateRight();
                ip.flipHorizontal();
            }
            case 6 -> ip = ip.rotateRight();
            case 7 -> { // transverse: the other diagonal
                ip = ip.rotateLeft();
                ip.flipHorizontal();
            }
            case 8 -> ip = ip.rotateLeft();
            default -> {
                // 1 (or a value the standard does not define, which Pillow ignores too): as stored
            }
        }
        return ip;
    }
}
