package nero.io.dicom;

import ij.ImagePlus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import nero.core.InvalidInputException;
import nero.io.ImageSource;
import nero.io.LibraryLogs;
import nero.io.video.FrameSampling;
import nero.io.video.FrameTimes;
import nero.io.video.StreamFacts;
import nero.io.video.VideoReader;

/**
 * DICOM Part-10 files through PixelMed. Every object is validated from its header before any pixel is decoded
 * ({@link DicomValidator}); each refusal names the file and the attribute values. Image objects yield one item per
 * frame ({@code path#frame=N}, N from 1, only for multi-frame objects); DICOM video (MPEG-2/H.264/HEVC transfer
 * syntaxes) yields stills of the encapsulated stream, timed by the object's own Frame Time, Frame Time Vector or Cine
 * Rate ({@link DicomFrameTimes}) and, where the stream states no colour matrix, decoded as BT.601 (the equations of
 * YBR_PARTIAL_420). Patient attributes are never read into metadata or messages.
 */
public final class DicomReader {
    static {
        LibraryLogs.quietPixelMed();
    }

    private DicomReader() {
    }

    /** Validates the header and describes the object, without decoding pixels. */
    public static DicomImageInfo inspect(Path file) {
        return DicomValidator.validate(DicomHeader.read(file));
    }

    /** One frame (1-based) of a DICOM image object. */
    public static ImagePlus readFrame(Path file, int frameNumber) {
        DicomHeader header = DicomHeader.read(file);
        DicomImageInfo info = DicomValidator.validate(header);
        if (info.video()) {
            throw new InvalidInputException(file + ": a DICOM video; open it as a source to get its stills");
        }
        try (DicomFrameDecoder decoder = new DicomFrameDecoder(file, info, OddWordFrames.ifNeeded(header, info))) {
            return decoder.frame(frameNumber);
        }
    }

    /** Every frame of an image object, or stills at the default sampling for a video object. */
    public static ImageSource open(Path file) {
        return open(file, null, FrameSampling.defaults());
    }

    public static ImageSource open(Path file, String label, FrameSampling videoSampling) {
        DicomHeader header = DicomHeader.read(file);
        DicomImageInfo info = DicomValidator.validate(header);
        if (!info.video()) {
            return new DicomFrameSource(file, label, info, OddWordFrames.ifNeeded(header, info));
        }
        FrameTimes times = DicomFrameTimes.of(file.toString(), header.attributes, info.frames());
        Path stream = DicomVideoExtractor.extract(file, header);
        Map<String, String> meta = new LinkedHashMap<>(info.metadata());
        meta.put("time_source", times != null ? times.source() : "video stream (the object states no Frame Time,"
                + " Frame Time Vector or Cine Rate)");
        StreamFacts facts = new StreamFacts(info.frames(), times, true);
        return VideoReader.open(stream, file.toString(), label, videoSampling, meta, facts, () -> {
            try {
                Files.deleteIfExists(stream);
            } catch (IOException ignored) {
                // a leftover temporary file is harmless
            }
        });
    }
}
