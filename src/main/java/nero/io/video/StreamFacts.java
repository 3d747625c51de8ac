package nero.io.video;

/**
 * What the object carrying a video stream (a DICOM video object) says about it that the stream itself may not.
 *
 * @param declaredFrames frames the object declares (NumberOfFrames), to report a truncated stream; −1 if unknown
 * @param times display times of the frames, overruling the stream's time stamps; null: the stream's own
 * @param untaggedIsBt601 YCbCr in a stream that states no matrix is BT.601 (DICOM's YBR_PARTIAL_420 equations),
 *     whatever the picture height, instead of the player's rule of BT.709 from 720 lines up
 */
public record StreamFacts(int declaredFrames, FrameTimes times, boolean untaggedIsBt601) {
    /** Nothing known beyond the stream. */
    public static final StreamFacts NONE = new StreamFacts(-1, null, false);
}
