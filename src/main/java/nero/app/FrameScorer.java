package nero.app;

import ij.ImagePlus;
import java.nio.file.Path;
import java.util.List;
import nero.core.FeatureSet;
import nero.core.InvalidInputException;
import nero.core.Preprocessing;
import nero.core.Relevance;
import nero.core.RelevanceRule;
import nero.model.InputBatch;
import nero.model.ModelOutputs;
import nero.model.Preprocessor;

/**
 * A detector and its model scoring one frame at a time, for live video: the same checks, the same preprocessing
 * and the same score rows as {@code score} ({@link LoadedDetector}), one image per inference call (a batch of one,
 * for the shortest latency; libtorch's kernels for one image give features a few 1e-4 apart from those of a batch
 * of eight, docs/live.md). Preparing a frame (RGB → model tensor) and scoring it may run on different threads.
 */
public final class FrameScorer implements AutoCloseable {
    private final LoadedDetector detector;
    private final Preprocessor preprocessor;

    private FrameScorer(LoadedDetector detector) {
        this.detector = detector;
        this.preprocessor = new Preprocessor(detector.classifier().info().preprocessing());
    }

    /** Opens the detector and its model (null: the model the detector was fitted with), checked as for score. */
    public static FrameScorer open(Path detectorFile, Path modelFile) {
        return new FrameScorer(LoadedDetector.open(detectorFile, modelFile));
    }

    /** The model's input: size, mean and std. */
    public Preprocessing preprocessing() {
        return preprocessor.preprocessing();
    }

    /** The detector's threshold (score above it = OOD). */
    public double threshold() {
        return detector.state().threshold();
    }

    /** The model file and its sidecar, which no output may replace. */
    public Path[] modelFiles() {
        return detector.modelFiles();
    }

    /** The model's normalised input for a frame: {@code score}'s own preprocessing of the same picture. Any thread. */
    public float[] tensor(ImagePlus frame) {
        return preprocessor.toTensor(frame);
    }

    /**
     * The pixels a tensor of {@link #tensor} was made from (packed ARGB at the model's input size, the resized frame
     * the model sees), for thumbnails: normalisation undone and rounded, which gives the 8-bit values back exactly.
     */
    public int[] pixels(float[] tensor) {
        Preprocessing p = preprocessing();
        int area = p.width() * p.height();
        int[] argb = new int[area];
        for (int c = 0; c < 3; c++) {
            float mean = p.mean()[c];
            float std = p.std()[c];
            int shift = 16 - 8 * c;
            for (int i = 0; i < area; i++) {
                int v = Math.round((tensor[c * area + i] * std + mean) * 255f);
                argb[i] |= Math.max(0, Math.min(255, v)) << shift;
            }
        }
        for (int i = 0; i < area; i++) {
            argb[i] |= 0xff000000;
        }
        return argb;
    }

    /**
     * NERO's score row for one preprocessed frame; an {@link InvalidInputException} when the model's outputs
     * cannot be scored (not a number, all-zero features, a zero logit), naming the frame.
     */
    public Reports.ScoreRow score(float[] tensor, String id) {
        ModelOutputs out = detector.classifier().run(InputBatch.of(tensor, preprocessing()), false);
        float[] features = out.features()[0];
        float[] logits = out.logits()[0];
        String problem = nonFinite(features, "feature");
        if (problem == null) {
            problem = nonFinite(logits, "logit");
        }
        if (problem == null) {
            problem = Relevance.problem(features, logits, detector.classifier().head(), RelevanceRule.authors());
        }
        if (problem != null) {
            throw new InvalidInputException(id + ": " + problem + "; the frame is not scored");
        }
        FeatureSet one = new FeatureSet(new String[] {id}, new float[][] {features}, new float[][] {logits},
                new int[] {-1});
        synchronized (detector) {
            return detector.rows(one, List.of()).get(0);
        }
    }

    private static String nonFinite(float[] values, String what) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                return "the model's output is not a number: " + what + " " + i + " is " + values[i];
            }
        }
        return null;
    }

    @Override
    public void close() {
        detector.close();
    }
}
