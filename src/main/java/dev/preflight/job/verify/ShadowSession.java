package dev.preflight.job.verify;

import dev.preflight.config.DatabaseTarget;
import dev.preflight.config.ProjectConfig;
import dev.preflight.config.ShadowSettings;
import dev.preflight.job.verify.DriftReplay.SkippedStatement;
import dev.preflight.migration.MigrationFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * A throwaway database to replay the migrations in before anything is applied (migrate's order check, baseline's drift
 * check), on the server verify would use: the isolated cluster by default, {@code --shadow-url}, or the target's own
 * cluster only with {@code --shadow-same-cluster}, where the cluster-global statements are left out. A replay on the
 * target's cluster would otherwise run every {@code ALTER ROLE} of the history again on the live cluster.
 */
public final class ShadowSession {

    /** Where the work replays: the shadow database, the files to replay there, and what was left out. */
    public record Site(DataSource shadow, String name, MigrationFiles files, ShadowServer server, List<SkippedStatement> skipped) {
    }

    /** Work done on a site. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Site site) throws SQLException;
    }

    private ShadowSession() {
    }

    /**
     * Runs {@code work} in a shadow database dropped afterwards. Throws {@link ShadowServer.RefusedException} for a shadow
     * URL on the target's cluster without the switch, and SQLException or a runtime exception when no server can be had.
     */
    public static <T> T run(ShadowSettings settings, DatabaseTarget target, ProjectConfig config, MigrationFiles files, Work<T> work)
            throws SQLException, IOException {
        ShadowServer server = ShadowServer.resolve(settings, target);
        try (Replayed replayed = Replayed.on(server, files, config);
             ShadowRoles roles = server.replaysClusterGlobalStatements() ? ShadowRoles.prepare(server.adminUrl(), settings.roles()) : null;
             ShadowDatabase shadow = ShadowDatabase.create(server.adminUrl())) {
            return work.run(new Site(shadow.dataSource(), shadow.name(), replayed.files(), server, replayed.skipped()));
        }
    }

    /**
     * The migrations a replay on {@code server} runs: the project's own, or, on the target's cluster, a copy in a
     * temporary folder without the cluster-global statements, which are listed; closing deletes the copy.
     */
    record Replayed(MigrationFiles files, List<SkippedStatement> skipped, Path copy) implements AutoCloseable {

        static Replayed on(ShadowServer server, MigrationFiles files, ProjectConfig config) throws IOException {
            if (server.replaysClusterGlobalStatements()) {
                return new Replayed(files, List.of(), null);
            }
            List<SkippedStatement> skipped = new ArrayList<>();
            ClusterGlobalStatements.find(files).forEach(s -> skipped.add(new SkippedStatement(s.file(), s.line(), s.summary())));
            if (skipped.isEmpty()) {
                return new Replayed(files, List.of(), null);
            }
            Path copy = Files.createTempDirectory("preflight-replay");
            try {
                return new Replayed(ClusterGlobalStatements.without(files, copy, config), List.copyOf(skipped), copy);
            } catch (IOException | RuntimeException e) {
                deleteTree(copy);
                throw e;
            }
        }

        @Override
        public void close() {
            deleteTree(copy);
        }
    }

    static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover copy in the temporary folder is harmless
        }
    }
}
