package nero.app;

import ij.ImagePlus;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import nero.core.InvalidInputException;
import nero.core.NeroParameters;
import nero.core.Precision;
import nero.io.video.FrameSampling;

/** What the commands ask the workflow for. Paths that may be absent are null. */
public final class Requests {
    private Requests() {
    }

    /**
     * Fit a detector on an ImageFolder tree of ID training images; {@code valDir} (optional) calibrates the
     * threshold. {@code k} and {@code components} are NERO's parameters (0 = the authors' 175 and ⌊2D/3⌋);
     * {@code precision} the number format the model runs in (null: the model's own, fp32 or int8 for an int8
     * model), recorded in the detector.
     */
    public record Fit(Path model, Path trainDir, Path valDir, double tpr, Path out, Path vectorsDir, int k,
            int components, Head head, Precision precision) {
        public Fit {
            head = head == null ? Head.MODEL : head;
        }

        public Fit(Path model, Path trainDir, Path valDir, double tpr, Path out, Path vectorsDir, int k,
                int components, Head head) {
            this(model, trainDir, valDir, tpr, out, vectorsDir, k, components, head, null);
        }

        public Fit(Path model, Path trainDir, Path valDir, double tpr, Path out, Path vectorsDir, int k,
                int components) {
            this(model, trainDir, valDir, tpr, out, vectorsDir, k, components, Head.MODEL);
        }

        public Fit(Path model, Path trainDir, Path valDir, double tpr, Path out, Path vectorsDir) {
            this(model, trainDir, valDir, tpr, out, vectorsDir, 0, 0);
        }

        /** The NERO parameters this request asks for: the authors' defaults where it says 0. */
        public NeroParameters neroParameters() {
            NeroParameters d = NeroParameters.defaults();
            if (k < 0 || components < 0) {
                throw new InvalidInputException("k and components must be 0 (the authors' defaults) or positive, got"
                        + " k = " + k + ", components = " + components);
            }
            return new NeroParameters(k > 0 ? k : d.k(), components > 0 ? components : d.components(),
                    d.distance(), d.rule());
        }
    }

    /**
     * Which classification head gives the logits: the model's own final layer ({@code MODEL}, for a network trained
     * on the ID classes), or a linear probe fitted on the ID training features ({@code PROBE}, for a backbone whose
     * classes are not the ID classes: ImageNet, self-supervised, foundation models).
     */
    public enum Head {
        MODEL, PROBE;

        /** The macro/command-line word: "model" or "probe". */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Head parse(String key) {
            for (Head h : values()) {
                if (h.key().equals(key == null ? "" : key.trim().toLowerCase(Locale.ROOT))) {
                    return h;
                }
            }
            throw new InvalidInputException("head must be 'model' (the network's own) or 'probe' (a"
                    + " linear probe fitted on the ID training images), got '" + key + "'");
        }
    }

    /**
     * Score files/folders/DICOM/videos ({@code inputs}) and/or images already open ({@code images}); {@code model}
     * null = the model path recorded in the detector; {@code methods} = registry keys of extra methods beside NERO
     * (NERO itself is always scored).
     */
    public record Score(Path detector, Path model, List<Path> inputs, List<ImagePlus> images, List<String> methods,
            Path csvOut, Path vectorsDir, FrameSampling videoStills, Timeline timeline) {
        public Score(Path detector, Path model, List<Path> inputs, List<ImagePlus> images, List<String> methods,
                Path csvOut, Path vectorsDir, FrameSampling videoStills) {
            this(detector, model, inputs, images, methods, csvOut, vectorsDir, videoStills, null);
        }

        public Score(Path detector, Path model, List<Path> inputs, List<ImagePlus> images, List<String> methods,
                Path csvOut, Path vectorsDir) {
            this(detector, model, inputs, images, methods, csvOut, vectorsDir, FrameSampling.defaults());
        }
    }

    /**
     * A video's timeline beside its score table (one video input): the picture (score over time, threshold, OOD
     * segments, thumbnails) and/or the segments table; null paths are not written; {@code rules} null = defaults.
     */
    public record Timeline(Path picture, Path segmentsCsv, nero.core.timeline.SegmentRules rules) {
        public Timeline {
            rules = rules == null ? nero.core.timeline.SegmentRules.defaults() : rules;
        }

        public boolean wanted() {
            return picture != null || segmentsCsv != null;
        }
    }

    /** ID test folder vs OOD folder; {@code methods} = registry keys (or "all"); NERO is always evaluated, first. */
    public record Evaluate(Path detector, Path model, Path idDir, Path oodDir, List<String> methods, Path outDir) {
    }

    /**
     * Explain one image (a file, or an open image when {@code image} is non-null); views are written to
     * {@code outDir}. When {@code imageFile} is a folder (or a DICOM/video with several stills), everything in it is
     * scored and the {@code topN} most OOD images are shown with their heatmaps in one montage.
     */
    public record Explain(Path detector, Path model, Path imageFile, ImagePlus image, Path outDir, int topN) {
        public static final int DEFAULT_TOP_N = 12;

        public Explain(Path detector, Path model, Path imageFile, ImagePlus image, Path outDir) {
            this(detector, model, imageFile, image, outDir, DEFAULT_TOP_N);
        }
    }
}
