package dev.preflight;

import dev.preflight.cli.Preflight;
import dev.preflight.kernel.Console;
import dev.preflight.kernel.ScrubbingOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;

/** Entry point of {@code ./preflight}: runs one command line and exits with its code. */
public final class PreflightApplication {

    private PreflightApplication() {
    }

    public static void main(String[] args) throws Exception {
        // Preflight's logging (stderr, scrubbed, quiet libraries: kernel.LogConfigurator) from the first line on; Spring
        // never configures logging (RunSpring starts a plain context, without Boot's logging listener)
        dev.preflight.kernel.LogProvider.select();
        org.slf4j.LoggerFactory.getILoggerFactory();
        if (args.length == 2 && args[0].equals(dev.preflight.run.StartupTraining.ARGUMENT)) {
            var quiet = new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
            Console console = new Console(java.util.Map.of(), quiet, quiet);
            new Preflight(console).run(new String[] {"help"}); // the command line's classes, for the archive
            System.exit(dev.preflight.run.StartupTraining.run(java.nio.file.Path.of(args[1]), console));
        }
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
