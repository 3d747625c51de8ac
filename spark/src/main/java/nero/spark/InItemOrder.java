package nero.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import nero.io.SkippedItem;

/**
 * A chunk's results and its skipped items come back in item order, each list apart: put them back together in the
 * order of the chunk's tags, one output per item.
 */
final class InItemOrder {
    private InItemOrder() {
    }

    /**
     * {@code doneIds}: the ids of the items with a result, {@code done} turning a tag and its index there into an
     * output; {@code skipped} likewise for the skipped ones. {@code doneVerb} names what "done" means in the error
     * for an item in neither list.
     */
    static <T> List<T> merge(List<PartitionItems.Tag> tags, List<String> doneIds,
            BiFunction<PartitionItems.Tag, Integer, T> done, List<SkippedItem> skippedItems,
            BiFunction<PartitionItems.Tag, SkippedItem, T> skipped, String doneVerb) {
        List<T> out = new ArrayList<>(tags.size());
        int r = 0;
        int s = 0;
        for (PartitionItems.Tag tag : tags) {
            if (r < doneIds.size() && doneIds.get(r).equals(tag.id())) {
                out.add(done.apply(tag, r++));
            } else if (s < skippedItems.size() && skippedItems.get(s).id().equals(tag.id())) {
                out.add(skipped.apply(tag, skippedItems.get(s++)));
            } else {
                throw new IllegalStateException("item " + tag.id() + " is neither " + doneVerb + " nor skipped");
            }
        }
        return out;
    }
}
