package nero.app.live;

import nero.core.timeline.OodSegment;
import nero.view.TimelinePicture;

/** Several listeners as one, each told in turn. */
public final class WatchListeners {
    private WatchListeners() {
    }

    /** The listeners given (nulls left out) as one, told in the order given. */
    public static WatchListener all(WatchListener... listeners) {
        WatchListener all = null;
        for (WatchListener l : listeners) {
            if (l != null) {
                all = all == null ? l : both(all, l);
            }
        }
        return all == null ? new WatchListener() {
        } : all;
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
