package nero.cli;

/**
 * Options several commands share, declared once in a picocli mixin ({@link DetectorOptions}, {@link VectorsOption},
 * {@link TimelineOptions}) and handed to the plugin command as the fields they stand for.
 */
interface SharedOptions {
    /** Puts these options' values into the call, each under its field name, with its option for messages. */
    void addTo(CommandCall<?> call);
}
