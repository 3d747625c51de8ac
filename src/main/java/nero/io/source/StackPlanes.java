package nero.io.source;

import ij.CompositeImage;
import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nero.core.InvalidInputException;
import nero.io.LazyItem;
import nero.io.SourceItem;
import nero.io.TimedStack;

/**
 * The pictures of an image open in ImageJ: one per (z, t) position of a stack or hyperstack, each read when it is
 * scored (a virtual stack decodes it then). Channels are what the model's RGB input needs: one channel is the
 * picture itself (grey or RGB), three channels are its R, G and B; any other number is refused, since no choice of
 * channels would be right for every image.
 *
 * <p>Ids: a single picture keeps the image's title; a stack's pictures are {@code title#slice=K}, a hyperstack's
 * or time series' {@code title#z=Z,t=T} (the dimensions it has), followed by the slice's label in parentheses when it has one (its
 * first line: a DICOM slice label carries the header after it).
 */
public final class StackPlanes {
    /** How many characters of a slice label go into an id. */
    private static final int LABEL_CHARS = 60;

    /**
     * One (z, t) position: its id, its number in stack order (1-based, channels not counted), z and t (1-based), the
     * slice's label ("" when none), its time and frame number: a video's own (a {@link TimedStack}), else the
     * calibration's frame interval, else the plane's number less one ({@code timed} false).
     */
    public record Plane(String id, int number, int z, int t, String label, double seconds, long frame, boolean timed) {
    }

    private StackPlanes() {
    }

    /** The planes of {@code image}, in stack order (t outer, z inner); refused when its channels cannot be used. */
    public static List<Plane> of(ImagePlus image) {
        int channels = image.getNChannels();
        if (channels != 1 && channels != 3) {
            throw new InvalidInputException(image.getTitle() + ": " + channels + " channels; the model takes one"
                    + " picture per position, grey or RGB (one channel, or three as R, G, B): make the channels RGB"
                    + " (Image > Color > Stack to RGB) or keep one (Image > Duplicate...)");
        }
        if (channels == 3 && image.getBitDepth() == 24) {
            throw new InvalidInputException(image.getTitle() + ": three channels of RGB pixels; give one RGB channel"
                    + " or three grey channels");
        }
        int slices = image.getNSlices();
        int frames = image.getNFrames();
        boolean single = slices * frames == 1;
        boolean hyper = image.isHyperStack() || channels > 1 || frames > 1;
        ImageStack stack = image.getStack();
        TimedStack timed = stack instanceof TimedStack t ? t : null;
        double interval = frameIntervalSeconds(image.getCalibration());
        List<Plane> planes = new ArrayList<>(slices * frames);
        for (int t = 1; t <= frames; t++) {
            for (int z = 1; z <= slices; z++) {
                int number = (t - 1) * slices + z;
                int index = image.getStackIndex(1, z, t);
                String label = single ? "" : firstLine(stack.getSliceLabel(index));
                String id = single ? image.getTitle() : image.getTitle() + "#" + position(hyper, number, z, t,
                        slices, frames) + (label.isEmpty() ? "" : " (" + label + ")");
                if (timed != null) {
                    planes.add(new Plane(id, number, z, t, label, timed.seconds(index), timed.frame(index), true));
                } else if (interval > 0 && frames > 1) {
                    planes.add(new Plane(id, number, z, t, label, (t - 1) * interval, t, true));
                } else {
                    planes.add(new Plane(id, number, z, t, label, number - 1, number, false));
                }
            }
        }
        return planes;
    }

    /** One item per plane, read (for a virtual stack: decoded) when it is scored; a single picture as {@link OpenImages#item}. */
    public static List<SourceItem> items(ImagePlus image) {
        List<Plane> planes = of(image);
        if (planes.size() == 1) {
            return List.of(OpenImages.item(image));
        }
        List<SourceItem> items = new ArrayList<>(planes.size());
        for (Plane p : planes) {
            Map<String, String> meta = Map.of("source", "imagej", "slice", Integer.toString(p.number()),
                    "time_s", String.format(Locale.ROOT, "%.3f", p.seconds()));
            items.add(new LazyItem(p.id(), null, meta, () -> scorable(image, p)));
        }
        return items;
    }

    /** The plane's picture, refused when the stack knows it has none to score (a damaged video frame). */
    private static ImagePlus scorable(ImagePlus image, Plane p) {
        ImagePlus picture = picture(image, p);
        String damage = image.getStack() instanceof TimedStack t ? t.damage(image.getStackIndex(1, p.z(), p.t())) : null;
        if (damage != null) {
            throw new InvalidInputException(p.id() + ": not scored: " + damage);
        }
        return picture;
    }

    /**
     * The picture at a plane as an image of its own, the way the model reads an open image: a grey or RGB slice, or
     * the plane's three channels as a composite (R, G, B).
     */
    public static ImagePlus picture(ImagePlus image, Plane plane) {
        ImageStack stack = image.getStack();
        if (image.getNChannels() == 1) {
            // one decode at a time: a virtual stack's reader is not to be entered twice at once
            synchronized (stack) {
                return new ImagePlus(plane.id(), stack.getProcessor(image.getStackIndex(1, plane.z(), plane.t())));
            }
        }
        ImageStack rgb = new ImageStack(image.getWidth(), image.getHeight());
        synchronized (stack) {
            for (int c = 1; c <= 3; c++) {
                rgb.addSlice(stack.getProcessor(image.getStackIndex(c, plane.z(), plane.t())));
            }
        }
        ImagePlus channels = new ImagePlus(plane.id(), rgb);
        channels.setDimensions(3, 1, 1);
        return new CompositeImage(channels, IJ.COMPOSITE);
    }

    private static String position(boolean hyper, int number, int z, int t, int slices, int frames) {
        if (!hyper) {
            return "slice=" + number;
        }
        List<String> parts = new ArrayList<>(2);
        if (slices > 1) {
            parts.add("z=" + z);
        }
        if (frames > 1) {
            parts.add("t=" + t);
        }
        return String.join(",", parts);
    }

    private static String firstLine(String label) {
        if (label == null) {
            return "";
        }
        String line = label.strip().lines().findFirst().orElse("").strip();
        return line.length() > LABEL_CHARS ? line.substring(0, LABEL_CHARS) + "…" : line;
    }

    /** The calibration's frame interval in seconds (0 when unset or in a unit that is no time). */
    static double frameIntervalSeconds(Calibration cal) {
        double interval = cal.frameInterval;
        if (!(interval > 0) || Double.isInfinite(interval)) {
            return 0;
        }
        String unit = cal.getTimeUnit() == null ? "sec" : cal.getTimeUnit().trim().toLowerCase(Locale.ROOT);
        return switch (unit) {
            case "s", "sec", "secs", "second", "seconds" -> interval;
            case "ms", "msec" -> interval / 1000;
            case "min", "minute", "minutes" -> interval * 60;
            case "h", "hr", "hour", "hours" -> interval * 3600;
            case "µs", "us", "usec" -> interval / 1e6;
            default -> 0;
        };
    }
}
