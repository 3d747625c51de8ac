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
 * The views of one explanation: score parts and top neurons as tables, relevance profile, histogram and relevance
 * space as plots, heatmap overlays of total relevance, deviation and gradient×input (each an image with the heatmap
 * as an overlay and a colour bar with its value range). {@link #views} makes them in memory (for windows),
 * {@link #write} also writes them into a folder, headless: score parts (CSV + text), top neurons and PCA components
 * (CSV), the plots (PNG), the heatmaps (PNG flattened + TIFF with the overlay kept).
 */
public final class ExplanationWriter {
    /** Gradient×input has a few extreme pixels; the colour range ends at this percentile of |value|. */
    static final double GRADIENT_RANGE_PERCENTILE = 99.5;

    private ExplanationWriter() {
    }

    /** Every view, made and written into {@code outDir}. */
    public static ExplanationViews write(ImagePlus image, Explanation e, Path outDir) {
        return write(views(image, e), e, outDir);
    }

    /** Every view of {@code e} drawn on {@code image} (the image as decoded in full), nothing written. */
    public static ExplanationViews views(ImagePlus image, Explanation e) {
        ScoreDecomposition s = e.score();
        NeuronRelevanceProfile p = e.profile();
        String title = e.id() + " — " + s.verdict();
        ImagePlus profile = named(RelevancePlots.profile(p, s.nearestClass(), e.k()).getImagePlus(),
                "relevance profile: " + e.id());
        ImagePlus histogram = named(RelevancePlots.histogram(e.histogram(), s.nearestClass()).getImagePlus(),
                "relevance histogram: " + e.id());
        ImagePlus space = e.space() == null ? null
                : named(RelevancePlots.relevanceSpace(e.space(), e.id()).getImagePlus(), "relevance space: " + e.id());
        ImagePlus relevance = null;
        ImagePlus deviation = null;
        if (e.featureMap() != null) {
            relevance = named(HeatmapOverlay.render(image, e.relevanceMap(), HeatmapLut.SEQUENTIAL, "relevance"),
                    "relevance heatmap: " + e.id());
            deviation = named(HeatmapOverlay.render(image, e.deviationMap(), HeatmapLut.DIVERGING,
                    "deviation from " + s.nearestClass()), title);
        }
        ImagePlus gradient = e.inputGradient() == null ? null
                : named(HeatmapOverlay.render(image, e.inputGradient(), HeatmapLut.DIVERGING, "gradient×input",
                        HeatmapOverlay.DEFAULT_OPACITY, GRADIENT_RANGE_PERCENTILE), "gradient×input: " + e.id());
        ImagePlus display = deviation != null ? deviation : gradient;
        if (display == null) {
            display = new ImagePlus(title + " (no feature map)", image.getProcessor().convertToRGB());
        }
        display.setTitle(display.getTitle().startsWith(title) ? display.getTitle() : title);
        return new ExplanationViews(display, relevance, deviation != null ? gradient : null, profile, histogram,
                space, ScorePartsTable.create(s), TopNeuronsTable.create(p.topDeviations(e.topNeurons())),
                e.componentDeviations() == null ? null : componentTable(e.componentDeviations()), List.of(),
                summary(e));
    }

    /** Writes {@code views} of {@code e} into {@code outDir}; returns them with the files written. */
    public static ExplanationViews write(ExplanationViews views, Explanation e, Path outDir) {
        String base = fileStem(e.id());
        List<Path> files = new ArrayList<>();
        files.add(text(views.summary(), outDir.resolve(base + "_summary.txt")));
        files.add(ViewFiles.csv(scoreTable(e.id(), e.score()), outDir.resolve(base + "_score.csv")));
        files.add(ViewFiles.csv(views.topNeurons(), outDir.resolve(base + "_top_neurons.csv")));
        if (views.components() != null) {
            files.add(ViewFiles.csv(views.components(), outDir.resolve(base + "_pca_components.csv")));
        }
        files.add(ViewFiles.png(views.profile(), outDir.resolve(base + "_relevance_profile.png")));
        files.add(ViewFiles.png(views.histogram(), outDir.resolve(base + "_relevance_histogram.png")));
        if (views.space() != null) {
            files.add(ViewFiles.png(views.space(), outDir.resolve(base + "_relevance_space.png")));
        }
        if (views.relevanceHeatmap() != null) {
            files.add(ViewFiles.png(views.relevanceHeatmap(), outDir.resolve(base + "_relevance_heatmap.png")));
            files.add(ViewFiles.tiff(views.relevanceHeatmap(), outDir.resolve(base + "_relevance_heatmap.tif")));
            files.add(ViewFiles.png(views.overlayImage(), outDir.resolve(base + "_deviation_heatmap.png")));
            files.add(ViewFiles.tiff(views.overlayImage(), outDir.resolve(base + "_deviation_heatmap.tif")));
        }
        ImagePlus gradient = views.relevanceHeatmap() != null ? views.gradientHeatmap()
                : e.inputGradient() != null ? views.overlayImage() : null;
        if (gradient != null) {
            files.add(ViewFiles.png(gradient, outDir.resolve(base + "_gradient_input.png")));
        }
        return views.withFiles(files);
    }

    private static ImagePlus named(ImagePlus image, String title) {
        image.setTitle(title);
        return image;
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
