package nero.view;

import ij.ImagePlus;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import nero.core.timeline.OodSegment;

/**
 * A video's score over time in one picture: the score of every scored frame, the threshold line, the OOD segments
 * shaded, and a strip of thumbnails under the time axis. The same picture for a video scored still by still
 * ({@code score --timeline}) and for a stream watched live ({@code watch --timeline}).
 */
public final class TimelinePicture {
    private static final int WIDTH = 1200;
    private static final int LEFT = 78;
    private static final int RIGHT = 24;
    private static final int TOP = 52;
    private static final int PLOT_HEIGHT = 280;
    private static final int AXIS_HEIGHT = 44;
    private static final int STRIP_HEIGHT = 84;
    private static final int BOTTOM = 12;
    private static final Color SCORE = new Color(30, 90, 200);
    private static final Color THRESHOLD = new Color(200, 30, 30);
    private static final Color SEGMENT = new Color(255, 200, 200);
    private static final Color GRID = new Color(232, 232, 232);

    private TimelinePicture() {
    }

    /** A small picture of one frame at {@code seconds}, packed ARGB, shown at {@code aspect} (width ÷ height). */
    public record Thumbnail(double seconds, int[] argb, int width, int height, double aspect) {
    }

    /**
     * What the picture shows: per scored frame its time and score (in time order), the detector's threshold, the
     * segments, thumbnails (any number; those that would overlap are left out), and the time span of the source
     * ({@code endSeconds}: where the axis ends, at least the last frame's time).
     */
    public record Data(String title, double[] seconds, double[] scores, double threshold, List<OodSegment> segments,
            List<Thumbnail> thumbnails, double endSeconds) {
    }

    public static ImagePlus draw(Data d) {
        int height = TOP + PLOT_HEIGHT + AXIS_HEIGHT + STRIP_HEIGHT + BOTTOM;
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, height);
            new Layout(d).paint(g);
        } finally {
            g.dispose();
        }
        return new ImagePlus("Timeline", image);
    }

    /** Draws and writes the picture as PNG (atomically). */
    public static Path writePng(Data d, Path file) {
        return ViewFiles.png(draw(d), file);
    }

    /** Scales from seconds and scores to pixels. */
    private static final class Layout {
        final Data d;
        final double t0;
        final double t1;
        final double yMin;
        final double yMax;
        final int plotRight = WIDTH - RIGHT;
        final int plotBottom = TOP + PLOT_HEIGHT;

        final boolean log;

        Layout(Data d) {
            this.d = d;
            double last = d.seconds().length == 0 ? 0 : d.seconds()[d.seconds().length - 1];
            t0 = 0;
            t1 = Math.max(Math.max(last, d.endSeconds()), 1e-3);
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.isFinite(d.threshold()) ? d.threshold() : 0;
            for (double s : d.scores()) {
                if (Double.isFinite(s)) {
                    lo = Math.min(lo, s);
                    hi = Math.max(hi, s);
                }
            }
            // NERO scores of OOD frames can be hundreds of times the threshold: then a log axis keeps the threshold
            // and the ID frames readable
            log = d.threshold() > 0 && lo > 0 && Double.isFinite(lo) && hi / d.threshold() > 30;
            if (log) {
                yMin = Math.log10(Math.min(lo, d.threshold())) - 0.05;
                yMax = Math.log10(hi) + 0.08;
                return;
            }
            lo = Double.isFinite(lo) ? Math.min(0, lo) : 0;
            if (!(hi > lo)) {
                hi = lo + 1;
            }
            yMin = lo;
            yMax = hi + (hi - lo) * 0.08;
        }

        double x(double seconds) {
            return LEFT + (seconds - t0) / (t1 - t0) * (plotRight - LEFT);
        }

        double y(double score) {
            double v = log ? Math.log10(Math.max(score, Math.pow(10, yMin))) : score;
            return plotBottom - (v - yMin) / (yMax - yMin) * PLOT_HEIGHT;
        }

        /** Tick values in score units: round numbers, or powers of ten (with 2× and 5× where few) on a log axis. */
        double[] yTicks() {
            if (!log) {
                return ticks(yMin, yMax, 6);
            }
            java.util.List<Double> out = new java.util.ArrayList<>();
            int decades = (int) Math.ceil(yMax) - (int) Math.floor(yMin);
            double[] steps = decades <= 3 ? new double[] {1, 2, 5} : new double[] {1};
            for (int e = (int) Math.floor(yMin); e <= (int) Math.ceil(yMax); e++) {
                for (double m : steps) {
                    double v = m * Math.pow(10, e);
                    double lv = Math.log10(v);
                    if (lv >= yMin && lv <= yMax) {
                        out.add(v);
                    }
                }
            }
            return out.stream().mapToDouble(Double::doubleValue).toArray();
        }

        void paint(Graphics2D g) {
            Font small = new Font("SansSerif", Font.PLAIN, 12);
            Font title = new Font("SansSerif", Font.BOLD, 15);
            g.setFont(small);
            drawGrid(g);
            for (OodSegment s : d.segments()) {
                int a = (int) Math.floor(x(s.startSeconds()));
                int b = (int) Math.ceil(x(Math.min(s.endSeconds(), t1)));
                g.setColor(SEGMENT);
                g.fillRect(a, TOP, Math.max(1, b - a), PLOT_HEIGHT);
            }
            drawScores(g);
            if (Double.isFinite(d.threshold())) {
                g.setColor(THRESHOLD);
                g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4},
                        0));
                int yt = (int) Math.round(y(d.threshold()));
                g.drawLine(LEFT, yt, plotRight, yt);
                g.setStroke(new BasicStroke(1));
            }
            g.setColor(Color.DARK_GRAY);
            g.drawRect(LEFT, TOP, plotRight - LEFT, PLOT_HEIGHT);
            drawAxes(g);
            drawThumbnails(g);
            g.setFont(title);
            g.setColor(Color.BLACK);
            g.drawString(fit(g, d.title(), plotRight - LEFT), LEFT, 22);
            g.setFont(small);
            drawLegend(g);
            if (d.scores().length == 0) {
                g.setColor(Color.GRAY);
                g.drawString("no frame was scored", LEFT + 12, TOP + 24);
            }
        }

        private void drawGrid(Graphics2D g) {
            g.setColor(GRID);
            for (double v : yTicks()) {
                int yy = (int) Math.round(y(v));
                g.drawLine(LEFT, yy, plotRight, yy);
            }
            for (double t : ticks(t0, t1, 10)) {
                int xx = (int) Math.round(x(t));
                g.drawLine(xx, TOP, xx, plotBottom);
            }
        }

        /** The score line; a stretch without scored frames (longer than 3 typical steps) is left as a gap. */
        private void drawScores(Graphics2D g) {
            double[] t = d.seconds();
            double[] s = d.scores();
            if (t.length == 0) {
                return;
            }
            double step = typicalStep(t);
            Path2D.Double line = new Path2D.Double();
            boolean pen = false;
            for (int i = 0; i < t.length; i++) {
                if (!Double.isFinite(s[i])) {
                    pen = false;
                    continue;
                }
                boolean gap = i > 0 && t[i] - t[i - 1] > 3 * step;
                if (!pen || gap) {
                    line.moveTo(x(t[i]), y(s[i]));
                } else {
                    line.lineTo(x(t[i]), y(s[i]));
                }
                pen = true;
            }
            g.setColor(SCORE);
            g.setStroke(new BasicStroke(t.length > 2000 ? 1f : 1.6f));
            g.draw(line);
            if (t.length <= 300) { // few points (stills): mark each
                for (int i = 0; i < t.length; i++) {
                    if (Double.isFinite(s[i])) {
                        g.setColor(s[i] > d.threshold() ? THRESHOLD : SCORE);
                        g.fillOval((int) Math.round(x(t[i])) - 2, (int) Math.round(y(s[i])) - 2, 5, 5);
                    }
                }
            }
            g.setStroke(new BasicStroke(1));
        }

        private void drawAxes(Graphics2D g) {
            g.setColor(Color.BLACK);
            FontMetrics fm = g.getFontMetrics();
            for (double v : yTicks()) {
                int yy = (int) Math.round(y(v));
                String label = number(v);
                g.drawLine(LEFT - 4, yy, LEFT, yy);
                g.drawString(label, LEFT - 7 - fm.stringWidth(label), yy + fm.getAscent() / 2 - 1);
            }
            for (double t : ticks(t0, t1, 10)) {
                int xx = (int) Math.round(x(t));
                String label = time(t, t1);
                g.drawLine(xx, plotBottom, xx, plotBottom + 4);
                g.drawString(label, xx - fm.stringWidth(label) / 2, plotBottom + 6 + fm.getAscent());
            }
            String xLabel = t1 >= 120 ? "time (min:s)" : "time (s)";
            g.drawString(xLabel, (LEFT + plotRight - fm.stringWidth(xLabel)) / 2, plotBottom + 22 + fm.getAscent());
            Graphics2D rotated = (Graphics2D) g.create();
            rotated.rotate(-Math.PI / 2);
            String yLabel = log ? "NERO score (log scale; higher = more OOD)" : "NERO score (higher = more OOD)";
            rotated.drawString(yLabel, -(TOP + PLOT_HEIGHT / 2 + fm.stringWidth(yLabel) / 2), 16);
            rotated.dispose();
        }

        private void drawThumbnails(Graphics2D g) {
            int stripTop = plotBottom + AXIS_HEIGHT;
            int h = STRIP_HEIGHT - 8;
            int lastRight = Integer.MIN_VALUE;
            for (Thumbnail th : d.thumbnails()) {
                int w = (int) Math.max(8, Math.round(h * (th.aspect() > 0 ? th.aspect() : (double) th.width()
                        / th.height())));
                int cx = (int) Math.round(x(th.seconds()));
                int left = Math.max(LEFT, Math.min(plotRight - w, cx - w / 2));
                if (left < lastRight + 2) {
                    continue;
                }
                BufferedImage pic = new BufferedImage(th.width(), th.height(), BufferedImage.TYPE_INT_RGB);
                pic.setRGB(0, 0, th.width(), th.height(), th.argb(), 0, th.width());
                g.drawImage(pic, left, stripTop + 8, w, h, null);
                g.setColor(Color.GRAY);
                g.drawLine(cx, stripTop, cx, stripTop + 8);
                lastRight = left + w;
            }
        }

        private void drawLegend(Graphics2D g) {
            FontMetrics fm = g.getFontMetrics();
            String scores = "score";
            String threshold = String.format(Locale.ROOT, "threshold %s", number(d.threshold()));
            String segments = d.segments().size() + " OOD segment" + (d.segments().size() == 1 ? "" : "s");
            int y = 40;
            int x = plotRight - (fm.stringWidth(scores) + fm.stringWidth(threshold) + fm.stringWidth(segments) + 3 * 34
                    + 24);
            g.setColor(SCORE);
            g.setStroke(new BasicStroke(2));
            g.drawLine(x, y - 4, x + 24, y - 4);
            g.setColor(Color.BLACK);
            g.drawString(scores, x + 28, y);
            x += 28 + fm.stringWidth(scores) + 12;
            g.setColor(THRESHOLD);
            g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
            g.drawLine(x, y - 4, x + 24, y - 4);
            g.setStroke(new BasicStroke(1));
            g.setColor(Color.BLACK);
            g.drawString(threshold, x + 28, y);
            x += 28 + fm.stringWidth(threshold) + 12;
            g.setColor(SEGMENT);
            g.fillRect(x, y - 10, 24, 10);
            g.setColor(Color.BLACK);
            g.drawString(segments, x + 28, y);
        }

        private static String fit(Graphics2D g, String text, int width) {
            FontMetrics fm = g.getFontMetrics();
            if (fm.stringWidth(text) <= width) {
                return text;
            }
            String t = text;
            while (t.length() > 4 && fm.stringWidth("…" + t) > width) {
                t = t.substring(1);
            }
            return "…" + t;
        }
    }

    /** The median distance between neighbouring times (a frame period or a still step). */
    public static double typicalStep(double[] t) {
        if (t.length < 2) {
            return 1;
        }
        double[] steps = new double[t.length - 1];
        for (int i = 1; i < t.length; i++) {
            steps[i - 1] = t[i] - t[i - 1];
        }
        java.util.Arrays.sort(steps);
        double median = steps[steps.length / 2];
        return median > 0 ? median : 1;
    }

    /** Round tick values covering lo..hi, about {@code count} of them. */
    static double[] ticks(double lo, double hi, int count) {
        double span = hi - lo;
        if (!(span > 0)) {
            return new double[] {lo};
        }
        double raw = span / count;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = magnitude;
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * magnitude >= raw) {
                step = m * magnitude;
                break;
            }
        }
        double first = Math.ceil(lo / step) * step;
        int n = (int) Math.floor((hi - first) / step + 1e-9) + 1;
        double[] out = new double[Math.max(0, n)];
        for (int i = 0; i < out.length; i++) {
            out[i] = first + i * step;
        }
        return out;
    }

    private static String number(double v) {
        if (!Double.isFinite(v)) {
            return "–";
        }
        if (Math.abs(v) < 1e-12) {
            return "0";
        }
        return Math.abs(v) >= 1000 || Math.abs(v) < 0.01 ? String.format(Locale.ROOT, "%.3g", v)
                : String.format(Locale.ROOT, "%.4g", v).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
    }

    private static String time(double t, double span) {
        if (span >= 120) {
            long s = Math.round(t);
            return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
        }
        return number(t);
    }
}
