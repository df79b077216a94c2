package dev.preflight.check.migration;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.migration.AppliedChecksums;
import dev.preflight.migration.MigrationSource;
import dev.preflight.report.Finding;
import dev.preflight.report.MigrationEntry;
import dev.preflight.report.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * MIG004: applied migrations match the project's files: same checksum, and no applied migration
 * without a file. A changed applied file means other environments ran different SQL; a missing
 * one means SQL was applied that nobody committed, or, when it is newer than every file, that the
 * database is ahead of this checkout. An applied migration with no recorded checksum
 * (golang-migrate and dbmate keep none, and Preflight has no record of what their own tool applied)
 * is a low finding saying the edit check could not run for it, never a silent pass.
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
        MigrationSource source = ctx.migrations() != null && ctx.migrations().present() ? ctx.migrations().source() : null;
        AppliedChecksums preflight = source == null ? null : source.preflightChecksums();
        List<MigrationEntry> unchecked = new ArrayList<>();
        for (MigrationEntry e : ctx.migrationEntries()) {
            if (e.state().startsWith("FUTURE")) {
                // Flyway's FUTURE: applied, no file, and newer than every file; Flyway's migrate passes over it
                out.add(finding("migration " + e.version(), "migration " + e.version() + " (" + e.description() + ") is applied to the "
                                + "database but newer than every migration file in the project: the database is ahead of this checkout",
                        "a file for every applied migration", "no file (newer than the project's newest)",
                        "deploy from the checkout that holds it (git pull, or the branch that applied it); if this older release must run on "
                                + "the newer schema, check that migration " + e.version() + " kept the old code working"));
            } else if (e.state().startsWith("MISSING")) {
                out.add(finding("migration " + e.version(), "migration " + e.version() + " (" + e.description()
                                + ") is applied to the database but has no file in the project",
                        "a file for every applied migration", "no file",
                        "commit the migration file that was applied, or find out who applied it"));
            } else if (e.appliedChecksum() != null && e.checksum() != null && !Objects.equals(e.appliedChecksum(), e.checksum())) {
                out.add(new Finding(id(), defaultSeverity(), "migration " + e.version(),
                        "Migration checksum mismatch for migration " + e.version() + " (" + e.file() + ")",
                        (preflight == null ? "applied to database: " : "recorded by Preflight when applied (" + AppliedChecksums.TABLE + "): ")
                                + e.appliedChecksum(), "resolved locally: " + e.checksum(),
                        "either revert the changes to the migration (git checkout the file), or put the change in a new migration "
                                + "and run ./preflight migrate" + (preflight == null ? "" : "; if " + source.layout() + " itself applied the "
                                + "edited file again (down, then up), forget Preflight's record with " + preflight.forgetSql(e.version())
                                + " and run ./preflight baseline --to " + e.version() + " to record the file as it is now")));
            } else if ("SUCCESS".equals(e.state()) && e.appliedChecksum() == null && e.checksum() != null) {
                unchecked.add(e);
            }
        }
        if (!unchecked.isEmpty()) {
            // baseline compares the database with a replay up to --to: that must be the newest applied migration, not the newest unchecked one
            String current = ctx.migrationEntries().stream().filter(e -> "SUCCESS".equals(e.state())).map(MigrationEntry::version)
                    .reduce((a, b) -> b).orElseThrow();
            out.add(uncheckedFinding(unchecked, source, current));
        }
        return out;
    }

    private Finding uncheckedFinding(List<MigrationEntry> unchecked, MigrationSource source, String current) {
        String versions = unchecked.stream().map(MigrationEntry::version).collect(Collectors.joining(", "));
        String files = unchecked.stream().map(MigrationEntry::file).collect(Collectors.joining(", "));
        boolean recordable = source != null && source.preflightChecksums() != null;
        String why = recordable
                ? source.layout() + " keeps no checksum, and Preflight has none in " + AppliedChecksums.TABLE + " because " + source.layout()
                        + " applied them itself"
                : "their rows in the history table hold no checksum";
        String check = "check that these files are unchanged since they were applied (git log -p)";
        return new Finding(id(), Severity.LOW, "migrations " + versions,
                "The edit check could not run for " + unchecked.size() + " applied migration(s) (" + files + "): " + why
                        + ", so an edit of these files after they were applied cannot be seen",
                "a recorded checksum for every applied migration", "none for " + versions,
                recordable ? check + ", then run ./preflight baseline --to " + current + ": after checking that the database matches a replay "
                        + "of the migrations up to " + current + ", it records their checksums" : check);
    }
}
