/**
 * Pictures and ImageJ 1 tables made from core data, below the façade: heatmap overlays with a colour bar, relevance
 * plots, the top-neurons table, the 2-D relevance-space scatter, the montage of the most OOD images, and the ROC
 * and score-histogram plots of an evaluation. No SciJava. Headless-safe: only direct APIs (ImageRoi, Plot,
 * ResultsTable, FileSaver), never IJ.run, IJ.saveAs or show().
 */
package nero.view;
