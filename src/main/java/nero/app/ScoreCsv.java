package nero.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The score table as CSV: the fixed columns of the contract, then one column per extra method. */
final class ScoreCsv {
    static final List<String> FIXED = List.of("path", "predicted_class", "confidence", "nero_score", "distance",
            "bias_term", "norm_ratio", "nearest_class", "threshold", "verdict");

    private ScoreCsv() {
    }

    static void write(Path file, List<Reports.ScoreRow> rows, List<String> methods) {
        List<String> header = new ArrayList<>(FIXED);
        header.addAll(methods);
        VectorFiles.writeCsv(file, header, rows.size(), (i, out) -> {
            Reports.ScoreRow r = rows.get(i);
            out.add(r.id());
            out.add(r.predictedClass());
            out.add(Double.toString(r.confidence()));
            out.add(Double.toString(r.neroScore()));
            out.add(Double.toString(r.distance()));
            out.add(Double.toString(r.biasTerm()));
            out.add(Double.toString(r.normRatio()));
            out.add(r.nearestClass());
            out.add(Double.toString(r.threshold()));
            out.add(r.verdict());
            for (String m : methods) {
                Double v = r.methodScores().get(m);
                out.add(v == null ? "" : Double.toString(v));
            }
        });
    }
}
