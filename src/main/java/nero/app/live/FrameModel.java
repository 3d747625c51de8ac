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

    /** A frame on its way from the reader to the scorer; slots are reused (three at most exist). */
    final class Slot {
        long frame;
        double seconds;
        long arrivalNanos;
        /** The model's normalised input. */
        float[] tensor;
        /** The model's input pixels (packed ARGB, {@code pixelsWidth × pixelsHeight}), for pictures; may be null. */
        int[] pixels;
        int pixelsWidth;
        int pixelsHeight;
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
                ImagePlus image = frame.image("frame " + frame.number());
                slot.pixels = scorer.modelPixels(image);
                slot.pixelsWidth = scorer.preprocessing().width();
                slot.pixelsHeight = scorer.preprocessing().height();
                slot.tensor = scorer.tensor(slot.pixels);
            }

            @Override
            public Reports.ScoreRow score(Slot slot, String id) {
                return scorer.score(slot.tensor, id);
            }
        };
    }
}
