package dev.preflight.report.render;

import dev.preflight.report.CheckOutcome;
import dev.preflight.report.CheckOutcome.Status;
import dev.preflight.report.DatabaseInfo;
import dev.preflight.report.DatabaseInfo.Extension;
import dev.preflight.report.DatabaseInfo.SchemaCounts;
import dev.preflight.report.DatabaseInfo.VectorColumn;
import dev.preflight.report.DatabaseInfo.VectorIndex;
import dev.preflight.report.Finding;
import dev.preflight.report.MigrationEntry;
import dev.preflight.report.MigrationStatus;
import dev.preflight.report.MigrationStatus.DatabaseState;
import dev.preflight.report.MigrationStatus.State;
import dev.preflight.report.ReadinessReport;
import dev.preflight.report.Severity;
import dev.preflight.report.StepRecord;
import dev.preflight.report.Verdict;
import java.util.List;

/** Reports built in memory for the rendering tests: one measured NOT_READY run, one that never connected. */
final class ReportFixtures {

    /** The first blocking finding; its message holds a pipe and a line break, which must not break a table. */
    static final Finding PENDING = new Finding("MIG003", Severity.BLOCKER, "public", "2 migrations are pending | not applied\nafter the run",
            "0 pending", "2 pending (V4, V5)", "run `preflight migrate` against this database");

    private ReportFixtures() {
    }

    static ReadinessReport notReady() {
        Finding unindexed = new Finding("IDX001", Severity.HIGH, "chunks_embedding_cosine_idx",
                "IVFFlat index was built on an empty table, so its lists hold no centroids", "trained on >= 1000 rows", "0 rows",
                "REINDEX INDEX chunks_embedding_cosine_idx after loading data");
        Finding version = Finding.of("SRV002", Severity.MEDIUM, "server", "PostgreSQL 14 reaches end of life in November 2026",
                "upgrade to PostgreSQL 16 or newer");
        Finding superuser = Finding.of("SRV004", Severity.LOW, "role neonhub", "the role is a superuser; the application should not be",
                "connect with a role that owns only the application's schema");
        Finding info = Finding.of("SRV003", Severity.INFO, "vector", "pgvector 0.8.0 is available", null);
        List<Finding> findings = List.of(PENDING, unindexed, version, superuser, info);
        DatabaseInfo database = new DatabaseInfo("postgresql://neonhub:****@localhost:5433/neonhub", "flag",
                "14.12", 140012, "neonhub", "neonhub", true,
                new SchemaCounts(12, 3, 9, 21, 4, 0, 2, 1),
                List.of(new Extension("plpgsql", "1.0"), new Extension("vector", "0.8.0")),
                List.of(new VectorColumn("chunks", "embedding", "vector", 1536, 300, 120),
                        new VectorColumn("messages", "embedding", "vector", null, 0, 0)),
                List.of(new VectorIndex("chunks_embedding_cosine_idx", "chunks", "embedding", "ivfflat", "vector_cosine_ops",
                                100, null, null, 1_638_400, true, 0, null),
                        new VectorIndex("messages_embedding_hnsw_idx", "messages", "embedding", "hnsw", "vector_l2_ops",
                                null, 16, 64, 8192, false, 0, null)));
        MigrationStatus status = new MigrationStatus(
                new DatabaseState(State.NEVER_MIGRATED, null, 0, 5, 0, 0, false),
                new DatabaseState(State.PENDING, "3", 3, 2, 0, 12, true), 5, 1270, 3, null);
        List<MigrationEntry> migrations = List.of(
                new MigrationEntry("1", "initial", "V1__initial.sql", 300, 1111, 1111, "SUCCESS", "2025-10-26 23:41:02", 120, true),
                new MigrationEntry("2", "phase4 beta", "V2__phase4_beta.sql", 400, 2222, 2222, "SUCCESS", "2025-10-26 23:41:03", 95, true),
                new MigrationEntry("3", "realign schema", "V3__realign_schema.sql", 200, -3333, 4444, "SUCCESS", "2025-10-26 23:41:03", 60, true),
                new MigrationEntry("4", "full org | ai vector bootstrap", "V4__full_org_ai_vector_bootstrap.sql", 336, 5555, null, "PENDING", null, null, false),
                new MigrationEntry("5", "gpt5 merge vector", "V5__gpt5_merge_vector.sql", 34, 6666, null, "PENDING", null, null, false));
        List<CheckOutcome> checklist = List.of(
                new CheckOutcome("SRV002", "Server is PostgreSQL 14 or newer", "verify", Status.FAILED, "PostgreSQL 14.12", List.of(version)),
                new CheckOutcome("SRV003", "Required extensions are available", "verify", Status.PASSED, "vector 0.8.0", List.of(info)),
                new CheckOutcome("SRV004", "Role is not a superuser", "verify", Status.FAILED, null, List.of(superuser)),
                new CheckOutcome("MIG001", "Database has been migrated", "migrate", Status.PASSED, null, List.of()),
                new CheckOutcome("MIG003", "No migrations are pending", "migrate", Status.FAILED, null, List.of(PENDING)),
                new CheckOutcome("IDX001", "IVFFlat indexes were trained on data", "verify", Status.ERROR, null, List.of(unindexed)),
                new CheckOutcome("SEED001", "Seed data is present", "seed", Status.NOT_RUN, null, List.of()));
        List<StepRecord> steps = List.of(
                new StepRecord("migrate", "migrateStep", "COMPLETED", "COMPLETED", 1840),
                new StepRecord("verify", "verifyStep", "COMPLETED", "COMPLETED", 420),
                new StepRecord("verify", "reportStep", "COMPLETED", "COMPLETED", 65_300));
        return report("20251026-235000-ab12", "run", "2025-10-26T23:50:00Z", "neonhub", Verdict.decide(findings), 0.714,
                List.of("migrate", "verify"), steps, List.of("pgbouncer=true was dropped from the URL"),
                database, status, migrations, findings, checklist);
    }

    /** A run whose connection failed: no database, no migration status, one blocker. */
    static ReadinessReport notConnected() {
        Finding refused = Finding.of("SRV001", Severity.BLOCKER, "localhost:5433", "connection refused",
                "start the database or fix --db-url");
        List<CheckOutcome> checklist = List.of(
                new CheckOutcome("SRV001", "Database is reachable", "verify", Status.FAILED, null, List.of(refused)),
                new CheckOutcome("MIG001", "Database has been migrated", "migrate", Status.NOT_RUN, null, List.of()));
        return report("20251027-080000-cd34", "verify", "2025-10-27T08:00:00Z", "neonhub", Verdict.NOT_READY, 0.5,
                List.of("verify"), List.of(), List.of(), null, null, List.of(), List.of(refused), checklist);
    }

    /** A copy of a report with another project name, verdict and findings (the checklist is kept). */
    static ReadinessReport with(ReadinessReport base, String project, Verdict verdict, List<Finding> findings) {
        return report(base.runId(), base.command(), base.generatedAt(), project, verdict, base.confidence(), base.jobs(),
                base.steps(), base.warnings(), base.database(), base.migrationStatus(), base.migrations(), findings,
                base.checklist());
    }

    /** A copy of a report as another run, generated at another time. */
    static ReadinessReport at(ReadinessReport base, String runId, String generatedAt) {
        return report(runId, base.command(), generatedAt, base.project(), base.verdict(), base.confidence(), base.jobs(),
                base.steps(), base.warnings(), base.database(), base.migrationStatus(), base.migrations(), base.findings(), base.checklist());
    }

    /** A copy of a report with other job steps. */
    static ReadinessReport withSteps(ReadinessReport base, List<StepRecord> steps) {
        return report(base.runId(), base.command(), base.generatedAt(), base.project(), base.verdict(), base.confidence(), base.jobs(),
                steps, base.warnings(), base.database(), base.migrationStatus(), base.migrations(), base.findings(), base.checklist());
    }

    // The one place that calls the record's constructor, so a new report section touches only this line.
    // The job sections (seed, embeddings, index tuning, verify) are placeholders the templates do not show yet.
    private static ReadinessReport report(String runId, String command, String generatedAt, String project, Verdict verdict,
                                          double confidence, List<String> jobs, List<StepRecord> steps, List<String> warnings,
                                          DatabaseInfo database, MigrationStatus status, List<MigrationEntry> migrations,
                                          List<Finding> findings, List<CheckOutcome> checklist) {
        return new ReadinessReport(ReadinessReport.SCHEMA_VERSION, runId, command, generatedAt, "0.1.0-SNAPSHOT", project,
                verdict, Verdict.RULE, confidence, jobs, steps, warnings, database, status, migrations, findings, checklist, ReadinessReport.sections(null, null, null, null));
    }
}
