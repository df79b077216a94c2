package dev.preflight.embedded;

import dev.preflight.kernel.PreflightException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Locates the machine's PostgreSQL server binaries and pgvector, and installs them with the
 * bundled set-up script when they are missing and this process may do so.
 */
public record PostgresInstallation(Path binDir, Path extensionDir, int majorVersion) {

    private static final int MIN_MAJOR = 14;
    private static final String SCRIPT = "preflight/scripts/install-postgres.sh";

    public Path bin(String program) {
        return binDir.resolve(program);
    }

    /** Finds an installation with pgvector, installing one if needed, or says exactly what to run. */
    public static PostgresInstallation findOrInstall() {
        Optional<PostgresInstallation> found = find();
        if (found.isPresent()) {
            return found.get();
        }
        if (!isRoot()) {
            throw PreflightException.config("PostgreSQL " + MIN_MAJOR + "+ server binaries with pgvector were not found on this machine",
                    "run: sudo bash scripts/install-postgres.sh (or set PREFLIGHT_PG_BIN to a PostgreSQL bin folder with pgvector installed, or give --db-url)");
        }
        runInstallScript();
        return find().orElseThrow(() -> PreflightException.config(
                "the set-up script ran but PostgreSQL with pgvector is still missing",
                "run scripts/install-postgres.sh by hand and read its output"));
    }

    /** The newest installation (PREFLIGHT_PG_BIN first) that has pgvector's control file. */
    public static Optional<PostgresInstallation> find() {
        String override = System.getenv("PREFLIGHT_PG_BIN");
        if (override != null && !override.isBlank()) {
            return inspect(Path.of(override));
        }
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            List<PostgresInstallation> all = versions.map(v -> inspect(v.resolve("bin")))
                    .flatMap(Optional::stream)
                    .filter(i -> i.majorVersion >= MIN_MAJOR)
                    .sorted(Comparator.comparingInt(PostgresInstallation::majorVersion).reversed())
                    .toList();
            return all.stream().findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<PostgresInstallation> inspect(Path bin) {
        if (!Files.isExecutable(bin.resolve("initdb")) || !Files.isExecutable(bin.resolve("pg_ctl"))) {
            return Optional.empty();
        }
        int major;
        try {
            major = Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException | NullPointerException e) {
            major = MIN_MAJOR;
        }
        for (Path ext : List.of(Path.of("/usr/share/postgresql/" + major + "/extension"),
                bin.getParent().resolve("share/extension"), bin.getParent().resolve("share/postgresql/extension"))) {
            if (Files.isRegularFile(ext.resolve("vector.control"))) {
                return Optional.of(new PostgresInstallation(bin, ext, major));
            }
        }
        return Optional.empty();
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void runInstallScript() {
        try (InputStream in = PostgresInstallation.class.getClassLoader().getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw PreflightException.config("the set-up script is missing from the Preflight jar", "rebuild with: mvn -DskipTests package");
            }
            Path script = Files.createTempFile("preflight-install-postgres", ".sh");
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
            System.err.println("[preflight] PostgreSQL with pgvector not found: installing it (PostgreSQL server, pgvector built from source)...");
            Process p = new ProcessBuilder("bash", script.toString()).inheritIO().redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
            int rc = p.waitFor();
            Files.deleteIfExists(script);
            if (rc != 0) {
                throw PreflightException.config("the PostgreSQL/pgvector set-up script failed with exit code " + rc,
                        "read its output above; run scripts/install-postgres.sh by hand to retry");
            }
        } catch (IOException e) {
            throw PreflightException.config("could not run the PostgreSQL set-up script: " + e.getMessage(), "run scripts/install-postgres.sh by hand");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PreflightException.config("interrupted while installing PostgreSQL", "run scripts/install-postgres.sh by hand");
        }
    }
}
