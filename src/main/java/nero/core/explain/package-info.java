/**
 * Explanations of a NERO score as plain numbers: the score's parts, the neuron-level relevance against the
 * nearest class centroid, and image-space maps (relevance spread back over the last feature map, class
 * activation maps). No ImageJ, no DJL: the fiji layer draws these, the model layer supplies the arrays.
 */
package nero.core.explain;
