package dev.preflight.embedded;

import dev.preflight.kernel.PreflightException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the commands that set up and stop a cluster, with a time limit, as the {@code postgres} user where initdb requires it. */
final class ClusterCommands {

    private ClusterCommands() {
    }

    /** {@code command} as the {@code postgres} user when this process is root (initdb and pg_ctl refuse root). */
    static List<String> asPostgresUser(List<String> command) {
        List<String> cmd = new ArrayList<>();
        if (PostgresInstallation.isRoot()) {
            cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        cmd.addAll(command);
        return cmd;
    }

    /**
     * Runs {@code cmd} and returns its exit code; its output goes to a temporary log, printed when it
     * fails unless {@code quiet}. A command that outlives {@code timeoutSeconds} is killed and reported.
     */
    static int run(List<String> cmd, int timeoutSeconds, boolean quiet) {
        try {
            Path log = Files.createTempFile("preflight-cmd", ".log");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw PreflightException.config(String.join(" ", cmd.subList(0, Math.min(cmd.size(), 5))) + " did not finish in " + timeoutSeconds + " s", "see " + log);
            }
            if (p.exitValue() != 0 && !quiet) {
                System.err.println("[preflight] " + String.join(" ", cmd) + " failed:\n" + Files.readString(log));
            }
            Files.deleteIfExists(log);
            return p.exitValue();
        } catch (IOException e) {
            throw PreflightException.config("could not run " + cmd.get(0) + ": " + e.getMessage(), "check the PostgreSQL installation");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PreflightException.config("interrupted while running " + cmd.get(0), "retry");
        }
    }
}
