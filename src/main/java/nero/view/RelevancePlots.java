package nero.view;

import ij.gui.Plot;
import java.awt.Color;
import java.util.List;
import nero.core.explain.NeuronRelevanceProfile;
import nero.core.explain.RelevanceHistogram;
import nero.core.explain.RelevanceSpace;

/** Plots of the neuron-level relevance: the profile against the class centroid, and the relevance histogram. */
public final class RelevancePlots {
    public static final int WIDTH = 800;
    public static final int HEIGHT = 450;
    static final Color IMAGE = new Color(200, 30, 30);
    static final Color CLASS = new Color(30, 80, 200);
    /** Extra headroom above the data so the top-right legend hides no point. */
    private static final double LEGEND_ROOM = 0.45;
    static final Color LOWEST = new Color(120, 120, 120);

    private RelevancePlots() {
    }

    /**
     * Neurons on x, ordered by the nearest-class centroid's relevance; the centroid as a line, the image as points,
     * the k lowest-relevance neurons (NERO's I_x) ringed; the bias neuron drawn apart at the right.
     */
    public static Plot profile(NeuronRelevanceProfile p, String className, int k) {
        int d = p.dimension();
        int[] order = p.neuronsByCentroidRelevance();
        int[] rank = new int[d];
        double[] x = new double[d];
        double[] centroid = new double[d];
        double[] image = new double[d];
        for (int i = 0; i < d; i++) {
            rank[order[i]] = i;
            x[i] = i + 1;
            centroid[i] = p.centroidRelevance(order[i]);
            image[i] = p.relevance(order[i]);
        }
        int[] lowest = p.lowestRelevanceNeurons(k);
        double[] lx = new double[lowest.length];
        double[] ly = new double[lowest.length];
        for (int i = 0; i < lowest.length; i++) {
            lx[i] = rank[lowest[i]] + 1;
            ly[i] = p.relevance(lowest[i]);
        }
        double biasX = d + Math.max(2, d / 20.0);

        Plot plot = new Plot("Relevance profile", "neuron (ordered by " + className + " centroid relevance)",
                "relevance");
        plot.setSize(WIDTH, HEIGHT);
        double[] bias = {p.centroidBiasRelevance(), p.biasRelevance()};
        plot.setColor(CLASS);
        plot.setLineWidth(2);
        plot.add("line", x, centroid);
        plot.setLineWidth(1);
        plot.setColor(LOWEST);
        plot.setLineWidth(2);
        plot.add("box", lx, ly);
        plot.setLineWidth(1);
        plot.setColor(IMAGE);
        plot.add("circle", x, image);
        plot.setLineWidth(2);
        plot.setColor(CLASS);
        plot.add("box", new double[] {biasX}, new double[] {bias[0]});
        plot.setColor(IMAGE);
        plot.add("diamond", new double[] {biasX}, new double[] {bias[1]});
        plot.setLineWidth(1);
        plot.setColor(Color.BLACK);
        plot.addLegend(className + " centroid\t" + lowest.length + " lowest-relevance neurons (ρ = "
                + HeatmapOverlay.format(p.activationShare(lowest)) + ")\tthis image\tcentroid bias\timage bias",
                "top-right");
        double[] y = range(centroid, image, bias);
        plot.setLimits(0, biasX + 1, y[0], y[1] + LEGEND_ROOM * (y[1] - y[0]));
        plot.addLabel(biasX / (biasX + 1) - 0.03, 0.97, "bias");
        return plot;
    }

    /** This image's neuron relevance values against the ID class's, as fractions per bin. */
    public static Plot histogram(RelevanceHistogram h, String className) {
        Plot plot = new Plot("Relevance histogram", "relevance", "fraction of neurons");
        plot.setSize(WIDTH, HEIGHT);
        plot.setColor(CLASS, new Color(30, 80, 200, 90));
        plot.add("separated bar", h.binCentres(), h.classFractions());
        plot.setColor(IMAGE);
        plot.setLineWidth(2);
        plot.add("bar", h.binCentres(), h.imageFractions());
        plot.setLineWidth(1);
        plot.setColor(Color.BLACK);
        plot.addLegend(className + " (ID class)\tthis image", "top-right");
        return plot;
    }

    /**
     * The training images' projected relevance (first two components) coloured by class, the class centroids,
     * and the explained image marked.
     */
    public static Plot relevanceSpace(RelevanceSpace space, String imageLabel) {
        return relevanceSpace(space.trainingPoints(), space.trainingLabels(), space.classNames(), space.centroids(),
                space.centroidClasses(), space.image(), imageLabel);
    }

    /** As {@link #relevanceSpace(RelevanceSpace, String)}; {@code centroidClasses[i]} is centroid i's class index. */
    public static Plot relevanceSpace(double[][] points, int[] labels, List<String> classNames, double[][] centroids,
            int[] centroidClasses, double[] image, String imageLabel) {
        Plot plot = new Plot("Relevance space", "PC 1", "PC 2");
        plot.setSize(WIDTH, WIDTH * 3 / 4);
        StringBuilder legend = new StringBuilder();
        for (int c = 0; c < classNames.size(); c++) {
            int n = 0;
            for (int l : labels) {
                n += l == c ? 1 : 0;
            }
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0, o = 0; i < labels.length; i++) {
                if (labels[i] == c) {
                    x[o] = points[i][0];
                    y[o++] = points[i][1];
                }
            }
            plot.setColor(classColour(c));
            plot.add("circle", x, y);
            legend.append(classNames.get(c)).append('\t');
        }
        plot.setLineWidth(3);
        for (int i = 0; i < centroids.length; i++) {
            int c = centroidClasses[i];
            plot.setColor(classColour(c).darker());
            plot.add("x", new double[] {centroids[i][0]}, new double[] {centroids[i][1]});
            legend.append(c < classNames.size() ? classNames.get(c) : "class " + c).append(" centroid\t");
        }
        plot.setColor(Color.RED);
        plot.setLineWidth(4);
        plot.add("diamond", new double[] {image[0]}, new double[] {image[1]});
        plot.setLineWidth(1);
        legend.append(imageLabel).append("\t");
        plot.addLegend(legend.toString(), "top-right");
        double[] xs = new double[points.length + centroids.length + 1];
        double[] ys = new double[xs.length];
        int o = 0;
        for (double[][] set : new double[][][] {points, centroids, {image}}) {
            for (double[] pt : set) {
                xs[o] = pt[0];
                ys[o++] = pt[1];
            }
        }
        double[] xr = range(xs);
        double[] yr = range(ys);
        plot.setLimits(xr[0], xr[1], yr[0], yr[1] + LEGEND_ROOM * (yr[1] - yr[0]));
        return plot;
    }

    /** Min and max over all the arrays, widened by 5% on each side (and never empty). */
    static double[] range(double[]... sets) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] set : sets) {
            for (double v : set) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (lo > hi) {
            return new double[] {-1, 1};
        }
        double pad = hi > lo ? 0.05 * (hi - lo) : Math.max(1e-9, Math.abs(hi) * 0.05 + 1e-9);
        return new double[] {lo - pad, hi + pad};
    }

    /** Distinct colours for up to a dozen classes, then cycling. */
    static Color classColour(int c) {
        Color[] palette = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
            new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127),
            new Color(188, 189, 34), new Color(23, 190, 207), new Color(174, 199, 232), new Color(255, 187, 120),
            new Color(152, 223, 138)};
        return palette[Math.floorMod(c, palette.length)];
    }
}
