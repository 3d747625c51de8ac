/**
 * ImageJ 1 views of an explanation: heatmap overlays with a colour bar, relevance plots, the top-neurons table,
 * the 2-D relevance-space scatter and the batch montage. Headless-safe: only direct APIs (ImageRoi, Plot,
 * ResultsTable, FileSaver), never IJ.run, IJ.saveAs or show().
 */
package nero.fiji.explain;
