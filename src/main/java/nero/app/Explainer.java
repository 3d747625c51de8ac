package nero.app;

import ij.ImagePlus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nero.core.DetectorState;
import nero.core.InvalidInputException;
import nero.core.NeroDetector;
import nero.core.NeroScore;
import nero.core.Preprocessing;
import nero.core.explain.Explanation;
import nero.core.explain.FeatureMap;
import nero.core.explain.InputAttribution;
import nero.core.explain.NeuronRelevanceProfile;
import nero.core.explain.RelevanceSpace;
import nero.core.explain.ScoreDecomposition;
import nero.core.explain.SpatialMap;
import nero.io.DecodeMode;
import nero.io.SourceItem;
import nero.view.ExplanationViews;
import nero.view.ExplanationWriter;
import nero.view.OodMontage;
import nero.view.ViewFiles;
import nero.model.Classifier;
import nero.model.InputBatch;
import nero.model.InputGradients;
import nero.model.ModelOutputs;
import nero.model.Preprocessor;

/**
 * Explains NERO verdicts: runs one image through the classifier (with its feature map and, when the model allows,
 * gradient×input), scores it, and writes the views of {@code nero.view}. Also the montage of a source's most
 * out-of-distribution images ({@link BatchExplain}).
 */
public final class Explainer {
    public static final int MONTAGE_COLUMNS = 4;
    public static final int MONTAGE_TILE = 256;
    public static final String MONTAGE_FILE = "most_ood_montage.png";

    private final Classifier classifier;
    private final NeroDetector detector;
    private final Preprocessor preprocessor;
    private final List<String> classNames;
    private final double threshold;
    private final double[] sortedValidationScores;
    private final double[][] trainingPoints;
    private final int[] trainingLabels;
    private final DecodeMode decode;
    private boolean saidNoGradients;

    /** Explains with a detector file opened with its model (which {@link LoadedDetector#open} checked). */
    Explainer(LoadedDetector loaded) {
        this(loaded.classifier(), loaded.nero(), loaded.state());
    }

    /**
     * Explains with a fitted detector's state and the classifier it was fitted with (the caller vouches for the
     * model; a detector file is opened through the workflow, which checks it).
     */
    public Explainer(Classifier classifier, DetectorState state) {
        this(LoadedDetector.withDetectorHead(classifier, state), state.detector(state.head(classifier.head())),
                state);
    }

    private Explainer(Classifier classifier, NeroDetector detector, DetectorState state) {
        this(classifier, detector, state.classNames(), state.threshold(), state.sortedIdValidationScores(),
                toDouble(state.scatter().points()), state.scatter().labels(), state.decode());
    }

    /**
     * @param sortedValidationScores ID validation scores, ascending (for the percentile)
     * @param trainingPoints         a sample of training projected relevance (≥ 2 components per row), or null
     * @param trainingLabels         its class indices, or null
     */
    private Explainer(Classifier classifier, NeroDetector detector, List<String> classNames, double threshold,
            double[] sortedValidationScores, double[][] trainingPoints, int[] trainingLabels, String decodeMode) {
        this.classifier = classifier;
        this.detector = detector;
        this.preprocessor = new Preprocessor(classifier.info().preprocessing());
        this.classNames = List.copyOf(classNames);
        this.threshold = threshold;
        this.sortedValidationScores = sortedValidationScores.clone();
        this.trainingPoints = trainingPoints == null ? null : RelevanceSpace.firstTwo(trainingPoints);
        this.trainingLabels = trainingLabels == null ? null : trainingLabels.clone();
        this.decode = DecodeMode.recorded(decodeMode);
        if (detector.dimension() != classifier.info().featureDim()) {
            throw new InvalidInputException("the detector was fitted on " + detector.dimension()
                    + " features but the model " + classifier.info().file() + " gives "
                    + classifier.info().featureDim());
        }
    }

    /** The numbers behind the views of one image as the model sees it (no files written). */
    public Explanation explanation(ImagePlus image, String id) {
        return explanation(image, id, true);
    }

    private Explanation explanation(ImagePlus modelInput, String id, boolean withGradient) {
        Preprocessing pre = classifier.info().preprocessing();
        float[] tensor = preprocessor.toTensor(modelInput);
        boolean withMap = classifier.info().hasFeatureMap();
        ModelOutputs out = classifier.run(InputBatch.of(tensor, pre), withMap);
        NeroScore s = detector.score(out.features()[0], out.logits()[0]);
        int row = centroidRow(s.nearestClass());

        double[] activations = new double[out.features()[0].length];
        for (int j = 0; j < activations.length; j++) {
            activations[j] = out.features()[0][j];
        }
        NeuronRelevanceProfile profile = new NeuronRelevanceProfile(s.relevance(),
                detector.relevanceCentroids()[row], activations);
        ScoreDecomposition parts = ScoreDecomposition.of(className(s.predictedClass()), s.confidence(),
                className(s.nearestClass()), s.distance(), s.biasTerm(), s.normRatio(), s.score(), threshold,
                sortedValidationScores);
        FeatureMap map = withMap && out.featureMap() != null
                ? FeatureMap.ofBatch(out.featureMap(), 0, activations.length, out.mapHeight(), out.mapWidth())
                : null;
        SpatialMap gradient = withGradient ? gradientTimesInput(tensor, s.predictedClass(), pre) : null;
        double[] projected = detector.project(s.relevance());
        return new Explanation(id, parts, profile, detector.parameters().k(), Explanation.DEFAULT_TOP_NEURONS, map,
                gradient, space(projected),
                Explanation.componentDeviations(projected, detector.projectedCentroids()[row]));
    }

    /** Explains an image open in ImageJ, as it is; every view is also written into {@code outDir} unless it is null. */
    public Reports.Explain explain(ImagePlus image, String id, Path outDir) {
        return explain(SourceItem.Pixels.of(image), id, outDir);
    }

    /** Explains one item of a source (a file's model input as its score had it); writes the views as above. */
    Reports.Explain explain(SourceItem item, Path outDir) {
        return explain(pixels(item), item.id(), outDir);
    }

    private Reports.Explain explain(SourceItem.Pixels pixels, String id, Path outDir) {
        Explanation e = explanation(pixels.forModel(), id, true);
        ExplanationViews views = ExplanationWriter.views(pixels.full(), e);
        if (outDir != null) {
            views = ExplanationWriter.write(views, e, outDir);
        }
        return new Reports.Explain(row(e), e.score().percentile(), views.overlayImage(), views.files(),
                views.summary(), views);
    }

    /**
     * Montage of the given items in order (the most OOD first), each tile the image with its deviation heatmap and
     * a caption; items that cannot be read are left out. Written to {@value #MONTAGE_FILE} in {@code outDir} (when
     * not null); returns the montage image.
     */
    ImagePlus montage(List<SourceItem> items, Path outDir) {
        List<ImagePlus> tiles = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        for (SourceItem item : items) {
            SourceItem.Pixels pixels;
            try {
                pixels = pixels(item);
            } catch (InvalidInputException ex) {
                continue;
            }
            // the tile shows the deviation map; gradient×input is only needed without a feature map
            Explanation e = explanation(pixels.forModel(), item.id(), !classifier.info().hasFeatureMap());
            ImagePlus tile = ExplanationWriter.tile(pixels.full(), e);
            tiles.add(tile != null ? tile : pixels.full());
            captions.add(String.format(Locale.ROOT, "%s  %.3g  %s", ExplanationWriter.fileStem(item.id()),
                    e.score().score(), e.score().verdict()));
        }
        if (tiles.isEmpty()) {
            throw new InvalidInputException("no image of the " + items.size() + " most OOD rows could be read");
        }
        ImagePlus montage = OodMontage.create(tiles, captions, MONTAGE_COLUMNS, MONTAGE_TILE);
        if (outDir != null) {
            ViewFiles.png(montage, outDir.resolve(MONTAGE_FILE));
        }
        return montage;
    }

    private SourceItem.Pixels pixels(SourceItem item) {
        Preprocessing pre = classifier.info().preprocessing();
        return item.readPixels(pre.width(), pre.height(), decode);
    }

    private Reports.ScoreRow row(Explanation e) {
        ScoreDecomposition s = e.score();
        return new Reports.ScoreRow(e.id(), s.predictedClass(), s.confidence(), s.score(), s.distance(),
                s.biasTerm(), s.normRatio(), s.nearestClass(), s.threshold(), s.ood(), Map.of());
    }

    /** Null when the engine cannot give input gradients for this model: the other views do not need them. */
    private SpatialMap gradientTimesInput(float[] tensor, int targetClass, Preprocessing pre) {
        InputGradients gradients = classifier.inputGradients().orElse(null);
        if (gradients == null) {
            if (!saidNoGradients) {
                saidNoGradients = true;
                System.err.println("nero: no gradient × input heatmap: model " + classifier.info().file().getFileName()
                        + " gives no input gradients (" + classifier.noInputGradientsReason() + ")");
            }
            return null;
        }
        try {
            return InputAttribution.sumChannels(gradients.gradientTimesInput(tensor, targetClass), 3, pre.height(),
                    pre.width());
        } catch (InvalidInputException e) {
            throw e;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private RelevanceSpace space(double[] image) {
        if (trainingPoints == null || trainingLabels == null || detector.components() < 2) {
            return null;
        }
        return new RelevanceSpace(trainingPoints, trainingLabels, classNames,
                RelevanceSpace.firstTwo(detector.projectedCentroids()), detector.centroidClasses(),
                new double[] {image[0], image[1]});
    }

    private int centroidRow(int classIndex) {
        int[] classes = detector.centroidClasses();
        for (int r = 0; r < classes.length; r++) {
            if (classes[r] == classIndex) {
                return r;
            }
        }
        throw new IllegalStateException("no centroid for class " + classIndex);
    }

    private String className(int index) {
        return index >= 0 && index < classNames.size() ? classNames.get(index) : "class " + index;
    }

    private static double[][] toDouble(float[][] rows) {
        if (rows == null || rows.length == 0) {
            return null;
        }
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = new double[rows[i].length];
            for (int j = 0; j < rows[i].length; j++) {
                out[i][j] = rows[i][j];
            }
        }
        return out;
    }
}
