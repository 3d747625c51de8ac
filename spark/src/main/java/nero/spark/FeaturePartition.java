package nero.spark;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import nero.app.FeaturePass;
import nero.io.DecodeMode;
import nero.core.FeatureSet;
import nero.core.Precision;
import nero.io.video.FrameSampling;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.util.SerializableConfiguration;

/** Features of one partition's files on an executor, chunk by chunk, with the executor's one {@link FeaturePass}. */
final class FeaturePartition implements FlatMapFunction<Iterator<InputFile>, FeatureRecord> {
    private static final long serialVersionUID = 1L;

    private final ShippedFiles files;
    private final SerializableConfiguration hadoop;
    private final Precision precision;
    /** The driver's decode mode, which the detector records: every executor decodes that way. */
    private final DecodeMode decode = DecodeMode.configured();

    /** {@code precision}: the model's number format on the executors (null: the model's own), as the driver's. */
    FeaturePartition(ShippedFiles files, SerializableConfiguration hadoop, Precision precision) {
        this.files = files;
        this.hadoop = hadoop;
        this.precision = precision;
    }

    @Override
    public Iterator<FeatureRecord> call(Iterator<InputFile> partition) {
        FeaturePass pass = ExecutorModels.featurePass(files, precision, TaskThreads.ofCurrentTask());
        // fit reads ImageFolder trees with the default video sampling, as the command does
        return PartitionItems.mapChunks(partition, FrameSampling.defaults(), true, hadoop.value(),
                (chunk, tags, cancel) -> records(tags, pass.extract(chunk, cancel, decode)));
    }

    private static List<FeatureRecord> records(List<PartitionItems.Tag> tags, FeaturePass.Features f) {
        FeatureSet set = f.features();
        return InItemOrder.merge(tags, Arrays.asList(set.ids()),
                (tag, r) -> new FeatureRecord(tag.file().order(), tag.item(), tag.id(), tag.file().label(),
                        set.features()[r], set.logits()[r], null),
                f.skipped(), (tag, skip) -> new FeatureRecord(tag.file().order(), tag.item(), tag.id(),
                        tag.file().label(), null, null, skip.reason()), "extracted");
    }
}
