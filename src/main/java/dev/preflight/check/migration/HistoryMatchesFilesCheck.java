package dev.preflight.check.migration;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.report.Finding;
import dev.preflight.report.MigrationEntry;
import dev.preflight.report.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * MIG004: applied migrations match the project's files: same checksum, and no applied migration
 * without a file. A changed applied file means other environments ran different SQL; a missing
 * one means SQL was applied that nobody committed.
 */
public final class HistoryMatchesFilesCheck implements Check {

    @Override
    public String id() {
        return "MIG004";
    }

    @Override
    public String title() {
        return "Applied migrations match the migration files";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.HIGH;
    }

    @Override
    public List<Finding> run(CheckContext ctx) {
        List<Finding> out = new ArrayList<>();
        for (MigrationEntry e : ctx.migrationEntries()) {
            if (e.state().startsWith("MISSING")) {
                out.add(finding("migration " + e.version(), "migration " + e.version() + " (" + e.description()
                                + ") is applied to the database but has no file in the project",
                        "a file for every applied migration", "no file",
                        "commit the migration file that was applied, or find out who applied it"));
            } else if (e.appliedChecksum() != null && e.checksum() != null && !Objects.equals(e.appliedChecksum(), e.checksum())) {
                out.add(new Finding(id(), defaultSeverity(), "migration " + e.version(),
                        "Migration checksum mismatch for migration " + e.version() + " (" + e.file() + ")",
                        "applied to database: " + e.appliedChecksum(), "resolved locally: " + e.checksum(),
                        "either revert the changes to the migration (git checkout the file), or put the change in a new migration "
                                + "and run ./preflight migrate"));
            }
        }
        return out;
    }
}
