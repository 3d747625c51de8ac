/**
 * Inputs and outputs on disk. This package is the shared vocabulary of the readers: {@link nero.io.ImageSource}
 * (items to score), {@link nero.io.SourceItem}, {@link nero.io.SkippedItem}, {@link nero.io.FileKind} (what a file
 * holds, from its first bytes), pixel limits and the native FFmpeg library. One sub-package per medium:
 * {@code image} (still images as Pillow decodes them), {@code video} (FFmpeg and JCodec), {@code dicom} (PixelMed),
 * {@code table} (CSV); {@code source} turns paths, folders and ImageFolder trees into items and is the one way in
 * ({@link nero.io.source.ImageSources#open}). Arrows inside io: root &lt; image, video, table &lt; dicom &lt; source.
 */
package nero.io;
