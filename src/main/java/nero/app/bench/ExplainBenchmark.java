package nero.app.bench;

import ij.IJ;
import ij.ImagePlus;
import ij.process.ImageProcessor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import nero.app.Explainer;
import nero.app.Reports;
import java.util.Map;
import nero.core.DetectorState;
import nero.core.Distance;
import nero.core.ThresholdCalibrator;
import nero.core.TrainingScatter;
import nero.core.FeatureSet;
import nero.core.NeroDetector;
import nero.core.NeroParameters;
import nero.core.RelevanceRule;
import nero.core.explain.Explanation;
import nero.model.Classifier;
import nero.model.InputBatch;
import nero.model.ModelOutputs;
import nero.model.Preprocessor;

/**
 * Time to explain one image after the model is loaded, heatmaps and gradient×input included, all views written.
 * Target (issue 7): under 2 s for a ResNet-18-sized model on 2 CPU cores.
 *
 * <pre>
 * /usr/bin/python3 tools/export_for_nero.py --random-init --arch resnet18 --classes cecum,pylorus,z-line \
 *     --out target/bench/resnet18.pt
 * java -cp target/classes:$(cat target/cp.txt) -Dai.djl.pytorch.num_threads=2 -Djava.awt.headless=true \
 *     nero.app.bench.ExplainBenchmark target/bench/resnet18.pt sample-data [repeats] [image side]
 * </pre>
 * The detector is fitted on the sample training images (32 PCA components, k = 175); its quality does not
 * matter here, only the work per explained image.
 */
public final class ExplainBenchmark {
    private ExplainBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path model = Path.of(args.length > 0 ? args[0] : "target/bench/resnet18.pt");
        Path data = Path.of(args.length > 1 ? args[1] : "sample-data");
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        int side = args.length > 3 ? Integer.parseInt(args[3]) : 0; // > 0: enlarge the images to side×side
        Path out = Files.createTempDirectory("nero-explain-bench");

        long t0 = System.nanoTime();
        try (Classifier classifier = Classifier.load(model)) {
            long loaded = System.nanoTime();
            Explainer explainer = fittedExplainer(classifier, data.resolve("id/train"));
            long fitted = System.nanoTime();
            List<Path> images = list(data.resolve("ood/polyp"));
            double[] total = new double[repeats];
            double[] numbers = new double[repeats];
            for (int warm = 0; warm < 2; warm++) {
                explainer.explain(open(images.get(warm % images.size()), side), "warm", out);
            }
            int files = 0;
            for (int r = 0; r < repeats; r++) {
                ImagePlus image = open(images.get(r % images.size()), side);
                long a = System.nanoTime();
                Explanation e = explainer.explanation(image, "n" + r);
                long b = System.nanoTime();
                Reports.Explain report = explainer.explain(image, "r" + r, out);
                long c = System.nanoTime();
                numbers[r] = (b - a) / 1e9;
                total[r] = (c - b) / 1e9;
                files = report.files().size();
                if (e.featureMap() == null || e.inputGradient() == null) {
                    throw new IllegalStateException("the benchmark model must give a feature map and gradients");
                }
            }
            ImagePlus probe = open(images.get(0), side);
            System.out.printf(Locale.ROOT, "model %s (D=%d, %s), image %dx%d, %d cores, torch threads %s%n",
                    model.getFileName(), classifier.info().featureDim(), classifier.info().family(),
                    probe.getWidth(), probe.getHeight(), Runtime.getRuntime().availableProcessors(),
                    System.getProperty("ai.djl.pytorch.num_threads", "default"));
            System.out.printf(Locale.ROOT, "model load %.2f s, detector fit on sample train %.2f s%n",
                    (loaded - t0) / 1e9, (fitted - loaded) / 1e9);
            System.out.printf(Locale.ROOT, "explain one image, numbers only (model+gradient+maps): median %.3f s"
                    + " (min %.3f, max %.3f)%n", median(numbers), min(numbers), max(numbers));
            System.out.printf(Locale.ROOT, "explain one image, all %d views written:            median %.3f s"
                    + " (min %.3f, max %.3f)  target < 2 s%n", files, median(total), min(total), max(total));
        }
    }

    private static Explainer fittedExplainer(Classifier classifier, Path train) throws IOException {
        Preprocessor pre = new Preprocessor(classifier.info().preprocessing());
        List<String> classes = new ArrayList<>();
        List<float[]> features = new ArrayList<>();
        List<float[]> logits = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (Path folder : list(train)) {
            classes.add(folder.getFileName().toString());
            for (Path p : list(folder)) {
                ModelOutputs o = classifier.run(InputBatch.of(pre.toTensor(IJ.openImage(p.toString())),
                        classifier.info().preprocessing()), false);
                features.add(o.features()[0]);
                logits.add(o.logits()[0]);
                labels.add(classes.size() - 1);
                ids.add(p.toString());
            }
        }
        FeatureSet set = new FeatureSet(ids.toArray(String[]::new), features.toArray(float[][]::new),
                logits.toArray(float[][]::new), labels.stream().mapToInt(Integer::intValue).toArray());
        int d = set.dimension();
        NeroDetector detector = NeroDetector.fit(set, classifier.head(),
                new NeroParameters(Math.min(NeroParameters.AUTHORS_K, d), Math.min(32, set.size() - 1), Distance.L1,
                        RelevanceRule.authors()));
        // the detector names the model's classes; the folders only give the ID labels
        DetectorState state = DetectorState.calibrated(detector.state(), Map.of(), classifier.info().classNames(),
                classifier.info().preprocessing(), classifier.info().sha256(), classifier.info().file().toString(),
                detector.scores(set), ThresholdCalibrator.DEFAULT_TPR,
                TrainingScatter.sample(detector, set, TrainingScatter.DEFAULT_MAX));
        return new Explainer(classifier, state);
    }

    private static ImagePlus open(Path file, int side) {
        ImagePlus image = IJ.openImage(file.toString());
        if (side > 0) {
            image.getProcessor().setInterpolationMethod(ImageProcessor.BILINEAR);
            image = new ImagePlus(image.getTitle(), image.getProcessor().resize(side, side));
        }
        return image;
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }
}
