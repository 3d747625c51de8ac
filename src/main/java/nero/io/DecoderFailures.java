package nero.io;

/**
 * A decoder's failure in words for the user: its own message when it has one meant for people (an I/O or format
 * error), else what happened without the internals: a NullPointerException's "Cannot invoke …" or an index out of
 * bounds inside a codec says nothing to the user, only that the data is damaged or unusual.
 */
public final class DecoderFailures {
    private DecoderFailures() {
    }

    public static String describe(Throwable e) {
        Throwable t = e instanceof java.io.UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        if (t instanceof OutOfMemoryError) {
            return "too large to decode in the memory available (raise it with NERO_JAVA_OPTS=-Xmx8g, or in Fiji's"
                    + " Edit > Options > Memory)";
        }
        boolean internal = t instanceof NullPointerException || t instanceof ClassCastException
                || t instanceof IndexOutOfBoundsException || t instanceof ArithmeticException
                || t instanceof IllegalStateException || t instanceof NegativeArraySizeException
                || t instanceof ArrayStoreException;
        String message = t.getMessage();
        if (internal || message == null || message.isBlank()) {
            return "the decoder failed on damaged or unusual data (" + t.getClass().getSimpleName() + ")";
        }
        return message;
    }
}
