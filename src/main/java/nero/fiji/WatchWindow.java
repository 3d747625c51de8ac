package nero.fiji;

import ij.ImagePlus;
import ij.gui.ImageWindow;
import ij.gui.Overlay;
import ij.gui.TextRoi;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;
import ij.text.TextPanel;
import ij.text.TextWindow;
import java.awt.BorderLayout;
import java.awt.Button;
import java.awt.Color;
import java.awt.EventQueue;
import java.awt.Font;
import java.awt.Label;
import java.awt.Panel;
import java.awt.event.KeyAdapter;
import java.awt.event.KeyEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.lang.reflect.InvocationTargetException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.Timer;
import nero.app.Reports;
import nero.app.live.FrameResult;
import nero.app.live.Watch;
import nero.app.live.WatchListener;
import nero.app.live.WatchStats;
import nero.app.live.WatchSummary;
import nero.core.timeline.OodSegment;
import nero.view.TimelinePicture;

/**
 * The window of a watch in Fiji: the video as it plays (an ImageJ image window, so it zooms and can be copied like
 * any image) with the verdict of the latest scored frame drawn on it ({@link VerdictOverlay}), a strip chart of the
 * score against the threshold ({@link StripChart}), a status line and a Stop button; the OOD segments in a table
 * window that fills as they end, where clicking a row shows that segment's peak frame. It only shows what the
 * watch's listener hears; the display is refreshed {@value #REFRESH_MS} ms apart on the event thread, whatever the
 * frame rate, so it never holds up scoring. Stop, Esc in the window and closing it end the watch.
 */
final class WatchWindow implements WatchListener {
    static final String SEGMENTS_TITLE = "NERO Live: OOD segments";
    private static final int REFRESH_MS = 40;
    private static final int CHART_HEIGHT = 150;
    private static final int PEAK_HEIGHT = 240;

    private final Watch watch;
    private final SegmentsTable segments;
    private final ImagePlus video;
    private final AtomicReference<ImageProcessor> nextPicture = new AtomicReference<>();
    private volatile Reports.ScoreRow latest;
    private volatile String status;
    private volatile boolean segmentsChanged;
    private Reports.ScoreRow drawn;
    private LiveWindow window;
    private StripChart chart;
    private Label statusLabel;
    private Button stopButton;
    private Timer refresh;
    private ImagePlus peakImage;
    private boolean tableListened;

    private WatchWindow(Watch watch, SegmentsTable segments) {
        this.watch = watch;
        this.segments = segments;
        Watch.SourceFacts s = watch.source();
        int width = s.width() > 0 ? s.width() : 640;
        int height = s.height() > 0 ? s.height() : 480;
        video = new ImagePlus("NERO Live: " + shortName(s.source()), new ColorProcessor(width, height));
        status = WatchText.describe(s);
    }

    /** Opens the window (on the event thread) for a watch that is about to run. */
    static WatchWindow open(Watch watch, SegmentsTable segments) {
        WatchWindow w = new WatchWindow(watch, segments);
        segments.onChange(() -> w.segmentsChanged = true);
        try {
            EventQueue.invokeAndWait(w::build);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("the NERO Live window could not open", e.getCause());
        }
        return w;
    }

    private void build() {
        window = new LiveWindow(video);
        int chartWidth = Math.max(560, window.getCanvas().getSize().width);
        chart = new StripChart(watch.source().threshold(), chartWidth, CHART_HEIGHT);
        statusLabel = new Label(status);
        statusLabel.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        stopButton = new Button("Stop");
        stopButton.addActionListener(e -> watch.stop());
        Panel controls = new Panel(new BorderLayout(6, 0));
        controls.add(statusLabel, BorderLayout.CENTER);
        controls.add(stopButton, BorderLayout.EAST);
        Panel below = new Panel(new BorderLayout(0, 4));
        below.add(chart, BorderLayout.CENTER);
        below.add(controls, BorderLayout.SOUTH);
        below.setPreferredSize(new java.awt.Dimension(chartWidth, CHART_HEIGHT + 30));
        window.add(below);
        KeyAdapter escape = new KeyAdapter() {
            @Override
            public void keyPressed(KeyEvent e) {
                if (e.getKeyCode() == KeyEvent.VK_ESCAPE) {
                    watch.stop();
                }
            }
        };
        window.addKeyListener(escape);
        window.getCanvas().addKeyListener(escape);
        chart.addKeyListener(escape);
        stopButton.addKeyListener(escape);
        window.pack();
        refresh = new Timer(REFRESH_MS, e -> refresh());
        refresh.start();
    }

    /** The image window, which ends the watch when it is closed. */
    private final class LiveWindow extends ImageWindow {
        LiveWindow(ImagePlus image) {
            super(image);
        }

        @Override
        public boolean close() {
            watch.stop();
            if (refresh != null) {
                refresh.stop();
            }
            return super.close();
        }
    }

    /** On the event thread: the newest picture, the latest verdict on it, the chart, the status, the table. */
    private void refresh() {
        ImageProcessor picture = nextPicture.getAndSet(null);
        if (picture != null && video.getWindow() != null) {
            if (picture.getWidth() != video.getWidth() || picture.getHeight() != video.getHeight()) {
                picture.setInterpolationMethod(ImageProcessor.BILINEAR);
                picture = picture.resize(video.getWidth(), video.getHeight());
            }
            video.setProcessor(picture);
        }
        Reports.ScoreRow row = latest;
        if (row != null && row != drawn) {
            Overlay overlay = new Overlay();
            VerdictOverlay.addRow(overlay, video, row, null);
            video.setOverlay(overlay);
            drawn = row;
        }
        if (picture != null || row != null) {
            video.updateAndDraw();
        }
        chart.repaint();
        statusLabel.setText(status);
        if (segmentsChanged) {
            segmentsChanged = false;
            showSegments();
        }
    }

    private void showSegments() {
        synchronized (segments.table()) {
            segments.table().show(SEGMENTS_TITLE);
        }
        if (!tableListened && ij.WindowManager.getWindow(SEGMENTS_TITLE) instanceof TextWindow table) {
            // beside the video, where the eye goes from a segment to its peak frame below it
            table.setBounds(window.getX() + window.getWidth() + 8, window.getY(), 560, 200);
            TextPanel panel = table.getTextPanel();
            panel.addMouseListener(new MouseAdapter() {
                @Override
                public void mouseReleased(MouseEvent e) {
                    showPeak(panel.getSelectionStart());
                }
            });
            tableListened = true;
        }
    }

    /**
     * Shows the peak frame of the segment in {@code row} (the picture the model scored, at its display aspect) in an
     * image window, zoomed to about {@value #PEAK_HEIGHT} pixels, with its verdict drawn as on the video.
     */
    private void showPeak(int row) {
        OodSegment s = segments.segment(row);
        TimelinePicture.Thumbnail peak = segments.peak(row);
        if (s == null || peak == null) {
            return;
        }
        ColorProcessor ip = new ColorProcessor(peak.width(), peak.height(), peak.argb().clone());
        int shownWidth = (int) Math.max(1, Math.round(peak.height() * (peak.aspect() > 0 ? peak.aspect()
                : (double) peak.width() / peak.height())));
        if (shownWidth != peak.width()) {
            ip.setInterpolationMethod(ImageProcessor.BILINEAR);
            ip = (ColorProcessor) ip.resize(shownWidth, peak.height(), true);
        }
        String title = String.format(Locale.ROOT, "OOD segment %d: peak at frame %d (t=%.2f s)", s.number(),
                s.peakFrame(), s.peakSeconds());
        if (peakImage == null || peakImage.getWindow() == null) {
            peakImage = new ImagePlus(title, ip);
        } else {
            peakImage.setProcessor(title, ip);
        }
        Overlay overlay = new Overlay();
        VerdictOverlay.addRow(overlay, peakImage, peakRow(s), null);
        peakImage.setOverlay(overlay);
        if (peakImage.getWindow() == null) {
            peakImage.show();
            double zoom = Math.max(1, Math.floor(PEAK_HEIGHT / (double) ip.getHeight()));
            if (peakImage.getWindow() != null && zoom > 1) {
                ij.plugin.Zoom.set(peakImage, zoom);
            }
            if (peakImage.getWindow() != null && ij.WindowManager.getWindow(SEGMENTS_TITLE) instanceof TextWindow t) {
                peakImage.getWindow().setLocation(t.getX(), t.getY() + t.getHeight() + 8);
            }
        } else {
            peakImage.getWindow().toFront();
        }
    }

    /** The verdict of a segment's peak frame, for its overlay: OOD at the peak score against the threshold. */
    private Reports.ScoreRow peakRow(OodSegment s) {
        return new Reports.ScoreRow("peak", "", Double.NaN, s.peakScore(), Double.NaN, Double.NaN, Double.NaN, "",
                watch.source().threshold(), true, java.util.Map.of());
    }

    @Override
    public void pictureArrived(long frame, double seconds, ImagePlus picture) {
        nextPicture.set(picture.getProcessor());
    }

    @Override
    public void frameScored(FrameResult result) {
        latest = result.row();
        chart.add(result.seconds(), result.row().neroScore());
    }

    @Override
    public void segmentEnded(OodSegment segment, TimelinePicture.Thumbnail peakPicture) {
        chart.segment(segment.startSeconds(), segment.endSeconds());
    }

    @Override
    public void progress(WatchStats stats) {
        status = String.format(Locale.ROOT, "t=%.1f s · %d scored · %d dropped · %.1f fps · latency %.0f ms · %d "
                + "segment%s", stats.streamSeconds(), stats.scored(), stats.dropped(), stats.scoredFps(),
                stats.latencyP50Ms(), stats.segments(), stats.segments() == 1 ? "" : "s");
    }

    @Override
    public void finished(WatchSummary summary) {
        WatchStats t = summary.stats();
        status = String.format(Locale.ROOT, "finished: %d scored (%d OOD), %d dropped · %d OOD segment(s)%s",
                t.scored(), t.oodFrames(), t.dropped(), summary.segments().size(),
                summary.end() == nero.io.video.LiveFrameSource.End.STOPPED ? " · stopped" : "");
        EventQueue.invokeLater(() -> {
            refresh();
            refresh.stop();
            stopButton.setLabel("Finished");
            stopButton.setEnabled(false);
            segmentsChanged = false;
            if (segments.table().size() > 0) {
                showSegments();
            }
        });
    }

    private static String shortName(String source) {
        int slash = source.lastIndexOf('/');
        return slash >= 0 && slash < source.length() - 1 && !source.contains("://") ? source.substring(slash + 1)
                : source;
    }
}
