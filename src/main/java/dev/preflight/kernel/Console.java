package dev.preflight.kernel;

import java.io.PrintStream;
import java.util.Map;

/** The process's surroundings, injectable for tests: environment variables and the two output streams. */
public record Console(Map<String, String> env, PrintStream out, PrintStream err) {

    /**
     * Prints the one-line error a run ends with, as {@code preflight: WHAT}: the only place that
     * writes that line, so every error looks alike to a user and a CI log search.
     */
    public void error(String line) {
        err.println("preflight: " + line);
    }

    public static Console system() {
        return new Console(System.getenv(), System.out, System.err);
    }

    /** The same surroundings with both streams passing the secret scrubber. */
    public Console scrubbed() {
        return new Console(env, ScrubbingOutputStream.printStream(out), ScrubbingOutputStream.printStream(err));
    }

    public String env(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v;
    }

    public boolean isCi() {
        return "true".equalsIgnoreCase(env.getOrDefault("CI", ""));
    }
}
