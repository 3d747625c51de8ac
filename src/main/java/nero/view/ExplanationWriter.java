package nero.view;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import nero.core.AtomicFiles;
import nero.core.explain.Explanation;
import nero.core.explain.NeuronDeviation;
import nero.core.explain.NeuronRelevanceProfile;
import nero.core.explain.ScoreDecomposition;
import nero.core.explain.SpatialMap;

/**
 * Writes every view of one explanation into a folder, headless: score parts (CSV + text), top neurons (CSV),
 * relevance profile and histogram (PNG), relevance space (PNG), heatmap overlays of total relevance, deviation
 * and gradient×input (PNG flattened + TIFF with the overlay kept).
 */
public final class ExplanationWriter {
    /** Gradient×input has a few extreme pixels; the colour range ends at this percentile of |value|. */
    static final double GRADIENT_RANGE_PERCENTILE = 99.5;

    private ExplanationWriter() {
    }

    public static ExplanationViews write(ImagePlus image, Explanation e, Path outDir) {
        String base = fileStem(e.id());
        List<Path> files = new ArrayList<>();
        ScoreDecomposition s = e.score();
        NeuronRelevanceProfile p = e.profile();
        String summary = summary(e);

        files.add(text(summary, outDir.resolve(base + "_summary.txt")));
        files.add(ViewFiles.csv(scoreTable(e.id(), s), outDir.resolve(base + "_score.csv")));
        files.add(ViewFiles.csv(TopNeuronsTable.create(p.topDeviations(e.topNeurons())),
                outDir.resolve(base + "_top_neurons.csv")));
        if (e.componentDeviations() != null) {
            files.add(ViewFiles.csv(componentTable(e.componentDeviations()),
                    outDir.resolve(base + "_pca_components.csv")));
        }
        files.add(ViewFiles.png(RelevancePlots.profile(p, s.nearestClass(), e.k()).getImagePlus(),
                outDir.resolve(base + "_relevance_profile.png")));
        files.add(ViewFiles.png(RelevancePlots.histogram(e.histogram(), s.nearestClass()).getImagePlus(),
                outDir.resolve(base + "_relevance_histogram.png")));
        if (e.space() != null) {
            files.add(ViewFiles.png(RelevancePlots.relevanceSpace(e.space(), e.id()).getImagePlus(),
                    outDir.resolve(base + "_relevance_space.png")));
        }
        ImagePlus display = null;
        if (e.featureMap() != null) {
            ImagePlus total = HeatmapOverlay.render(image, e.relevanceMap(), HeatmapLut.SEQUENTIAL, "relevance");
            files.add(ViewFiles.png(total, outDir.resolve(base + "_relevance_heatmap.png")));
            files.add(ViewFiles.tiff(total, outDir.resolve(base + "_relevance_heatmap.tif")));
            display = HeatmapOverlay.render(image, e.deviationMap(), HeatmapLut.DIVERGING,
                    "deviation from " + s.nearestClass());
            files.add(ViewFiles.png(display, outDir.resolve(base + "_deviation_heatmap.png")));
            files.add(ViewFiles.tiff(display, outDir.resolve(base + "_deviation_heatmap.tif")));
        }
        if (e.inputGradient() != null) {
            ImagePlus grad = HeatmapOverlay.render(image, e.inputGradient(), HeatmapLut.DIVERGING,
                    "gradient×input", HeatmapOverlay.DEFAULT_OPACITY, GRADIENT_RANGE_PERCENTILE);
            files.add(ViewFiles.png(grad, outDir.resolve(base + "_gradient_input.png")));
            if (display == null) {
                display = grad;
            }
        }
        if (display == null) {
            display = new ImagePlus(image.getShortTitle() + " (no feature map)", image.getProcessor().convertToRGB());
        }
        display.setTitle(e.id() + " — " + s.verdict());
        return new ExplanationViews(display, List.copyOf(files), summary);
    }

    /** The deviation overlay used as one montage tile (null when the explanation has no spatial map). */
    public static ImagePlus tile(ImagePlus image, Explanation e) {
        if (e.featureMap() != null) {
            return HeatmapOverlay.render(image, e.deviationMap(), HeatmapLut.DIVERGING, "deviation");
        }
        SpatialMap gradient = e.inputGradient();
        return gradient == null ? null : HeatmapOverlay.render(image, gradient, HeatmapLut.DIVERGING, "gradient×input",
                HeatmapOverlay.DEFAULT_OPACITY, GRADIENT_RANGE_PERCENTILE);
    }

    /** A file-name-safe stem of an image id (folders and extension dropped). */
    public static String fileStem(String id) {
        String name = Path.of(id.isBlank() ? "image" : id).getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            name = name.substring(0, dot);
        }
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() ? "image" : safe;
    }

    static String summary(Explanation e) {
        NeuronRelevanceProfile p = e.profile();
        StringBuilder b = new StringBuilder(e.id()).append('\n').append(e.score().summary()).append('\n');
        int[] lowest = p.lowestRelevanceNeurons(e.k());
        b.append(String.format(Locale.ROOT, "the %d lowest-relevance neurons hold %.1f%% of the activation mass"
                + " (the norm ratio)%n", lowest.length, 100 * p.activationShare(lowest)));
        b.append(String.format(Locale.ROOT, "bias relevance %.4g (class centroid %.4g)%n", p.biasRelevance(),
                p.centroidBiasRelevance()));
        b.append("neurons deviating most from the ").append(e.score().nearestClass()).append(" centroid:");
        for (NeuronDeviation d : p.topDeviations(Math.min(5, e.topNeurons()))) {
            b.append(String.format(Locale.ROOT, " #%d (%.3g vs %.3g)", d.neuron(), d.relevance(),
                    d.centroidRelevance()));
        }
        return b.append('\n').toString();
    }

    /** The PCA-space terms of the relevance distance, largest first. */
    private static ResultsTable componentTable(double[] deviations) {
        Integer[] order = new Integer[deviations.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(deviations[b], deviations[a]));
        double total = Arrays.stream(deviations).sum();
        ResultsTable rt = new ResultsTable();
        rt.setPrecision(-6);
        for (int i : order) {
            rt.incrementCounter();
            rt.addValue("component", i + 1);
            rt.addValue("deviation", deviations[i]);
            rt.addValue("share_of_distance", total == 0 ? 0 : deviations[i] / total);
        }
        if (rt.size() > 0) {
            rt.setDecimalPlaces(rt.getColumnIndex("component"), 0);
        }
        rt.showRowNumbers(false);
        return rt;
    }

    private static ResultsTable scoreTable(String id, ScoreDecomposition s) {
        ResultsTable rt = new ResultsTable();
        rt.setPrecision(-6);
        rt.incrementCounter();
        rt.addValue("image", id);
        rt.addValue("predicted_class", s.predictedClass());
        rt.addValue("confidence", s.confidence());
        rt.addValue("nearest_class", s.nearestClass());
        rt.addValue("distance", s.distance());
        rt.addValue("bias_term", s.biasTerm());
        rt.addValue("norm_ratio", s.normRatio());
        rt.addValue("score", s.score());
        rt.addValue("threshold", s.threshold());
        rt.addValue("verdict", s.verdict());
        rt.addValue("validation_percentile", s.percentile());
        rt.showRowNumbers(false);
        return rt;
    }

    private static Path text(String content, Path file) {
        AtomicFiles.write(file, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
        return file;
    }
}
