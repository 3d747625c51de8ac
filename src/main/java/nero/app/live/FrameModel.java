package nero.app.live;

import ij.ImagePlus;
import nero.app.FrameScorer;
import nero.app.Reports;
import nero.io.video.LiveFrameSource;

/**
 * What the pipeline scores frames with: the detector and its model ({@link FrameScorer}), or a test's fake.
 * {@link #prepare} runs on the reading thread, {@link #score} on the scoring thread.
 */
interface FrameModel {
    double threshold();

    /** Turns a decoded picture into the model's input, into the slot's buffers. */
    void prepare(LiveFrameSource.Frame frame, Slot slot);

    /** The score row of a prepared frame; an InvalidInputException when NERO cannot score it. */
    Reports.ScoreRow score(Slot slot, String id);

    /** The model's input pixels of a prepared frame (packed ARGB, {@link #pictureSize}), or null (no pictures). */
    int[] pixels(Slot slot);

    /** Width and height of {@link #pixels}. */
    int[] pictureSize();

    /** A frame on its way from the reader to the scorer; slots are reused (three at most exist). */
    final class Slot {
        long frame;
        double seconds;
        long arrivalNanos;
        /** The model's normalised input. */
        float[] tensor;
        /** The RGB picture it was made from, or null (a test's frames). */
        ImagePlus picture;
        /** Width ÷ height of the frame as shown. */
        double aspect;
    }

    static FrameModel of(FrameScorer scorer) {
        return new FrameModel() {
            @Override
            public double threshold() {
                return scorer.threshold();
            }

            @Override
            public void prepare(LiveFrameSource.Frame frame, Slot slot) {
                slot.picture = frame.image("frame " + frame.number());
                slot.tensor = scorer.tensor(slot.picture);
            }

            @Override
            public Reports.ScoreRow score(Slot slot, String id) {
                return scorer.score(slot.tensor, id);
            }

            @Override
            public int[] pixels(Slot slot) {
                return scorer.pixels(slot.tensor);
            }

            @Override
            public int[] pictureSize() {
                return new int[] {scorer.preprocessing().width(), scorer.preprocessing().height()};
            }
        };
    }
}
