package dev.preflight.kernel;

/**
 * Whether the user asked for diagnostics ({@code --debug} or {@code PREFLIGHT_DEBUG=true}): only then
 * do stack traces reach the terminal; by default an error is one line that says what to do.
 */
public final class Diagnostics {

    private static volatile boolean debug;

    private Diagnostics() {
    }

    public static boolean debug() {
        return debug;
    }

    public static void debug(boolean on) {
        debug = on;
    }
}
