package nero.core.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import nero.core.InvalidInputException;
import org.junit.jupiter.api.Test;

/** Segments from made-up score sequences at 25 fps (one frame = 0.04 s); 'O' = an OOD frame, '.' = ID, ' ' = none. */
class OodSegmenterTest {
    private static final double PERIOD = 0.04;

    /** Frames 1.. with one character each; scores 1 for ID, and 2 + position/100 for OOD (so later is higher). */
    private static List<OodSegment> segments(String pattern, String minLength, String gap) {
        SegmentRules rules = new SegmentRules(SegmentRules.Length.parse(minLength, "min"),
                SegmentRules.Length.parse(gap, "gap"));
        OodSegmenter s = new OodSegmenter(rules, PERIOD, null);
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c != ' ') {
                s.accept(i + 1, i * PERIOD, c == 'O' ? 2 + i / 100.0 : 1, c == 'O');
            }
        }
        s.finish();
        return s.segments();
    }

    @Test
    void aRunOfConsecutiveOodFramesIsOneSegmentFromItsFirstToItsLastFramePlusOnePeriod() {
        List<OodSegment> s = segments("..OOOOOOOOOO....", "10f", "0f");
        assertEquals(1, s.size());
        OodSegment one = s.get(0);
        assertEquals(3, one.startFrame());
        assertEquals(12, one.endFrame());
        assertEquals(2 * PERIOD, one.startSeconds(), 1e-12);
        assertEquals(12 * PERIOD, one.endSeconds(), 1e-12);
        assertEquals(10 * PERIOD, one.durationSeconds(), 1e-12);
        assertEquals(10, one.oodFrames());
        assertEquals(12, one.peakFrame(), "the highest score: the last frame here");
        assertFalse(one.openAtEnd());
    }

    @Test
    void idFramesWithinTheGapToleranceDoNotSplitASegmentAndLongerOnesDo() {
        // gaps of 2 and 3 ID frames; tolerance 2 frames (0.08 s)
        List<OodSegment> s = segments("OOOO..OOOO...OOOO", "1f", "2f");
        assertEquals(2, s.size(), s.toString());
        assertEquals(1, s.get(0).startFrame());
        assertEquals(10, s.get(0).endFrame());
        assertEquals(8, s.get(0).oodFrames());
        assertEquals(14, s.get(1).startFrame());
    }

    @Test
    void missingFramesCountAsGapTimeLikeIdFrames() {
        // frames 5-6 never scored (dropped): a gap of two frame periods, tolerated at 2f, not at 1f
        assertEquals(1, segments("OOOO  OOOO", "1f", "2f").size());
        assertEquals(2, segments("OOOO  OOOO", "1f", "1f").size());
    }

    @Test
    void runsShorterThanTheMinimumLengthAreBlipsNotSegments() {
        SegmentRules rules = new SegmentRules(SegmentRules.Length.parse("5f", "min"), SegmentRules.Length.parse("0f",
                "gap"));
        OodSegmenter s = new OodSegmenter(rules, PERIOD, null);
        String pattern = "OO...OOOO...OOOOO..";
        for (int i = 0; i < pattern.length(); i++) {
            s.accept(i + 1, i * PERIOD, pattern.charAt(i) == 'O' ? 3 : 0, pattern.charAt(i) == 'O');
        }
        s.finish();
        assertEquals(1, s.segments().size(), "only the run of five frames is long enough");
        assertEquals(13, s.segments().get(0).startFrame());
        assertEquals(2, s.blips());
    }

    @Test
    void aSegmentOpenWhenTheSourceEndsIsKeptAndMarked() {
        List<OodSegment> s = segments("....OOOOOOOOOOOOO", "0.2s", "0.1s");
        assertEquals(1, s.size());
        assertTrue(s.get(0).openAtEnd());
        assertEquals(17, s.get(0).endFrame());
    }

    @Test
    void segmentsAreReportedWhenTheyCloseNotAtTheEnd() {
        SegmentRules rules = new SegmentRules(SegmentRules.Length.parse("2f", "min"), SegmentRules.Length.parse("1f",
                "gap"));
        List<String> heard = new ArrayList<>();
        OodSegmenter s = new OodSegmenter(rules, PERIOD, seg -> heard.add("segment " + seg.number()));
        boolean[] ood = {true, true, true, false, false, false, true};
        for (int i = 0; i < ood.length; i++) {
            s.accept(i + 1, i * PERIOD, ood[i] ? 5 : 0, ood[i]);
            if (i == 4) {
                // frame 5 is two ID frames after the last OOD frame: beyond a 1-frame gap, so segment 1 is closed
                assertEquals(List.of("segment 1"), heard);
            }
        }
        assertTrue(s.isOpen());
        s.finish();
        assertEquals(List.of("segment 1"), heard, "the last run (one frame) is a blip");
    }

    @Test
    void thePeakIsTheHighestScoreOfTheSegment() {
        SegmentRules rules = SegmentRules.defaults();
        OodSegmenter s = new OodSegmenter(rules, PERIOD, null);
        double[] scores = {5, 9, 7, 12, 6, 8, 6, 7, 9, 10, 11};
        List<Boolean> peaks = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            peaks.add(s.accept(100 + i, 4 + i * PERIOD, scores[i], true));
        }
        s.finish();
        OodSegment seg = s.segments().get(0);
        assertEquals(12, seg.peakScore());
        assertEquals(103, seg.peakFrame());
        assertEquals(4 + 3 * PERIOD, seg.peakSeconds(), 1e-12);
        assertEquals(List.of(true, true, false, true, false, false, false, false, false, false, false), peaks,
                "accept says when a frame is the new peak (so its picture can be kept)");
    }

    @Test
    void theDefaultsAt25FpsAreTenFramesAndAFiveFrameGap() {
        SegmentRules d = SegmentRules.defaults();
        assertEquals(10 * PERIOD, d.minLength().seconds(PERIOD), 1e-12);
        assertEquals(5 * PERIOD, d.maxGap().seconds(PERIOD), 1e-12);
        assertEquals(1, segments("OOOOO.....OOOOO", "0.4s", "0.2s").size(), "5 ID frames are tolerated");
        assertEquals(0, segments("OOOOO......OOOOO", "0.4s", "0.2s").size(), "6 are not: two runs of 5, both blips");
    }

    @Test
    void lengthsAreSecondsOrWholeFrames() {
        assertEquals(new SegmentRules.Length(10, true), SegmentRules.Length.parse("10f", "x"));
        assertEquals(new SegmentRules.Length(0.5, false), SegmentRules.Length.parse("0.5s", "x"));
        assertEquals(new SegmentRules.Length(2, false), SegmentRules.Length.parse("2", "x"));
        for (String bad : new String[] {"", "-1s", "1.5f", "abc", "NaNs", "Infinity"}) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> SegmentRules.Length.parse(bad, "--gap"), bad);
            assertTrue(e.getMessage().startsWith("--gap must be"), e.getMessage());
        }
    }

    @Test
    void aWholeSeriesAtOnceGivesTheSameSegmentsAsFrameByFrame() {
        long[] frames = {1, 2, 3, 4, 5, 6, 7, 8};
        double[] seconds = new double[8];
        double[] scores = new double[8];
        boolean[] ood = {false, true, true, true, true, true, true, false};
        for (int i = 0; i < 8; i++) {
            seconds[i] = i;
            scores[i] = ood[i] ? 2 : 0;
        }
        // stills one second apart: the period is the still step
        List<OodSegment> s = OodSegmenter.find(frames, seconds, scores, ood, SegmentRules.defaults(), 1.0);
        assertEquals(1, s.size());
        assertEquals(1.0, s.get(0).startSeconds());
        assertEquals(7.0, s.get(0).endSeconds());
    }
}
