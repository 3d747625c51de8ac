package nero.app;

import ij.ImagePlus;
import java.nio.file.Path;
import java.util.List;
import nero.core.FeatureSet;
import nero.core.InvalidInputException;
import nero.core.Preprocessing;
import nero.core.Relevance;
import nero.core.RelevanceRule;
import nero.model.Engine;
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
        Engine.ensureStarted();
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

    /**
     * The frame at the model's input size, packed ARGB (what the model sees, before normalisation): the same
     * resize as {@code score}'s preprocessing. Any thread.
     */
    public int[] modelPixels(ImagePlus frame) {
        Preprocessing p = preprocessing();
        int[] argb = (int[]) frame.getProcessor().convertToRGB().getPixels();
        return Preprocessor.resizeArgb(argb, frame.getWidth(), frame.getHeight(), p.width(), p.height());
    }

    /** The normalised tensor of {@link #modelPixels} (resizing them again is the identity). Any thread. */
    public float[] tensor(int[] modelPixels) {
        Preprocessing p = preprocessing();
        return preprocessor.toTensor(modelPixels, p.width(), p.height());
    }

    /**
     * NERO's score row for one preprocessed frame; an {@link InvalidInputException} when the model's outputs
     * cannot be scored (not a number, all-zero features, a zero logit), naming the frame.
     */
    public Reports.ScoreRow score(float[] tensor, String id) {
        ModelOutputs out = detector.classifier().run(tensor, 1, false);
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
