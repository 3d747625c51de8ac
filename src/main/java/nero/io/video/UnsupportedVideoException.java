package nero.io.video;

import nero.core.InvalidInputException;

/**
 * A video the pure-Java decoder cannot read (container, codec or coding feature). The message names the file, the
 * container, the codec and the feature, and tells the user how to convert the video with ffmpeg.
 */
public class UnsupportedVideoException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    /** How to turn any video into stills or a video this reader accepts. */
    public static final String FFMPEG_HINT = "Convert it with ffmpeg, either to stills: ffmpeg -i INPUT -vf \"yadif,fps=1\""
            + " still_%05d.png (then open the folder of stills), or to progressive 8-bit 4:2:0 H.264 in MP4: ffmpeg -i INPUT"
            + " -vf yadif -c:v libx264 -pix_fmt yuv420p -an OUTPUT.mp4";

    private final String container;
    private final String codec;
    private final String feature;

    public UnsupportedVideoException(String file, String container, String codec, String feature, Throwable cause) {
        super(file + ": unsupported video (container " + container + ", codec " + codec + ", " + feature + "). "
                + FFMPEG_HINT, cause);
        this.container = container;
        this.codec = codec;
        this.feature = feature;
    }

    public String container() {
        return container;
    }

    public String codec() {
        return codec;
    }

    public String feature() {
        return feature;
    }
}
