package nero.io.video;

import ij.ImagePlus;
import ij.VirtualStack;
import ij.io.FileInfo;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;
import java.io.IOException;
import java.lang.ref.Cleaner;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import nero.core.InvalidInputException;
import nero.io.FfmpegLibrary;
import nero.io.FileKind;
import nero.io.TimedStack;

/**
 * A video file as an ImageJ virtual stack: one slice per picture in display order, labelled with its frame number
 * and time, decoded when it is shown or scored, through the same FFmpeg reader and RGB conversion as {@code score}'s
 * video stills (so slice k has the pixels of {@code score}'s still {@code #frame=N}). Opening reads only the
 * container's packet times ({@link FfmpegFrameIndex}) and decodes the first picture for its size.
 *
 * <p>Access: the next slices in order come from the open decoder; a slice further ahead is reached by seeking to the
 * key frame before it where the container has an index (MP4/MOV, Matroska, AVI), a slice behind by opening the
 * video again. Recently decoded pictures (and those decoded on the way to one) are kept in a cache bounded in bytes
 * ({@value #CACHE_BYTES_DEFAULT} by default, {@code -Dnero.video.cacheMB=N}); every slice handed out is a copy.
 * Thread-safe: one decode at a time. A picture the decoder reports damaged, or that it never produces, is shown
 * black and not scored ({@link #damage(int)}).
 */
public final class VideoStack extends VirtualStack implements TimedStack, AutoCloseable {
    static final long CACHE_BYTES_DEFAULT = 256L << 20;
    /** Pictures passed on the way to a wanted one are kept when they are at most this many slices before it. */
    private static final int KEEP_BEHIND = 16;
    private static final Cleaner CLEANER = Cleaner.create();

    private final Path file;
    private final String name;
    private final FfmpegFrameIndex.Index index;
    private final double tolerance;
    private final Decoder decoder;
    private final Map<Integer, Picture> cache;
    private final Map<Integer, String> damage = new HashMap<>();
    private int width;
    private int height;

    /** A decoded picture, packed RGB. */
    private record Picture(int width, int height, int[] rgb) {
    }

    /** The open decoder and where it stands; closed by {@link #close()} or when the stack is garbage. */
    private static final class Decoder implements Runnable {
        VideoFrameStream stream;
        double lastSeconds = Double.NEGATIVE_INFINITY;

        @Override
        public synchronized void run() {
            if (stream != null) {
                try {
                    stream.close();
                } catch (IOException ignored) {
                    // read-only file
                }
                stream = null;
            }
            lastSeconds = Double.NEGATIVE_INFINITY;
        }
    }

    private VideoStack(Path file, FfmpegFrameIndex.Index index) {
        this.file = file;
        this.name = file.toString();
        this.index = index;
        this.tolerance = 0.25 / (index.fps() > 0 ? index.fps() : 50);
        this.decoder = new Decoder();
        CLEANER.register(this, decoder); // the natives go with the stack even if nobody closes it
        this.cache = new LinkedHashMap<>(16, 0.75f, true);
    }

    /**
     * Opens a video file as a stack: its pictures indexed, the first decoded for the size. Needs FFmpeg's natives;
     * a file that is no readable video is refused naming it.
     */
    public static VideoStack open(Path file) {
        FileKind kind = FileKind.of(file); // missing, empty, unreadable: refused now
        if (!kind.isVideo() && kind != FileKind.UNKNOWN) {
            throw new InvalidInputException(file + ": not a video (" + kind.name().toLowerCase(Locale.ROOT)
                    + " file); open it with File > Open");
        }
        if (!FfmpegLibrary.available()) {
            throw new InvalidInputException(file + ": opening a video as a stack needs the FFmpeg natives ("
                    + FfmpegLibrary.problem() + ")");
        }
        FfmpegFrameIndex.Index index = FfmpegFrameIndex.of(file, file.toString());
        if (index.size() == 0) {
            throw new InvalidInputException(file + ": no video picture in the " + index.container() + " file");
        }
        VideoStack stack = new VideoStack(file, index);
        try {
            ImageProcessor first = stack.decode(1);
            stack.width = first.getWidth();
            stack.height = first.getHeight();
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        if (stack.damage.containsKey(1) && stack.cache.isEmpty()) {
            stack.close();
            throw new InvalidInputException(file + ": the first picture cannot be decoded (" + stack.damage.get(1)
                    + ")");
        }
        return stack;
    }

    /** The stack as an image: titled by the file name, frame interval and rate from the video, closed with it. */
    public ImagePlus toImagePlus() {
        ImagePlus image = new ImagePlus(file.getFileName().toString(), this);
        if (index.fps() > 0) {
            image.getCalibration().frameInterval = 1 / index.fps();
            image.getCalibration().fps = index.fps();
            image.getCalibration().setTimeUnit("sec");
        }
        FileInfo info = new FileInfo();
        info.fileName = file.getFileName().toString();
        info.directory = file.toAbsolutePath().getParent() + java.io.File.separator;
        image.setFileInfo(info);
        image.setProperty("Info", String.format(Locale.ROOT, "Video: %s%nContainer: %s%nCodec: %s%nPictures: %d%n"
                + "Frame rate: %.3f/s%nDecoded on demand by NERO (FFmpeg %s)%n", file, index.container(),
                index.codec(), index.size(), index.fps(), FfmpegLibrary.version()));
        ImagePlus.addImageListener(new ClosedWithImage(image, this));
        return image;
    }

    /**
     * Frees the stack's decoder and cache when its image is closed. Weak references: an image nobody closes (a
     * script's) is not kept alive by ImageJ's list of listeners, and the cleaner frees its decoder.
     */
    private static final class ClosedWithImage implements ij.ImageListener {
        private final WeakReference<ImagePlus> image;
        private final WeakReference<VideoStack> stack;

        ClosedWithImage(ImagePlus image, VideoStack stack) {
            this.image = new WeakReference<>(image);
            this.stack = new WeakReference<>(stack);
        }

        @Override
        public void imageOpened(ImagePlus imp) {
        }

        @Override
        public void imageClosed(ImagePlus imp) {
            ImagePlus mine = image.get();
            if (mine == null || imp == mine) {
                ImagePlus.removeImageListener(this);
                VideoStack s = stack.get();
                if (s != null && mine != null) {
                    s.close();
                }
            }
        }

        @Override
        public void imageUpdated(ImagePlus imp) {
        }
    }

    @Override
    public int getSize() {
        return index.size();
    }

    @Override
    public int getWidth() {
        return width;
    }

    @Override
    public int getHeight() {
        return height;
    }

    @Override
    public int getBitDepth() {
        return 24;
    }

    /** "frame 26, 1.040 s": the frame number (as {@code score} numbers video stills) and its time. */
    @Override
    public String getSliceLabel(int n) {
        check(n);
        return String.format(Locale.ROOT, "frame %d, %.3f s", frame(n), seconds(n));
    }

    @Override
    public String getShortSliceLabel(int n) {
        return getSliceLabel(n);
    }

    @Override
    public double seconds(int n) {
        check(n);
        return index.seconds()[n - 1];
    }

    @Override
    public long frame(int n) {
        check(n);
        return index.frames()[n - 1] + 1;
    }

    /** Why slice {@code n} is not scored (known once it was decoded), or null. */
    @Override
    public synchronized String damage(int n) {
        return damage.get(n);
    }

    /** The picture at slice {@code n} (1-based), decoded now unless cached; black where the video has none. */
    @Override
    public synchronized ImageProcessor getProcessor(int n) {
        check(n);
        ImageProcessor ip = decode(n);
        if (width > 0 && (ip.getWidth() != width || ip.getHeight() != height)) {
            ip.setInterpolationMethod(ImageProcessor.BILINEAR);
            ip = ip.resize(width, height); // the picture size changed mid-video: shown at the first size
        }
        return ip;
    }

    @Override
    public Object getPixels(int n) {
        return getProcessor(n).getPixels();
    }

    @Override
    public void setPixels(Object pixels, int n) {
        // pictures of a video file are read-only
    }

    @Override
    public void deleteSlice(int n) {
        throw new UnsupportedOperationException("a video opened as a stack is read-only; duplicate it to edit");
    }

    @Override
    public String getDirectory() {
        return file.toAbsolutePath().getParent() + java.io.File.separator;
    }

    @Override
    public String getFileName(int n) {
        return file.getFileName().toString();
    }

    private void check(int n) {
        if (n < 1 || n > index.size()) {
            throw new IllegalArgumentException("slice " + n + " of " + index.size() + " (" + name + ")");
        }
    }

    private synchronized ImageProcessor decode(int n) {
        Picture cached = cache.get(n);
        if (cached == null && !damage.containsKey(n)) {
            cached = decodeFromVideo(n);
        }
        if (cached == null) {
            return new ColorProcessor(Math.max(1, width), Math.max(1, height));
        }
        return new ColorProcessor(cached.width(), cached.height(), cached.rgb().clone());
    }

    private Picture decodeFromVideo(int n) {
        double target = index.seconds()[n - 1];
        synchronized (decoder) {
            try {
                if (decoder.stream == null || decoder.lastSeconds >= target - tolerance) {
                    decoder.run(); // behind the decoder (or none yet): start again from the beginning
                    decoder.stream = VideoReader.openStream(file, name);
                }
                decoder.stream.skipTo(target, -1);
                while (true) {
                    VideoFrameStream.Frame f = decoder.stream.next();
                    if (f == null) {
                        damage.put(n, "the decoder gave no picture at " + String.format(Locale.ROOT, "%.3f s",
                                target));
                        return null;
                    }
                    decoder.lastSeconds = f.seconds();
                    int at = sliceAt(f.seconds());
                    if (at > 0 && at >= n - KEEP_BEHIND) {
                        keep(at, f);
                    }
                    if (at == n || f.seconds() > target + tolerance) {
                        if (at != n) {
                            damage.put(n, "the decoder gave no picture at " + String.format(Locale.ROOT, "%.3f s",
                                    target));
                        }
                        return cache.get(n);
                    }
                }
            } catch (InvalidInputException e) {
                decoder.run();
                damage.put(n, e.getMessage());
                return null;
            } catch (IOException | RuntimeException e) {
                decoder.run();
                damage.put(n, "cannot decode: " + e.getMessage());
                return null;
            }
        }
    }

    /** Keeps a decoded picture in the cache (or notes its damage), making room in the byte budget. */
    private void keep(int slice, VideoFrameStream.Frame f) {
        if (f.damage() != null) {
            damage.put(slice, "damaged picture: " + f.damage());
        }
        if (cache.containsKey(slice)) {
            return;
        }
        ColorProcessor rgb = (ColorProcessor) f.image(getSliceLabel(slice)).getProcessor();
        Picture picture = new Picture(rgb.getWidth(), rgb.getHeight(), (int[]) rgb.getPixels());
        long budget = Long.getLong("nero.video.cacheMB", CACHE_BYTES_DEFAULT >> 20) << 20;
        int room = (int) Math.max(4, budget / (4L * picture.rgb().length));
        while (cache.size() >= room) {
            cache.remove(cache.keySet().iterator().next()); // the least recently used
        }
        cache.put(slice, picture);
    }

    /** The slice whose time is {@code seconds} (within a quarter frame period), or 0. */
    private int sliceAt(double seconds) {
        double[] t = index.seconds();
        int i = Arrays.binarySearch(t, seconds);
        if (i >= 0) {
            return i + 1;
        }
        int insert = -i - 1;
        int best = -1;
        double distance = Double.POSITIVE_INFINITY;
        for (int j = Math.max(0, insert - 1); j <= Math.min(t.length - 1, insert); j++) {
            double d = Math.abs(t[j] - seconds);
            if (d < distance) {
                distance = d;
                best = j;
            }
        }
        return best >= 0 && distance <= tolerance ? best + 1 : 0;
    }

    /** Pictures currently cached (for tests and the Log). */
    synchronized int cachedPictures() {
        return cache.size();
    }

    /** Frees the decoder and the cache; the stack can still be read (it opens the video again). */
    @Override
    public void close() {
        synchronized (decoder) {
            decoder.run();
        }
        synchronized (this) {
            cache.clear();
        }
    }

}
