/** SciJava commands under Plugins &gt; NERO OOD, ImageJ 1 views (tables, overlays, plots) and IJ1 macro shims. */
package nero.fiji;
