/**
 * Still images (JPEG, PNG, TIFF, BMP, GIF) decoded to the pixels the authors' pipeline gives (Pillow's
 * {@code Image.open(f).convert("RGB")}), and the reduced-size JPEG decode for a model's input.
 */
package nero.io.image;
