package dev.preflight;

import dev.preflight.cli.Preflight;
import dev.preflight.kernel.Console;
import dev.preflight.kernel.ScrubbingOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.nio.file.Path;

/** Entry point of {@code ./preflight}: runs one command line and exits with its code. */
public final class PreflightApplication {

    private PreflightApplication() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 5 && args[0].equals(dev.preflight.run.StartupArchive.ARGUMENT)) { // the launcher's fast start
            System.exit(dev.preflight.run.StartupArchive.prepare(Path.of(args[1]), Path.of(args[2]), Path.of(args[3]), Path.of(args[4])));
        }
        // Preflight's logging (stderr, scrubbed, quiet libraries: kernel.LogConfigurator) from the first line on; Spring
        // never configures logging (RunSpring starts a plain context, without Boot's logging listener)
        dev.preflight.kernel.LogProvider.select();
        org.slf4j.LoggerFactory.getILoggerFactory();
        // Every byte printed by anything in this process (log lines, stack traces, libraries) passes the secret scrubber.
        System.setOut(ScrubbingOutputStream.printStream(new FileOutputStream(FileDescriptor.out)));
        System.setErr(ScrubbingOutputStream.printStream(new FileOutputStream(FileDescriptor.err)));
        dev.preflight.kernel.StartupTrace.mark("main (JVM started, logging configured)");
        int code = new Preflight(Console.system()).run(args);
        dev.preflight.kernel.StartupTrace.mark("command done");
        System.out.flush();
        System.exit(code);
    }
}
