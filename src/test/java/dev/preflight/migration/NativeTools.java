package dev.preflight.migration;

import dev.preflight.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;

/**
 * Runs the migration tools that `.ci/run` installs with npm (Postgrator with pg through
 * {@code .ci/postgrator.mjs}, dbmate's binary) against a test database, and Flyway itself (the
 * flyway-core library Preflight depends on, configured as a Flyway user would). A missing tool
 * fails the test with the command that installs it: interop is never skipped.
 */
public final class NativeTools {

    /** What a tool printed (stdout and stderr together) and its exit code. */
    public record Run(int exitCode, String output) {
    }

    private NativeTools() {
    }

    /** Postgrator's {@code migrate()} to the newest version, checksums validated; prints one JSON line. */
    public static Run postgrator(String databaseUri, Path migrationsFolder) {
        require(Path.of(".ci/node_modules/postgrator"));
        require(Path.of(".ci/node_modules/pg"));
        return run(List.of("node", ".ci/postgrator.mjs", databaseUri, migrationsFolder.toAbsolutePath().toString()));
    }

    /**
     * Flyway on {@code folder} ({@code flyway.locations=filesystem:...}), with its PostgreSQL lock held at
     * session level ({@code flyway.postgresql.transactional.lock=false}, the setting Flyway documents for
     * {@code CREATE INDEX CONCURRENTLY}; with its default lock the concurrent build waits for Flyway's own
     * open transaction forever).
     */
    public static Flyway flyway(TestDatabase db, Path folder) {
        return Flyway.configure().configuration(Map.of("flyway.postgresql.transactional.lock", "false"))
                .dataSource(db.url().jdbcUrl(), db.url().user(), db.url().secretPassword())
                .locations("filesystem:" + folder.toAbsolutePath()).load();
    }

    /** {@code dbmate --url URL --migrations-dir DIR --no-dump-schema ARGS...}. */
    public static Run dbmate(String databaseUri, Path migrationsFolder, String... args) {
        Path bin = Path.of(".ci/node_modules/.bin/dbmate");
        require(bin);
        String url = databaseUri + (databaseUri.contains("?") ? "&" : "?") + "sslmode=disable";
        List<String> cmd = new ArrayList<>(List.of(bin.toAbsolutePath().toString(), "--url", url, "--migrations-dir",
                migrationsFolder.toAbsolutePath().toString(), "--no-dump-schema"));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    private static void require(Path p) {
        if (!Files.exists(p)) {
            throw new IllegalStateException(p + " is missing: install the interop tools with 'cd .ci && npm install' (.ci/run does)");
        }
    }

    private static Run run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd.subList(0, 2)) + " did not finish in 2 minutes");
            }
            return new Run(p.exitValue(), out);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + cmd.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
