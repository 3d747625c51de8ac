package nero.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import nero.core.DetectorFile;
import nero.core.DetectorState;
import nero.core.Distance;
import nero.core.InvalidInputException;
import nero.core.TrainingScatter;
import nero.core.FeatureSet;
import nero.core.NeroDetector;
import nero.core.NeroParameters;
import nero.core.ProgressListener;
import nero.core.RelevanceRule;
import nero.core.explain.Explanation;
import nero.io.ImageSource;
import nero.io.LazyItem;
import nero.io.SourceItem;
import nero.model.Classifier;
import nero.model.InputBatch;
import nero.model.ModelOutputs;
import nero.model.Preprocessor;
import nero.view.ExplanationWriter;
import nero.view.OodMontage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The façade end to end on the committed sample model and sample images (tiny CNN, D = 256, 64×64 input). */
class ExplainerTest {
    private static final List<String> CLASSES = List.of("cecum", "pylorus", "z-line");
    private static Classifier classifier;
    private static Explainer explainer;
    private static DetectorState state;

    @TempDir
    Path dir;

    static Path sample(String first, String... more) {
        return Path.of(System.getProperty("basedir", ".")).resolve("sample-data").resolve(Path.of(first, more));
    }

    static List<Path> images(String split, String cls, int n) throws IOException {
        try (Stream<Path> s = Files.list(sample("id", split, cls))) {
            return s.sorted().limit(n).toList();
        }
    }

    @BeforeAll
    static void fitOnSampleImages() throws IOException {
        classifier = Classifier.load(sample("model", "nero-sample.pt"));
        Preprocessor pre = new Preprocessor(classifier.info().preprocessing());
        List<float[]> features = new ArrayList<>();
        List<float[]> logits = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int c = 0; c < CLASSES.size(); c++) {
            for (Path p : images("train", CLASSES.get(c), 8)) {
                ModelOutputs out = classifier.run(InputBatch.of(pre.toTensor(IJ.openImage(p.toString())),
                        classifier.info().preprocessing()), false);
                features.add(out.features()[0]);
                logits.add(out.logits()[0]);
                labels.add(c);
                ids.add(p.toString());
            }
        }
        FeatureSet train = new FeatureSet(ids.toArray(String[]::new), features.toArray(float[][]::new), logits.toArray(float[][]::new),
                labels.stream().mapToInt(Integer::intValue).toArray());
        NeroDetector detector = NeroDetector.fit(train, classifier.head(),
                new NeroParameters(40, 8, Distance.L1, RelevanceRule.authors()));
        state = DetectorState.calibrated(detector.state(), Map.of(), CLASSES, classifier.info().preprocessing(),
                classifier.info().sha256(), "nero-sample.pt", detector.scores(train), 0.95,
                TrainingScatter.sample(detector, train, TrainingScatter.DEFAULT_MAX));
        explainer = new Explainer(classifier, state);
    }

    @AfterAll
    static void close() {
        classifier.close();
    }

    @Test
    void explainWritesAllViewsAndTheHeatmapsMatchTheImage() throws IOException {
        Path file = sample("ood", "polyp").toFile().listFiles()[0].toPath();
        ImagePlus image = IJ.openImage(file.toString());
        Reports.Explain r = explainer.explain(image, file.getFileName().toString(), dir);

        assertEquals(12, r.files().size(), r.files().toString());
        for (Path f : r.files()) {
            assertTrue(Files.size(f) > 0, f.toString());
        }
        assertEquals(image.getWidth(), r.overlayImage().getWidth());
        assertNotNull(r.overlayImage().getOverlay());
        String stem = ExplanationWriter.fileStem(file.toString());
        BufferedImage grad = ImageIO.read(dir.resolve(stem + "_gradient_input.png").toFile());
        assertEquals(image.getWidth(), grad.getWidth());
        assertEquals(image.getHeight(), grad.getHeight());
        assertTrue(r.summary().contains(r.row().verdict()), r.summary());
        assertTrue(r.validationPercentile() >= 0 && r.validationPercentile() <= 100);
    }

    @Test
    void spreadRelevanceOfARealModelSumsBackToTheNeuronRelevance() {
        Path file = sample("ood", "polyp").toFile().listFiles()[0].toPath();
        Explanation e = explainer.explanation(IJ.openImage(file.toString()), "x");
        double neuronSum = Arrays.stream(e.profile().neuronRelevance()).sum();
        assertEquals(neuronSum, e.relevanceMap().sum(), 1e-6 * Math.max(1, Math.abs(neuronSum)));
        assertEquals(1.0, neuronSum + e.profile().biasRelevance(), 1e-4, "LRP-0 conserves Σ R = 1");
        double[] pooled = e.featureMap().pooled();
        for (int j = 0; j < pooled.length; j++) {
            assertEquals(e.profile().activation(j), pooled[j], 1e-4 * Math.max(1, Math.abs(pooled[j])),
                    "the feature map's spatial mean is the feature vector (GAP head), neuron " + j);
        }
        assertEquals(e.score().normRatio(), e.profile().activationShare(e.profile().lowestRelevanceNeurons(e.k())),
                1e-6, "the k lowest-relevance neurons' activation share is NERO's norm ratio");
        assertEquals(e.score().distance(), Arrays.stream(e.componentDeviations()).sum(), 1e-6,
                "the PCA-space terms add up to the L1 relevance distance");
    }

    @Test
    void montageShowsTheTopRowsByScore() throws IOException {
        MostOod most = new MostOod(null, null, 6);
        double score = 1;
        for (String folder : List.of("polyp", "dyed")) {
            for (File f : sample("ood", folder).toFile().listFiles()) {
                most.offer(new LazyItem(f.toString(), null, Map.of(), () -> IJ.openImage(f.toString())), score++);
            }
        }
        most.offer(LazyItem.failed("missing.png", null, new InvalidInputException("missing.png: no such file")), 1e9);
        ImagePlus montage = explainer.montage(most.items(), dir);
        BufferedImage img = ImageIO.read(dir.resolve(Explainer.MONTAGE_FILE).toFile());
        assertEquals(img.getWidth(), montage.getWidth(), "the image returned is the one written");
        assertEquals(Explainer.MONTAGE_COLUMNS * Explainer.MONTAGE_TILE, img.getWidth());
        assertEquals(2 * (Explainer.MONTAGE_TILE + OodMontage.captionHeight(Explainer.MONTAGE_TILE)),
                img.getHeight(), "5 readable of the top 6 → 2 rows");
    }

    @Test
    void theMostOodAreKeptByScoreThenIdAndNoMore() {
        MostOod most = new MostOod(null, null, 3);
        for (String id : List.of("e", "d", "c", "b", "a")) {
            most.offer(new LazyItem(id, null, Map.of(), () -> null), id.equals("e") ? 9 : 1);
        }
        assertEquals(List.of("e", "a", "b"), most.items().stream().map(SourceItem::id).toList());
    }

    /** A source of several images is read once: scored while its most OOD are kept, then one montage of those. */
    @Test
    void aFolderIsExplainedInOnePassOverItsSource() throws IOException {
        Path file = dir.resolve("detector.nero");
        DetectorFile.save(file, state);
        List<SourceItem> items = new ArrayList<>();
        for (Path p : images("test", "cecum", 3)) {
            items.add(new LazyItem(dir.resolve("case#12").resolve(p.getFileName()) + "#frame=1", null, Map.of(),
                    () -> IJ.openImage(p.toString())));
        }
        int[] passes = new int[1];
        ImageSource counting = new ImageSource() {
            @Override
            public Iterator<SourceItem> iterator() {
                passes[0]++;
                return items.iterator();
            }
        };
        try (LoadedDetector loaded = LoadedDetector.open(file, sample("model", "nero-sample.pt"))) {
            Reports.Explain r = BatchExplain.montage(loaded, new Explainer(loaded), counting, "three images", 2, dir,
                    ProgressListener.NONE);
            assertEquals(1, passes[0], "the source is read once");
            assertEquals(List.of(dir.resolve(Explainer.MONTAGE_FILE)), r.files());
            assertEquals(Explainer.MONTAGE_TILE + OodMontage.captionHeight(Explainer.MONTAGE_TILE),
                    r.overlayImage().getHeight(), "one row of two tiles");
            assertTrue(r.summary().startsWith("3 image(s) scored"), r.summary());
        }
    }

    /** '#' is a legal character in folder and file names; a video's stills are the file's path plus #frame=… . */
    @Test
    void aFolderWithAVideoAndHashSignsInItsNamesGivesItsMontage() throws IOException {
        Path detector = dir.resolve("detector.nero");
        DetectorFile.save(detector, state);
        Path folder = Files.createDirectories(dir.resolve("case#12"));
        Files.copy(sample("video", "cecum-to-polyp.mp4"), folder.resolve("v#2.mp4"));
        Path image = images("test", "cecum", 1).get(0);
        Files.copy(image, folder.resolve("x#1" + image.getFileName().toString().replaceAll("^[^.]*", "")));
        Path views = dir.resolve("views");
        Reports.Explain r = new NeroWorkflow(ProgressListener.NONE).explain(new Requests.Explain(detector,
                sample("model", "nero-sample.pt"), folder, null, views, 4));
        assertEquals(List.of(views.resolve(Explainer.MONTAGE_FILE)), r.files());
        assertTrue(Files.size(views.resolve(Explainer.MONTAGE_FILE)) > 0);
        assertTrue(r.summary().matches("(?s)3 image\\(s\\) scored.*the 3 most OOD.*"), r.summary());
    }
}
