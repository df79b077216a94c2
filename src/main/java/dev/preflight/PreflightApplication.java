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
        if (args.length == 2 && args[0].equals(dev.preflight.run.StartupArchive.ARGUMENT)) {
            System.exit(dev.preflight.run.StartupArchive.writeClassList(java.nio.file.Path.of(args[1]))); // the launcher's archive
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
