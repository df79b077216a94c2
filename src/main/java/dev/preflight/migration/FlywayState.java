package dev.preflight.migration;

import dev.preflight.config.ProjectConfig;
import dev.preflight.db.Catalog;
import dev.preflight.report.MigrationEntry;
import dev.preflight.report.MigrationStatus.DatabaseState;
import dev.preflight.report.MigrationStatus.State;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;

/**
 * Where a database stands by Flyway's info and the catalog: the measured state (never migrated, up
 * to date, pending, failed, unmanaged) and every migration known to the files or the history table.
 */
final class FlywayState {

    private FlywayState() {
    }

    /** What the catalog says: application tables, and whether the history table exists. */
    record Tables(int count, boolean history) {
    }

    static Tables tables(DataSource dataSource, ProjectConfig config) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Catalog catalog = new Catalog(c, config.historyTable());
            return new Tables(catalog.applicationTableCount(), catalog.tableExists(config.schema(), config.historyTable()));
        }
    }

    /** @param info one read of the history table for counts and current version */
    static DatabaseState state(Tables catalog, MigrationInfoService info) {
        int tables = catalog.count();
        boolean history = catalog.history();
        MigrationInfo[] all = info.all();
        int applied = 0;
        int pending = 0;
        int failed = 0;
        for (MigrationInfo i : all) {
            if (i.getState().isFailed()) {
                failed++;
            } else if (i.getState() == MigrationState.PENDING) {
                pending++;
            } else if (i.getState().isApplied()) {
                applied++;
            }
        }
        MigrationInfo current = history ? info.current() : null;
        String version = current == null || current.getVersion() == null ? null : current.getVersion().getVersion();
        State state = MigrationStateClassifier.classify(history, tables, pending, failed);
        return new DatabaseState(state, version, applied, pending, failed, tables, history);
    }

    /** Every migration of Flyway's info, with lines from disk and whether this run applied it. */
    static List<MigrationEntry> entries(MigrationInfo[] all, MigrationFiles files, Set<String> appliedInThisRun) {
        List<MigrationEntry> out = new ArrayList<>();
        DateTimeFormatter iso = DateTimeFormatter.ISO_INSTANT;
        for (MigrationInfo i : all) {
            String version = i.getVersion() == null ? null : i.getVersion().getVersion();
            MigrationFiles.MigrationFile file = i.getScript() == null ? null : files.byName(i.getScript());
            out.add(new MigrationEntry(version, i.getDescription(), i.getScript(), file == null ? null : file.lines(),
                    i.getResolvedChecksum(), i.getAppliedChecksum(), i.getState().name(),
                    i.getInstalledOn() == null ? null : iso.format(i.getInstalledOn().toInstant().atOffset(ZoneOffset.UTC)),
                    i.getExecutionTime(), version != null && appliedInThisRun.contains(version)));
        }
        return out;
    }
}
