/**
 * The façade the commands call: fit, score, explain, evaluate as plain methods over core, model and io.
 * Commands (fiji) and the command line (cli) hold no logic beyond validating inputs and publishing outputs.
 */
package nero.app;
