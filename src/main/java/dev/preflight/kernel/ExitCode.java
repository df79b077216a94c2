package dev.preflight.kernel;

/** Process exit codes, the contract with CI systems. */
public enum ExitCode {
    /** The database is ready (warnings allowed unless {@code --fail-on warning}). */
    READY(0),
    /** The run completed and found the database not ready, or a job failed. */
    NOT_READY(1),
    /** Bad usage, bad configuration, or the database could not be reached or prepared. */
    USAGE_OR_CONNECTION(2);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
