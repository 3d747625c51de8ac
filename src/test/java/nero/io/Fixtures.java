package nero.io;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.CodeStringAttribute;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.IntegerStringAttribute;
import com.pixelmed.dicom.LongStringAttribute;
import com.pixelmed.dicom.OtherByteAttribute;
import com.pixelmed.dicom.OtherByteAttributeMultipleCompressedFrames;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.PersonNameAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.dicom.UniqueIdentifierAttribute;
import com.pixelmed.dicom.UnsignedShortAttribute;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.jcodec.api.awt.AWTSequenceEncoder;
import org.junit.jupiter.api.Assumptions;

/** Test inputs generated at test time (PixelMed writes DICOM, JCodec writes MP4) and the pydicom sample files. */
public final class Fixtures {
    public static final String SECRET_NAME = "Secret^Patient";
    public static final String SECRET_ID = "PID-4711";
    public static final Path PYDICOM = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");

    private Fixtures() {
    }

    /** A pydicom sample file; skipped when absent, failing when NERO_REQUIRE_FULL_TESTS=1. */
    public static Path pydicom(String name) {
        Path p = PYDICOM.resolve(name);
        if (!Files.isRegularFile(p)) {
            if ("1".equals(System.getenv("NERO_REQUIRE_FULL_TESTS"))) {
                throw new AssertionError(p + " is missing: install Debian's python3-pydicom");
            }
            Assumptions.abort(p + " is missing (install python3-pydicom)");
        }
        return p;
    }

    /** Attribute values for a generated image object. */
    public static final class Spec {
        public int rows = 8;
        public int cols = 10;
        public int frames = 1;
        public int spp = 1;
        public int bitsAllocated = 8;
        public int bitsStored = 8;
        public int highBit = 7;
        public int pixelRepresentation = 0;
        public String photometric = "MONOCHROME2";
        public String transferSyntax = TransferSyntax.ExplicitVRLittleEndian;
        public boolean pixelData = true;
        public Integer numberOfFramesAttribute; // written when multi-frame or set explicitly
        public int planar;     // PlanarConfiguration written for 3 samples
        public boolean eightBitAsWords; // 8-bit samples in Pixel Data of VR OW (two a word) instead of OB
        public byte[] bytes;   // 8-bit pixel values (frames × rows × cols × spp, as stored: planes when planar = 1)
        public short[] words;  // 16-bit pixel values
        /** More attributes (palette tables, timing), added before writing. */
        public java.util.function.Consumer<AttributeList> extra = l -> { };

        public Spec size(int r, int c) {
            rows = r;
            cols = c;
            return this;
        }
    }

    public static void writeDicom(Path file, Spec s) throws Exception {
        AttributeList l = new AttributeList();
        put(l, new UniqueIdentifierAttribute(TagFromName.SOPClassUID), "1.2.840.10008.5.1.4.1.1.77.1.1");
        put(l, new UniqueIdentifierAttribute(TagFromName.SOPInstanceUID), "1.2.826.0.1.3680043.9.7777.1.1");
        put(l, new UniqueIdentifierAttribute(TagFromName.StudyInstanceUID), "1.2.826.0.1.3680043.9.7777.1");
        put(l, new UniqueIdentifierAttribute(TagFromName.SeriesInstanceUID), "1.2.826.0.1.3680043.9.7777.2");
        put(l, new CodeStringAttribute(TagFromName.Modality), "ES");
        put(l, new PersonNameAttribute(TagFromName.PatientName), SECRET_NAME);
        put(l, new LongStringAttribute(TagFromName.PatientID), SECRET_ID);
        putUs(l, TagFromName.Rows, s.rows);
        putUs(l, TagFromName.Columns, s.cols);
        putUs(l, TagFromName.SamplesPerPixel, s.spp);
        putUs(l, TagFromName.BitsAllocated, s.bitsAllocated);
        putUs(l, TagFromName.BitsStored, s.bitsStored);
        putUs(l, TagFromName.HighBit, s.highBit);
        putUs(l, TagFromName.PixelRepresentation, s.pixelRepresentation);
        put(l, new CodeStringAttribute(TagFromName.PhotometricInterpretation), s.photometric);
        if (s.spp == 3) {
            putUs(l, TagFromName.PlanarConfiguration, s.planar);
        }
        Integer nf = s.numberOfFramesAttribute != null ? s.numberOfFramesAttribute : s.frames > 1 ? s.frames : null;
        if (nf != null) {
            put(l, new IntegerStringAttribute(TagFromName.NumberOfFrames), Integer.toString(nf));
        }
        if (s.pixelData) {
            if (TransferSyntax.JPEGBaseline.equals(s.transferSyntax)) {
                l.put(new OtherByteAttributeMultipleCompressedFrames(TagFromName.PixelData, jpegFrames(s)));
            } else if (TransferSyntax.RLE.equals(s.transferSyntax)) {
                l.put(new OtherByteAttributeMultipleCompressedFrames(TagFromName.PixelData, rleFrames(s)));
            } else if (s.bitsAllocated == 16) {
                OtherWordAttribute a = new OtherWordAttribute(TagFromName.PixelData);
                a.setValues(s.words != null ? s.words : new short[s.frames * s.rows * s.cols * s.spp]);
                l.put(a);
            } else if (s.eightBitAsWords) {
                byte[] b = s.bytes != null ? s.bytes : pattern(s.frames * s.rows * s.cols * s.spp);
                short[] w = new short[(b.length + 1) / 2];
                for (int i = 0; i < b.length; i++) {
                    w[i / 2] |= (short) ((b[i] & 0xff) << (i % 2 == 0 ? 0 : 8));
                }
                OtherWordAttribute a = new OtherWordAttribute(TagFromName.PixelData);
                a.setValues(w);
                l.put(a);
            } else {
                OtherByteAttribute a = new OtherByteAttribute(TagFromName.PixelData);
                a.setValues(s.bytes != null ? s.bytes : pattern(s.frames * s.rows * s.cols * s.spp));
                l.put(a);
            }
        }
        s.extra.accept(l);
        FileMetaInformation.addFileMetaInformation(l, s.transferSyntax, "NEROTEST");
        l.write(file.toFile(), s.transferSyntax, true, true);
    }

    /**
     * RLE Lossless frames (PS3.5 Annex G) of 8-bit samples, colour-by-pixel {@code bytes}: one segment per sample
     * plane, each row coded as literal runs.
     */
    private static byte[][] rleFrames(Spec s) {
        byte[] px = s.bytes != null ? s.bytes : pattern(s.frames * s.rows * s.cols * s.spp);
        byte[][] frames = new byte[s.frames][];
        int frameSize = s.rows * s.cols * s.spp;
        for (int f = 0; f < s.frames; f++) {
            ByteArrayOutputStream segments = new ByteArrayOutputStream();
            int[] offsets = new int[s.spp];
            for (int c = 0; c < s.spp; c++) {
                offsets[c] = 64 + segments.size();
                for (int y = 0; y < s.rows; y++) {
                    for (int x0 = 0; x0 < s.cols; x0 += 128) {
                        int n = Math.min(128, s.cols - x0);
                        segments.write(n - 1);
                        for (int x = x0; x < x0 + n; x++) {
                            segments.write(px[f * frameSize + (y * s.cols + x) * s.spp + c]);
                        }
                    }
                }
                if (segments.size() % 2 != 0) {
                    segments.write(0);
                }
            }
            java.nio.ByteBuffer header = java.nio.ByteBuffer.allocate(64).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            header.putInt(s.spp);
            for (int offset : offsets) {
                header.putInt(offset);
            }
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.writeBytes(header.array());
            frame.writeBytes(segments.toByteArray());
            frames[f] = frame.toByteArray();
        }
        return frames;
    }

    /** One JPEG per frame, from a gradient that differs per frame. */
    private static byte[][] jpegFrames(Spec s) throws IOException {
        byte[][] frames = new byte[s.frames][];
        for (int f = 0; f < s.frames; f++) {
            BufferedImage bi = new BufferedImage(s.cols, s.rows, s.spp == 3 ? BufferedImage.TYPE_INT_RGB
                    : BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < s.rows; y++) {
                for (int x = 0; x < s.cols; x++) {
                    int v = (x * 255 / Math.max(1, s.cols - 1) + f * 40) & 0xff;
                    bi.setRGB(x, y, v << 16 | v << 8 | v);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(bi, "jpeg", out);
            frames[f] = out.toByteArray();
        }
        return frames;
    }

    public static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 7);
        }
        return b;
    }

    /** Writes an encapsulated DICOM video object (one fragment holding {@code stream}) with the given video TS. */
    public static void writeDicomVideo(Path file, byte[] stream, String transferSyntax, int rows, int cols, int frames)
            throws Exception {
        writeDicomVideo(file, stream, transferSyntax, rows, cols, frames, "YBR_FULL_422", l -> { });
    }

    /** As above with a Photometric Interpretation and more attributes (timing), added before writing. */
    public static void writeDicomVideo(Path file, byte[] stream, String transferSyntax, int rows, int cols, int frames,
            String photometric, java.util.function.Consumer<AttributeList> extra) throws Exception {
        AttributeList l = new AttributeList();
        put(l, new UniqueIdentifierAttribute(TagFromName.SOPClassUID), "1.2.840.10008.5.1.4.1.1.77.1.1.1");
        put(l, new UniqueIdentifierAttribute(TagFromName.SOPInstanceUID), "1.2.826.0.1.3680043.9.7777.3.1");
        put(l, new CodeStringAttribute(TagFromName.Modality), "ES");
        put(l, new PersonNameAttribute(TagFromName.PatientName), SECRET_NAME);
        putUs(l, TagFromName.Rows, rows);
        putUs(l, TagFromName.Columns, cols);
        putUs(l, TagFromName.SamplesPerPixel, 3);
        putUs(l, TagFromName.BitsAllocated, 8);
        putUs(l, TagFromName.BitsStored, 8);
        putUs(l, TagFromName.HighBit, 7);
        putUs(l, TagFromName.PixelRepresentation, 0);
        putUs(l, TagFromName.PlanarConfiguration, 0);
        put(l, new CodeStringAttribute(TagFromName.PhotometricInterpretation), photometric);
        put(l, new IntegerStringAttribute(TagFromName.NumberOfFrames), Integer.toString(frames));
        byte[] padded = stream.length % 2 == 0 ? stream : Arrays.copyOf(stream, stream.length + 1);
        l.put(new OtherByteAttributeMultipleCompressedFrames(TagFromName.PixelData, new byte[][] {padded}));
        extra.accept(l);
        FileMetaInformation.addFileMetaInformation(l, transferSyntax, "NEROTEST");
        l.write(file.toFile(), transferSyntax, true, true);
    }

    /** A small H.264 MP4 (JCodec encoder): a bright square moving right, one step per frame. */
    public static void writeMp4(Path file, int width, int height, int frames) throws IOException {
        AWTSequenceEncoder enc = AWTSequenceEncoder.createSequenceEncoder(new File(file.toString()), 25);
        for (int f = 0; f < frames; f++) {
            enc.encodeImage(movingSquare(width, height, f));
        }
        enc.finish();
    }

    public static BufferedImage movingSquare(int width, int height, int f) {
        BufferedImage bi = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        java.awt.Graphics2D g = bi.createGraphics();
        g.setColor(new java.awt.Color(30, 60, 90));
        g.fillRect(0, 0, width, height);
        g.setColor(java.awt.Color.WHITE);
        int x = (f * 4) % Math.max(1, width - 16);
        g.fillRect(x, height / 2 - 8, 16, 16);
        g.dispose();
        return bi;
    }

    /**
     * A small MPEG-2 program stream carrying H.264 (JCodec's encoder; one PES packet with a PTS per frame), to
     * exercise the low-level demuxer path that MPEG-TS and MPEG-PS files take.
     */
    public static void writeH264ProgramStream(Path file, int width, int height, int frames) throws IOException {
        org.jcodec.codecs.h264.H264Encoder encoder = org.jcodec.codecs.h264.H264Encoder.createH264Encoder();
        org.jcodec.scale.Transform toYuv = org.jcodec.scale.ColorUtil.getTransform(
                org.jcodec.common.model.ColorSpace.RGB, org.jcodec.common.model.ColorSpace.YUV420J);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int f = 0; f < frames; f++) {
            org.jcodec.common.model.Picture rgb = org.jcodec.scale.AWTUtil.fromBufferedImageRGB(movingSquare(width, height, f));
            org.jcodec.common.model.Picture yuv = org.jcodec.common.model.Picture.create(width, height,
                    org.jcodec.common.model.ColorSpace.YUV420J);
            toYuv.transform(rgb, yuv);
            java.nio.ByteBuffer es = encoder.encodeFrame(yuv, java.nio.ByteBuffer.allocate(width * height * 3)).getData();
            byte[] payload = new byte[es.remaining()];
            es.get(payload);
            out.writeBytes(new byte[] {0, 0, 1, (byte) 0xBA, 0x44, 0, 4, 0, 4, 1, 1, (byte) 0x89, (byte) 0xC3, (byte) 0xF8});
            long pts = 3600L * (f + 1); // 90 kHz clock, 25 fps
            int length = 3 + 5 + payload.length;
            if (length > 0xFFFF) {
                throw new IllegalArgumentException("frame too large for one PES packet: " + payload.length);
            }
            out.writeBytes(new byte[] {0, 0, 1, (byte) 0xE0, (byte) (length >> 8), (byte) length, (byte) 0x80, (byte) 0x80, 5,
                (byte) (0x21 | ((pts >> 29) & 0x0E)), (byte) (pts >> 22), (byte) (((pts >> 14) & 0xFE) | 1),
                (byte) (pts >> 7), (byte) (((pts << 1) & 0xFE) | 1)});
            out.writeBytes(payload);
        }
        out.writeBytes(new byte[] {0, 0, 1, (byte) 0xB9});
        Files.write(file, out.toByteArray());
    }

    /**
     * A raw H.264 elementary stream (Annex B, JCodec's encoder): no container, so no time stamps; FFmpeg's demuxer
     * then assumes 25 frames per second. {@code picture} gives each frame (JFIF-range YCbCr 4:2:0, JCodec's signed
     * samples); the stream states no colour matrix.
     */
    public static byte[] h264ElementaryStream(int width, int height, int frames,
            java.util.function.IntFunction<org.jcodec.common.model.Picture> picture) {
        org.jcodec.codecs.h264.H264Encoder encoder = org.jcodec.codecs.h264.H264Encoder.createH264Encoder();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int f = 0; f < frames; f++) {
            java.nio.ByteBuffer es = encoder.encodeFrame(picture.apply(f),
                    java.nio.ByteBuffer.allocate(width * height * 3)).getData();
            byte[] b = new byte[es.remaining()];
            es.get(b);
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    /** The moving square of {@link #movingSquare} as a JCodec YUV 4:2:0 picture. */
    public static org.jcodec.common.model.Picture movingSquareYuv(int width, int height, int f) {
        org.jcodec.common.model.Picture rgb = org.jcodec.scale.AWTUtil.fromBufferedImageRGB(movingSquare(width, height, f));
        org.jcodec.common.model.Picture yuv = org.jcodec.common.model.Picture.create(width, height,
                org.jcodec.common.model.ColorSpace.YUV420J);
        org.jcodec.scale.ColorUtil.getTransform(org.jcodec.common.model.ColorSpace.RGB,
                org.jcodec.common.model.ColorSpace.YUV420J).transform(rgb, yuv);
        return yuv;
    }

    public static Path truncate(Path src, Path dst, long keep) throws IOException {
        byte[] all = Files.readAllBytes(src);
        Files.write(dst, Arrays.copyOf(all, (int) Math.min(keep, all.length)));
        return dst;
    }

    /**
     * Sets the display matrix in an MP4's first track header ('tkhd') to a clockwise rotation of {@code degrees}
     * (0, 90, 180, 270), as phones and some recorders write it (the ffmpeg 5.1 here cannot write one itself).
     */
    public static void rotateMp4(Path file, int degrees) throws IOException {
        byte[] all = Files.readAllBytes(file);
        int at = new String(all, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("tkhd") - 4;
        if (at < 0) {
            throw new IllegalStateException("no tkhd box in " + file);
        }
        int matrix = at + (all[at + 8] == 1 ? 60 : 48); // after the version's times, ids, duration, layer, volume
        int sin = degrees == 90 ? 1 : degrees == 270 ? -1 : 0;
        int cos = degrees == 0 ? 1 : degrees == 180 ? -1 : 0;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(all); // 16.16 fixed point, big-endian: a b u / c d v / x y w
        b.putInt(matrix, cos << 16);
        b.putInt(matrix + 4, sin << 16);
        b.putInt(matrix + 12, -sin << 16);
        b.putInt(matrix + 16, cos << 16);
        Files.write(file, all);
    }

    /** Replaces the first occurrence of {@code from} (same length as {@code to}) in the file. */
    public static void patch(Path file, String from, String to) throws IOException {
        byte[] all = Files.readAllBytes(file);
        byte[] f = from.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] t = to.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int i = 0; i + f.length <= all.length; i++) {
            if (Arrays.equals(all, i, i + f.length, f, 0, f.length)) {
                System.arraycopy(t, 0, all, i, t.length);
                Files.write(file, all);
                return;
            }
        }
        throw new IllegalStateException("pattern not found: " + from);
    }

    private static void put(AttributeList l, Attribute a, String value) throws Exception {
        a.addValue(value);
        l.put(a);
    }

    private static void putUs(AttributeList l, AttributeTag tag, int value) throws Exception {
        Attribute a = new UnsignedShortAttribute(tag);
        a.addValue(value);
        l.put(a);
    }
}
