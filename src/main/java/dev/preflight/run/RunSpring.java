package dev.preflight.run;

/**
 * The Spring configuration a run's context starts from. The run layer does not know the jobs (they
 * are above it): the application's entry point ({@code cli.Preflight}) hands the configuration that
 * lists them ({@code dev.preflight.PreflightBoot}) down here before any command runs.
 */
public final class RunSpring {

    private static volatile Class<?> configuration;

    private RunSpring() {
    }

    /** Sets the configuration every later run's context starts from. */
    public static void configure(Class<?> springConfiguration) {
        configuration = springConfiguration;
    }

    static Class<?> configuration() {
        Class<?> c = configuration;
        if (c == null) {
            throw new IllegalStateException("no Spring configuration for runs: construct dev.preflight.cli.Preflight, which sets it,"
                    + " before opening a Session");
        }
        return c;
    }
}
