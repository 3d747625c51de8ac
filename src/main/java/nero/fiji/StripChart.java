package nero.fiji;

import java.awt.BasicStroke;
import java.awt.Canvas;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A live strip chart of the score: the last {@value #SPAN_SECONDS} s of scored frames (dots red above the
 * threshold), the threshold as a dashed red line, the OOD segments that ended shaded; a log axis when the scores
 * reach more than 30 times the threshold, as on the timeline picture. Points are added from any thread; painting
 * happens on the event thread, double-buffered.
 */
final class StripChart extends Canvas {
    static final double SPAN_SECONDS = 30;
    private static final int MAX_POINTS = 4000;
    private static final Color SCORE = new Color(30, 90, 200);
    private static final Color THRESHOLD = new Color(200, 30, 30);
    private static final Color SEGMENT = new Color(255, 200, 200);
    private static final int LEFT = 52;
    private static final int BOTTOM = 18;
    private static final int TOP = 6;

    private final double threshold;
    private final double[] seconds = new double[MAX_POINTS];
    private final double[] scores = new double[MAX_POINTS];
    private int first;
    private int count;
    private final List<double[]> segments = new ArrayList<>();
    private BufferedImage buffer;

    StripChart(double threshold, int width, int height) {
        this.threshold = threshold;
        setPreferredSize(new Dimension(width, height));
        setBackground(Color.WHITE);
    }

    /** A scored frame. */
    synchronized void add(double t, double score) {
        int at = (first + count) % MAX_POINTS;
        seconds[at] = t;
        scores[at] = score;
        if (count < MAX_POINTS) {
            count++;
        } else {
            first = (first + 1) % MAX_POINTS;
        }
    }

    /** An OOD segment that ended, shaded from its start to its end. */
    synchronized void segment(double start, double end) {
        segments.add(new double[] {start, end});
    }

    @Override
    public void update(Graphics g) {
        paint(g); // no clearing first: the buffer covers everything (no flicker)
    }

    @Override
    public void paint(Graphics g) {
        int w = Math.max(1, getWidth());
        int h = Math.max(1, getHeight());
        if (buffer == null || buffer.getWidth() != w || buffer.getHeight() != h) {
            buffer = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        }
        Graphics2D b = buffer.createGraphics();
        try {
            b.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            b.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            b.setColor(Color.WHITE);
            b.fillRect(0, 0, w, h);
            b.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            synchronized (this) {
                draw(b, w, h);
            }
        } finally {
            b.dispose();
        }
        g.drawImage(buffer, 0, 0, null);
    }

    private void draw(Graphics2D g, int w, int h) {
        double t1 = count == 0 ? SPAN_SECONDS : Math.max(SPAN_SECONDS, seconds[(first + count - 1) % MAX_POINTS]);
        double t0 = t1 - SPAN_SECONDS;
        double hi = threshold > 0 ? threshold * 1.5 : 1;
        double lo = Double.POSITIVE_INFINITY;
        for (int i = 0; i < count; i++) {
            int k = (first + i) % MAX_POINTS;
            if (seconds[k] >= t0 && Double.isFinite(scores[k])) {
                hi = Math.max(hi, scores[k] * 1.08);
                lo = Math.min(lo, scores[k]);
            }
        }
        boolean log = threshold > 0 && lo > 0 && Double.isFinite(lo) && hi / threshold > 30;
        double yMin = log ? Math.log10(Math.min(lo, threshold)) - 0.05 : Math.min(0, Double.isFinite(lo) ? lo : 0);
        double yMax = log ? Math.log10(hi) : hi;
        int plotW = w - LEFT - 8;
        int plotH = h - TOP - BOTTOM;
        Axis x = v -> LEFT + (v - t0) / (t1 - t0) * plotW;
        Axis y = v -> TOP + plotH - ((log ? Math.log10(Math.max(v, Math.pow(10, yMin))) : v) - yMin)
                / (yMax - yMin) * plotH;
        g.setColor(SEGMENT);
        for (double[] s : segments) {
            if (s[1] >= t0) {
                int a = (int) Math.round(x.at(Math.max(s[0], t0)));
                g.fillRect(a, TOP, Math.max(2, (int) Math.round(x.at(s[1])) - a), plotH);
            }
        }
        g.setColor(Color.LIGHT_GRAY);
        g.drawRect(LEFT, TOP, plotW, plotH);
        g.setColor(Color.BLACK);
        FontMetrics fm = g.getFontMetrics();
        for (long s = (long) Math.ceil(t0 / 5) * 5; s <= t1; s += 5) {
            int xx = (int) Math.round(x.at(s));
            g.drawLine(xx, TOP + plotH, xx, TOP + plotH + 3);
            String label = s + " s";
            int left = Math.min(xx - fm.stringWidth(label) / 2, w - 2 - fm.stringWidth(label));
            g.drawString(label, left, h - 3);
        }
        if (threshold > 0) {
            int yy = (int) Math.round(y.at(threshold));
            g.setColor(THRESHOLD);
            g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4},
                    0));
            g.drawLine(LEFT, yy, LEFT + plotW, yy);
            g.setStroke(new BasicStroke(1));
            String label = number(threshold);
            g.drawString(label, LEFT - 4 - fm.stringWidth(label), yy + fm.getAscent() / 2 - 1);
        }
        g.setColor(Color.BLACK);
        String top = number(log ? Math.pow(10, yMax) : yMax);
        g.drawString(top, LEFT - 4 - fm.stringWidth(top), TOP + fm.getAscent());
        g.drawString(log ? "log" : "score", 2, TOP + plotH - 2);
        double previousX = Double.NaN;
        double previousY = Double.NaN;
        for (int i = 0; i < count; i++) {
            int k = (first + i) % MAX_POINTS;
            if (seconds[k] < t0 || !Double.isFinite(scores[k])) {
                previousX = Double.NaN;
                continue;
            }
            double xx = x.at(seconds[k]);
            double yy = y.at(scores[k]);
            if (!Double.isNaN(previousX)) {
                g.setColor(SCORE);
                g.drawLine((int) Math.round(previousX), (int) Math.round(previousY), (int) Math.round(xx),
                        (int) Math.round(yy));
            }
            if (scores[k] > threshold) {
                g.setColor(THRESHOLD);
                g.fillOval((int) Math.round(xx) - 2, (int) Math.round(yy) - 2, 4, 4);
            }
            previousX = xx;
            previousY = yy;
        }
    }

    private interface Axis {
        double at(double v);
    }

    private static String number(double v) {
        return Math.abs(v) >= 1000 || (Math.abs(v) < 0.01 && v != 0) ? String.format(Locale.ROOT, "%.2g", v)
                : String.format(Locale.ROOT, "%.3g", v);
    }
}
