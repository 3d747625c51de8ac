package nero.view;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import java.nio.file.Path;
import java.util.List;

/**
 * The views of one explanation, made in memory ({@link ExplanationWriter#views}); each is null when the explanation
 * lacks what it needs (no feature map: no relevance or deviation heatmap; no input gradients: no gradient×input; no
 * training scatter: no relevance space). Plots are images made from ImageJ {@code Plot}s, so that shown they open as
 * live plot windows. {@code files} are the files written from them ({@link ExplanationWriter#write}), in order;
 * empty when nothing was written.
 *
 * @param overlayImage the image to show first: the deviation heatmap when there is one, else gradient×input, else
 *                     the image itself
 */
public record ExplanationViews(ImagePlus overlayImage, ImagePlus relevanceHeatmap, ImagePlus gradientHeatmap,
        ImagePlus profile, ImagePlus histogram, ImagePlus space, ResultsTable scoreParts, ResultsTable topNeurons,
        ResultsTable components, List<Path> files, String summary) {
    public ExplanationViews {
        files = List.copyOf(files);
    }

    /** The same views, with the files written from them. */
    ExplanationViews withFiles(List<Path> written) {
        return new ExplanationViews(overlayImage, relevanceHeatmap, gradientHeatmap, profile, histogram, space,
                scoreParts, topNeurons, components, written, summary);
    }
}
