package nero.view;

import ij.measure.ResultsTable;
import java.util.List;
import nero.core.explain.NeuronDeviation;

/** The neurons that deviate most from the nearest class centroid, as an ImageJ results table. */
public final class TopNeuronsTable {
    private TopNeuronsTable() {
    }

    public static ResultsTable create(List<NeuronDeviation> deviations) {
        ResultsTable rt = new ResultsTable();
        rt.setPrecision(-6); // negative = scientific notation when needed, 6 digits
        for (NeuronDeviation d : deviations) {
            rt.incrementCounter();
            rt.addValue("neuron", d.neuron());
            rt.addValue("relevance", d.relevance());
            rt.addValue("centroid_relevance", d.centroidRelevance());
            rt.addValue("activation", d.activation());
            rt.addValue("contribution", d.contribution());
        }
        if (rt.size() > 0) {
            rt.setDecimalPlaces(rt.getColumnIndex("neuron"), 0);
        }
        rt.showRowNumbers(false);
        return rt;
    }
}
