package nero.view;

import ij.ImagePlus;
import java.nio.file.Path;
import java.util.List;

/**
 * The views written for one image: the image to display (the deviation heatmap overlay when there is one) and
 * the files, in the order written.
 */
public record ExplanationViews(ImagePlus overlayImage, List<Path> files, String summary) {
}
