/**
 * Pure numerics of NERO and the baselines: relevance, detectors, PCA, metrics, threshold, detector state.
 * No ImageJ, no SciJava, no DJL here; everything numeric is unit-tested in this package.
 */
package nero.core;
