package nero.core.methods;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import nero.core.DetectorFile;
import nero.core.DetectorState;
import nero.core.FeatureSet;
import nero.core.HeadWeights;
import nero.core.NeroParameters;
import nero.core.Preprocessing;
import nero.core.ProgressListener;
import nero.core.SyntheticData;
import nero.core.TrainingScatter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every method in the registry, driven by the registry alone (pytorch-ood's all-detectors smoke test): fitted as
 * the fit job fits them, saved in a detector file, loaded, restored and scored — the same scores as before the
 * file, finite, one per sample. A method added to the registry is tested here without a line of its own.
 */
class EveryMethodRoundTripTest {
    private static final HeadWeights HEAD = SyntheticData.head(3, 24, 1);
    private static final ModelFamily FAMILY = ModelFamily.RESNET18;
    private static final OodMethods.Settings SETTINGS = new OodMethods.Settings(FAMILY,
            new NeroParameters(8, 6, NeroParameters.defaults().distance(), NeroParameters.defaults().rule()));
    private static FeatureSet train;
    private static FeatureSet samples;
    private static DetectorState loaded;

    @TempDir
    static Path dir;

    @BeforeAll
    static void fitSaveAndLoad() {
        train = SyntheticData.features(HEAD, 60, 2);
        samples = FeatureSet.concat(List.of(SyntheticData.features(HEAD, 10, 3), SyntheticData.novel(HEAD, 10, 4)));
        samples.withExtra(FeatureSet.ODIN_LOGITS, samples.logits()); // what the model layer gives ODIN
        OodMethods.Trained trained = OodMethods.fitTrained(train, HEAD, SETTINGS, ProgressListener.NONE);
        DetectorState fitted = DetectorState.calibrated(trained.nero().state(), trained.baselines(),
                List.of("a", "b", "c"), Preprocessing.imagenet(224), "ab".repeat(32), "model.pt",
                trained.nero().scores(train), 0.95, TrainingScatter.sample(trained.nero(), train, 100));
        Path file = dir.resolve("detector.nero");
        DetectorFile.save(file, fitted);
        loaded = DetectorFile.load(file);
    }

    static Stream<String> keys() {
        return OodMethods.keys().stream();
    }

    @ParameterizedTest
    @MethodSource("keys")
    void fitSaveLoadScoreGivesTheSameScores(String key) {
        OodMethod fitted = OodMethods.entry(key).create(SETTINGS);
        fitted.fit(train, HEAD);
        double[] before = fitted.score(samples);

        double[] after = OodMethods.restore(key, loaded, HEAD, FAMILY).score(samples);

        assertEquals(samples.size(), after.length, key);
        assertTrue(Arrays.stream(after).allMatch(Double::isFinite), key + ": " + Arrays.toString(after));
        assertArrayEquals(before, after, key + " scores the same after a detector file round trip");
    }
}
