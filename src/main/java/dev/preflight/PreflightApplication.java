package dev.preflight;

import dev.preflight.cli.Console;
import dev.preflight.cli.Preflight;

/** Entry point of {@code ./preflight}: runs one command line and exits with its code. */
public final class PreflightApplication {

    private PreflightApplication() {
    }

    public static void main(String[] args) {
        int code = new Preflight(Console.system()).run(args);
        System.out.flush();
        System.exit(code);
    }
}
