package dev.preflight.kernel;



/**
 * The one unchecked exception Preflight raises for problems the user must fix: it carries what
 * happened, what to do next and the exit code it maps to.
 */
public class PreflightException extends RuntimeException {

    private final ExitCode exitCode;
    private final String remedy;

    public PreflightException(ExitCode exitCode, String message, String remedy) {
        this(exitCode, message, remedy, null);
    }

    public PreflightException(ExitCode exitCode, String message, String remedy, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
        this.remedy = remedy;
    }

    /** A usage or configuration error (exit code 2). */
    public static PreflightException config(String message, String remedy) {
        return new PreflightException(ExitCode.USAGE_OR_CONNECTION, message, remedy);
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    public String remedy() {
        return remedy;
    }

    /** The one line printed on stderr: the message, then the remedy when there is one. */
    public String oneLine() {
        return remedy == null || remedy.isBlank() ? getMessage() : getMessage() + " -> " + remedy;
    }
}
