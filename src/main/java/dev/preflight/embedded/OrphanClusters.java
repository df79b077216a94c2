package dev.preflight.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Finds the clusters a killed run left behind, by the owning pid in their folder names, and removes them. */
final class OrphanClusters {

    private OrphanClusters() {
    }

    /**
     * Stops and deletes the clusters named {@code <prefix>-<stamp>-<pid>} under {@code stateDir}
     * (or its /tmp fallback) whose owning process is gone, and returns their folders. A pid that
     * now belongs to a process started after the folder was made is a reused pid: the owner is gone.
     */
    static List<Path> remove(Path stateDir, String prefix) {
        List<Path> removed = new ArrayList<>();
        Pattern name = Pattern.compile(Pattern.quote(prefix) + "-(\\d{8}-\\d{6})-(\\d+)");
        for (Path parent : ClusterFolders.parents(stateDir)) {
            if (!Files.isDirectory(parent)) {
                continue;
            }
            try (Stream<Path> dirs = Files.list(parent)) {
                for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                    Matcher m = name.matcher(dir.getFileName().toString());
                    if (m.matches() && !ownerAlive(Long.parseLong(m.group(2)), LocalDateTime.parse(m.group(1), ClusterFolders.STAMP))) {
                        stop(dir);
                        removed.add(dir);
                    }
                }
            } catch (IOException e) {
                // an unreadable state folder holds nothing we could remove
            }
        }
        return removed;
    }

    private static boolean ownerAlive(long pid, LocalDateTime folderMade) {
        java.time.Instant made = folderMade.atZone(java.time.ZoneId.systemDefault()).toInstant().plusSeconds(2);
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().startInstant().map(start -> !start.isAfter(made)).orElse(true)).isPresent();
    }

    private static void stop(Path dir) {
        Path pgdata = dir.resolve("data");
        if (Files.isRegularFile(pgdata.resolve("postmaster.pid"))) {
            PostgresInstallation.find().ifPresent(install -> ClusterCommands.run(ClusterCommands.asPostgresUser(
                    List.of(install.bin("pg_ctl").toString(), "-D", pgdata.toString(), "-m", "immediate", "-w", "stop")), 60, true));
        }
        ClusterFolders.deleteTree(dir);
    }
}
