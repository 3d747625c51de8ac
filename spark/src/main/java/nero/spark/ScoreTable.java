package nero.spark;

import java.util.ArrayList;
import java.util.List;
import nero.app.BatchScorer;
import nero.app.Reports;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import static org.apache.spark.sql.functions.col;

/**
 * The score job's tables. While the job runs, scored and skipped items travel as one "combined" row
 * ({@code kind}, the score table's columns, {@code source_file}, {@code item}, {@code label}, {@code reason}); the
 * job then writes them apart: the score table (the score CSV's columns, then {@code source_file} and {@code item},
 * the still's 0-based place among its file's items) and the skipped table ({@code source_file}, {@code path},
 * {@code item}, {@code reason}).
 */
final class ScoreTable {
    static final String KIND = "kind";
    static final String SCORED = "scored";
    static final String SKIPPED = "skipped";
    static final String SOURCE_FILE = "source_file";
    static final String ITEM = "item";
    static final String LABEL = "label";
    static final String REASON = "reason";

    private ScoreTable() {
    }

    /** The combined layout, typed from a row of the scorer (text → string, numbers → double). */
    static StructType combined(BatchScorer scorer) {
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField(KIND, DataTypes.StringType, false));
        Object[] probe = probeRow(scorer.methods()).values(scorer.methods()).toArray();
        List<String> columns = scorer.columns();
        for (int i = 0; i < columns.size(); i++) {
            DataType type = probe[i] instanceof String ? DataTypes.StringType : DataTypes.DoubleType;
            fields.add(DataTypes.createStructField(columns.get(i), type, true));
        }
        fields.add(DataTypes.createStructField(SOURCE_FILE, DataTypes.StringType, false));
        fields.add(DataTypes.createStructField(ITEM, DataTypes.IntegerType, false));
        fields.add(DataTypes.createStructField(LABEL, DataTypes.StringType, true));
        fields.add(DataTypes.createStructField(REASON, DataTypes.StringType, true));
        return DataTypes.createStructType(fields);
    }

    private static Reports.ScoreRow probeRow(List<String> methods) {
        java.util.Map<String, Double> scores = new java.util.LinkedHashMap<>();
        methods.forEach(m -> scores.put(m, 0.0));
        return new Reports.ScoreRow("", "", 0, 0, 0, 0, 0, "", 0, false, scores);
    }

    static Row scoredRow(Object[] cells, PartitionItems.Tag tag) {
        Object[] values = new Object[cells.length + 5];
        values[0] = SCORED;
        System.arraycopy(cells, 0, values, 1, cells.length);
        values[cells.length + 1] = tag.file().name();
        values[cells.length + 2] = tag.item();
        values[cells.length + 3] = tag.file().label();
        values[cells.length + 4] = null;
        return RowFactory.create(values);
    }

    /** {@code width}: the number of score columns (the first, {@code path}, holds the item's id). */
    static Row skippedRow(int width, PartitionItems.Tag tag, String reason) {
        Object[] values = new Object[width + 5];
        values[0] = SKIPPED;
        values[1] = tag.id();
        values[width + 1] = tag.file().name();
        values[width + 2] = tag.item();
        values[width + 3] = tag.file().label();
        values[width + 4] = reason;
        return RowFactory.create(values);
    }

    /** The score table: the score CSV's columns, then {@code source_file} and {@code item}. */
    static Dataset<Row> scores(Dataset<Row> combined, List<String> scoreColumns) {
        List<Column> columns = new ArrayList<>();
        scoreColumns.forEach(c -> columns.add(col(c)));
        columns.add(col(SOURCE_FILE));
        columns.add(col(ITEM));
        return combined.filter(col(KIND).equalTo(SCORED)).select(columns.toArray(Column[]::new));
    }

    static Dataset<Row> skipped(Dataset<Row> combined) {
        return combined.filter(col(KIND).equalTo(SKIPPED))
                .select(col(SOURCE_FILE), col("path"), col(ITEM), col(REASON));
    }
}
