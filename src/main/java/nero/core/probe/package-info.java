/**
 * A linear probe: a new classification head (multinomial logistic regression with an L2 penalty) fitted on the
 * penultimate features of the ID training images, for a network whose own head was not trained on the ID classes
 * (an ImageNet, self-supervised or foundation backbone). NERO's relevance, the logit-based baselines and the
 * explanations then go through this head instead of the model's. Pure Java: Apache Commons Math's nonlinear
 * conjugate-gradient optimiser on an objective computed here; no ImageJ, SciJava or DJL.
 */
package nero.core.probe;
