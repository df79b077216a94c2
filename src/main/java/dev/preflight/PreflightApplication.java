package dev.preflight;

import dev.preflight.cli.Console;
import dev.preflight.cli.Preflight;
import dev.preflight.kernel.ScrubbingOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;

/** Entry point of {@code ./preflight}: runs one command line and exits with its code. */
public final class PreflightApplication {

    private PreflightApplication() {
    }

    public static void main(String[] args) {
        // Every byte printed by anything in this process (log lines, stack traces, libraries) passes the secret scrubber.
        System.setOut(ScrubbingOutputStream.printStream(new FileOutputStream(FileDescriptor.out)));
        System.setErr(ScrubbingOutputStream.printStream(new FileOutputStream(FileDescriptor.err)));
        int code = new Preflight(Console.system()).run(args);
        System.out.flush();
        System.exit(code);
    }
}
