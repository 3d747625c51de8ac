package nero.fiji;

import ij.measure.ResultsTable;
import java.util.List;
import nero.app.Reports;

/** The Results table of an evaluation: one row per method with its metrics as fractions. */
final class MetricsTable {
    /** The named table that collects the metrics of every evaluation. */
    static final String TITLE = "NERO Metrics";
    private MetricsTable() {
    }

    /** Columns method, auroc, fpr95, aupr_in, aupr_out. */
    static ResultsTable of(List<Reports.MethodMetrics> metrics) {
        ResultsTable table = new ResultsTable();
        table.showRowNumbers(false);
        table.setPrecision(4);
        for (Reports.MethodMetrics m : metrics) {
            table.incrementCounter();
            table.addValue("method", m.method());
            table.addValue("auroc", m.auroc());
            table.addValue("fpr95", m.fpr95());
            table.addValue("aupr_in", m.auprIn());
            table.addValue("aupr_out", m.auprOut());
        }
        return table;
    }
}
