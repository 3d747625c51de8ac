package nero.core;

/**
 * Bad input from the user: an unreadable file, a model that breaks the contract, a NaN feature, a wrong option.
 * The message is complete and names the file or sample and the problem; it is shown to the user as it is
 * (the command line exits with status 2), never as a stack trace.
 */
public class InvalidInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
