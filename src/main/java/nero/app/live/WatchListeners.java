package nero.app.live;

import nero.core.timeline.OodSegment;
import nero.view.TimelinePicture;

/** Two listeners as one, the first told first. */
final class WatchListeners {
    private WatchListeners() {
    }

    static WatchListener both(WatchListener first, WatchListener second) {
        if (second == null) {
            return first;
        }
        return new WatchListener() {
            @Override
            public void started(Watch.SourceFacts source) {
                first.started(source);
                second.started(source);
            }

            @Override
            public void pictureArrived(long frame, double seconds, ij.ImagePlus picture) {
                first.pictureArrived(frame, seconds, picture);
                second.pictureArrived(frame, seconds, picture);
            }

            @Override
            public void frameScored(FrameResult result) {
                first.frameScored(result);
                second.frameScored(result);
            }

            @Override
            public void frameSkipped(long frame, double seconds, String reason) {
                first.frameSkipped(frame, seconds, reason);
                second.frameSkipped(frame, seconds, reason);
            }

            @Override
            public void segmentEnded(OodSegment segment, TimelinePicture.Thumbnail peakPicture) {
                first.segmentEnded(segment, peakPicture);
                second.segmentEnded(segment, peakPicture);
            }

            @Override
            public void progress(WatchStats stats) {
                first.progress(stats);
                second.progress(stats);
            }

            @Override
            public void finished(WatchSummary summary) {
                first.finished(summary);
                second.finished(summary);
            }
        };
    }
}
