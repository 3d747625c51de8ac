package nero.io.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.AttributeTagAttribute;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.TagFromName;
import java.util.Locale;
import nero.core.InvalidInputException;
import nero.io.video.FrameTimes;

/**
 * The display times of a multi-frame object's frames from its own attributes (PS3.3 C.7.6.5 Cine Module, C.7.6.6
 * Multi-frame Module): the attribute the Frame Increment Pointer (0028,0009) names first, Frame Time (0018,1063) or
 * Frame Time Vector (0018,1065); then whichever of the two is present; then Cine Rate (0018,0040). A named attribute
 * that is present but unusable (not positive, not a number, a vector whose length is not NumberOfFrames) is refused:
 * it would put every still at a wrong time.
 */
final class DicomFrameTimes {
    static final AttributeTag FRAME_TIME_VECTOR = new AttributeTag(0x0018, 0x1065);
    static final AttributeTag CINE_RATE = new AttributeTag(0x0018, 0x0040);

    private DicomFrameTimes() {
    }

    /** The times, or null when the object states none (the stream's own time stamps are used then). */
    static FrameTimes of(String file, AttributeList a, int frames) {
        boolean vectorFirst = pointsTo(a, FRAME_TIME_VECTOR);
        FrameTimes first = vectorFirst ? vector(file, a, frames) : frameTime(file, a);
        if (first != null) {
            return first;
        }
        FrameTimes second = vectorFirst ? frameTime(file, a) : vector(file, a, frames);
        return second != null ? second : cineRate(file, a);
    }

    private static boolean pointsTo(AttributeList a, AttributeTag wanted) {
        Attribute fip = a.get(TagFromName.FrameIncrementPointer);
        if (!(fip instanceof AttributeTagAttribute at)) {
            return false;
        }
        try {
            for (AttributeTag t : at.getAttributeTagValues()) {
                if (t.equals(wanted)) {
                    return true;
                }
                if (t.equals(TagFromName.FrameTime) || t.equals(FRAME_TIME_VECTOR)) {
                    return false; // the first time attribute named wins
                }
            }
        } catch (DicomException e) {
            return false;
        }
        return false;
    }

    private static FrameTimes frameTime(String file, AttributeList a) {
        String text = DicomValidator.text(a, TagFromName.FrameTime);
        if (text.isEmpty()) {
            return null;
        }
        double ms = number(text);
        if (!(ms > 0) || !Double.isFinite(ms)) {
            throw new InvalidInputException(file + ": Frame Time (0018,1063) = " + text + " is not a positive number of"
                    + " milliseconds");
        }
        return FrameTimes.constant(ms / 1000, "Frame Time (0018,1063) = " + format(ms) + " ms");
    }

    private static FrameTimes vector(String file, AttributeList a, int frames) {
        Attribute at = a.get(FRAME_TIME_VECTOR);
        if (at == null || at.getVM() == 0) {
            return null;
        }
        String[] values;
        try {
            values = at.getStringValues();
        } catch (DicomException e) {
            throw new InvalidInputException(file + ": Frame Time Vector (0018,1065) cannot be read: " + e.getMessage(), e);
        }
        if (values.length != frames) {
            throw new InvalidInputException(file + ": Frame Time Vector (0018,1065) has " + values.length
                    + " values but NumberOfFrames=" + frames);
        }
        double[] seconds = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            seconds[i] = number(values[i].trim()) / 1000;
        }
        try {
            FrameTimes t = FrameTimes.ofIncrements(seconds, "Frame Time Vector (0018,1065)");
            if (frames > 1 && !(t.seconds(frames - 1) > 0)) {
                throw new IllegalArgumentException("every increment is 0");
            }
            return t;
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(file + ": Frame Time Vector (0018,1065) is unusable: " + e.getMessage()
                    + " (milliseconds between frames)");
        }
    }

    private static FrameTimes cineRate(String file, AttributeList a) {
        String text = DicomValidator.text(a, CINE_RATE);
        if (text.isEmpty()) {
            return null;
        }
        double fps = number(text);
        if (!(fps > 0) || !Double.isFinite(fps)) {
            throw new InvalidInputException(file + ": Cine Rate (0018,0040) = " + text + " is not a positive number of"
                    + " frames per second");
        }
        return FrameTimes.constant(1 / fps, "Cine Rate (0018,0040) = " + format(fps) + " frames/s");
    }

    private static double number(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String format(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.6g", v);
    }
}
