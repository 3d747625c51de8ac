package nero.app.live;

import java.nio.file.Path;
import nero.io.table.CsvTables;
import nero.view.TimelinePicture;

/**
 * The files of a watch: the frame table is streamed into a temporary file as frames are scored and becomes the
 * target at the end, after the segments table and the picture are written (each atomically). A watch that fails
 * leaves the previous files as they were.
 */
final class WatchFiles implements WatchListener, AutoCloseable {
    private final Path timelineCsv;
    private final Path segmentsCsv;
    private final Path timelinePng;
    private CsvTables.RowWriter frames;

    WatchFiles(Path timelineCsv, Path segmentsCsv, Path timelinePng) {
        this.timelineCsv = timelineCsv;
        this.segmentsCsv = segmentsCsv;
        this.timelinePng = timelinePng;
    }

    @Override
    public void started(Watch.SourceFacts source) {
        if (timelineCsv != null) {
            frames = CsvTables.open(timelineCsv, TimelineTables.FRAME_COLUMNS);
        }
    }

    @Override
    public void frameScored(FrameResult result) {
        if (frames != null) {
            frames.row(TimelineTables.frameRow(result));
        }
    }

    @Override
    public void finished(WatchSummary summary) {
        if (segmentsCsv != null) {
            TimelineTables.writeSegments(segmentsCsv, summary.segments());
        }
        if (timelinePng != null) {
            TimelinePicture.writePng(summary.timeline(), timelinePng);
        }
        if (frames != null) {
            frames.commit();
            frames = null;
        }
    }

    @Override
    public void close() {
        if (frames != null) {
            frames.close(); // not committed: the watch failed; the temporary file goes
        }
    }
}
