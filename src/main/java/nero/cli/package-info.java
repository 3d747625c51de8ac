/** The headless command line ({@code ./nero}), which runs the same SciJava commands as Fiji. */
package nero.cli;
