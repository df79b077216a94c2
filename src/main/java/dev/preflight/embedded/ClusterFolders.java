package dev.preflight.embedded;

import dev.preflight.kernel.PreflightException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where clusters live: a private folder {@code <prefix>-<stamp>-<pid>} under the state folder, or
 * under /tmp when the {@code postgres} user (as root) cannot reach the state folder.
 */
final class ClusterFolders {

    /** The stamp in a cluster folder's name: when it was made, to tell a reused pid from its owner. */
    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private ClusterFolders() {
    }

    /** A new cluster folder's name, naming the owning process, so that {@link OrphanClusters} can tell a live cluster from one a killed run left. */
    static String name(String prefix) {
        String stamp = LocalDateTime.now(java.time.ZoneId.systemDefault()).format(STAMP);
        return prefix + "-" + stamp + "-" + ProcessHandle.current().pid();
    }

    /** The folders clusters of {@code stateDir} may live in: the state folder and its /tmp fallback. */
    static List<Path> parents(Path stateDir) {
        return List.of(stateDir, fallback());
    }

    /** Creates the folder {@code name}, readable by its owner only (and owned by {@code postgres} as root). */
    static Path prepare(Path stateDir, String name) throws IOException {
        Path parent = stateDir;
        if (PostgresInstallation.isRoot() && !reachableByPostgresUser(stateDir)) {
            // The postgres user cannot reach the project folder (a private checkout): use /tmp.
            parent = fallback();
        }
        Files.createDirectories(parent);
        Path dir = parent.resolve(name);
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        if (PostgresInstallation.isRoot()) {
            ClusterCommands.run(List.of("chown", "-R", "postgres:postgres", dir.toString()), 30, false);
        }
        return dir;
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // Best effort: a leftover folder under .preflight/ is harmless.
        }
    }

    private static Path fallback() {
        return Path.of(System.getProperty("java.io.tmpdir"), "preflight-pg");
    }

    private static boolean reachableByPostgresUser(Path stateDir) throws IOException {
        Files.createDirectories(stateDir);
        Path abs = stateDir.toAbsolutePath();
        try {
            return ClusterCommands.run(List.of("runuser", "-u", "postgres", "--", "test", "-x", abs.toString()), 10, true) == 0;
        } catch (PreflightException e) {
            return false;
        }
    }
}
