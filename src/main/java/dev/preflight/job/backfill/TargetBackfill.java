package dev.preflight.job.backfill;

import dev.preflight.config.EmbeddingTarget;
import dev.preflight.config.EmbeddingsConfig;
import dev.preflight.db.Connections;
import dev.preflight.job.backfill.provider.EmbeddingProvider;
import dev.preflight.kernel.ShutdownGate;
import dev.preflight.report.EmbeddingsSection;
import dev.preflight.run.Session;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

/**
 * The backfill of one target whose dimension was checked: counts the pending rows, runs the job
 * (or only counts, with {@code --dry-run}) and measures what is left.
 */
final class TargetBackfill implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TargetBackfill.class);

    private final Session session;
    private final EmbeddingTarget target;
    private final TargetInspector.Shape shape;
    private final EmbeddingProvider provider;
    private final BackfillRunner.Request request;
    private final EmbeddingsConfig config;

    TargetBackfill(Session session, EmbeddingTarget target, TargetInspector.Shape shape, EmbeddingProvider provider,
                   BackfillRunner.Request request, EmbeddingsConfig config) {
        this.session = session;
        this.target = target;
        this.shape = shape;
        this.provider = provider;
        this.request = request;
        this.config = config;
    }

    /** What a backfill would embed, read on {@code c} (the dry run's transaction, which its caller rolls back). */
    EmbeddingsSection.Target dryRun(Connection c) throws SQLException {
        BackfillSql sql = new BackfillSql(target, shape.idType());
        long pending = new TargetInspector(c).pending(target, sql, provider.model(), request.reembed());
        log.info("backfill {} (dry run): {} row(s) need embedding with {} {}", target.name(), pending, provider.name(), provider.model());
        return result(c, "DRY_RUN", sql, pending, new BackfillStats(), 0, 0, null);
    }

    EmbeddingsSection.Target run(BackfillLauncher launcher) throws Exception {
        BackfillSql sql = new BackfillSql(target, shape.idType());
        int threads = request.threads() != null ? request.threads() : config.threads();
        long pending;
        long planned;
        boolean idle;
        try (Connection c = session.dataSource().getConnection()) {
            pending = new TargetInspector(c).pending(target, sql, provider.model(), request.reembed());
            planned = request.limit() == null ? pending : Math.min(pending, request.limit());
            idle = BackfillLauncher.idle(c, target.name(), provider.model(), request.reembed(), planned);
        }
        if (ShutdownGate.signalled()) {
            log.info("backfill {}: not started: the run was stopped on a signal", target.name());
            return result(sql, BatchStatus.STOPPED.name(), pending, new BackfillStats(), 0, 0, "not started: the run was stopped on a "
                    + "signal before this target's turn; run ./preflight backfill again to embed it");
        }
        if (idle) {
            log.info("backfill {}: nothing to embed and no unfinished backfill to restart (no job launched)", target.name());
            return result(sql, BatchStatus.COMPLETED.name(), pending, new BackfillStats(), 0, 0, null);
        }
        session.jobAhead(launcher::makeBeans);
        log.info("backfill {}: {} row(s) to embed into {}.{} with {} {} ({} dims), chunks of {}, {} partition(s){}", target.name(), planned,
                target.table(), target.vectorColumn(), provider.name(), provider.model(), provider.dimensions(), config.chunkSize(), threads,
                provider.semantic() ? "" : "; the deterministic provider's vectors are NOT semantic (tests and benchmarks only)");
        if (!provider.semantic()) {
            session.console().err().println("[preflight] warning: backfill " + target.name() + " uses the deterministic provider: its"
                    + " vectors are NOT semantic (hash-seeded, for tests and benchmarks only)");
        }
        BackfillStats stats = new BackfillStats();
        @SuppressWarnings("SystemConsoleNull") // on Java 17, the supported runtime, console() is null unless a terminal is attached
        var terminal = System.console() != null ? session.console().err() : null;
        JobExecution execution;
        BackfillProgress progress = new BackfillProgress(target.name(), planned, terminal);
        try (Connection lock = Connections.open(session.target().ddlUrl())) {
            BackfillTask task = new BackfillTask(target, sql, provider, session.target().ddlUrl(), config.chunkSize(), threads,
                    request.reembed(), request.limit(), stats, progress);
            execution = launcher.run(task, lock, session.run().ledger().runId(), planned);
        } finally {
            progress.close();
        }
        if (execution == null) {
            log.info("backfill {}: nothing to embed (no job launched)", target.name());
            return result(sql, BatchStatus.COMPLETED.name(), pending, stats, 0, 0, null);
        }
        session.record(BackfillJobConfiguration.JOB, execution);
        String note = failure(execution);
        double rate = progress.rate();
        long ms = progress.elapsed().toMillis();
        log.info("backfill {}: {}: {} embedded, {} refreshed, {} skipped, {} failed in {} ms ({} rows/s){}", target.name(),
                execution.getStatus(), stats.embedded(), stats.refreshed(), stats.skipped(), stats.failed(), ms, Math.round(rate),
                note == null ? "" : "; " + note);
        return result(sql, execution.getStatus().name(), pending, stats, rate, ms, note);
    }

    private EmbeddingsSection.Target result(BackfillSql sql, String status, long pending, BackfillStats stats, double rate, long ms,
                                            String note) throws Exception {
        try (Connection c = session.dataSource().getConnection()) {
            return result(c, status, sql, pending, stats, rate, ms, note);
        }
    }

    private EmbeddingsSection.Target result(Connection c, String status, BackfillSql sql, long pending, BackfillStats stats, double rate,
                                            long ms, String note) throws SQLException {
        TargetInspector inspector = new TargetInspector(c);
        TargetInspector.Totals totals = inspector.totals(target, sql);
        List<EmbeddingsSection.Issue> issues = inspector.issues(target, sql);
        return new EmbeddingsSection.Target(target.name(), target.table(), target.vectorColumn(), shape.dimensions(), provider.name(),
                provider.model(), provider.semantic(), status, totals.rows(), pending, stats.embedded(), stats.refreshed(),
                stats.skipped(), stats.failed(), totals.nulls(), totals.nullsSkipped(), totals.nullsFailed(), issues,
                Math.round(rate * 10) / 10.0, ms, note, stats.workers());
    }

    /** The failures of the job and its partitions, each by its own message (Batch's wrappers left out). */
    private static String failure(JobExecution execution) {
        String messages = execution.getAllFailureExceptions().stream().map(TargetBackfill::message)
                .filter(m -> !m.startsWith("Partition handler returned an unsuccessful step")).distinct()
                .collect(Collectors.joining("; "));
        return messages.isEmpty() ? null : messages;
    }

    private static String message(Throwable t) {
        while (t.getCause() != null && (t.getMessage() == null || t instanceof org.springframework.batch.core.step.FatalStepExecutionException)) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    static EmbeddingsSection.Target notPresent(EmbeddingTarget t) {
        return new EmbeddingsSection.Target(t.name(), t.table(), t.vectorColumn(), null, null, null, true, "NOT_PRESENT", 0, 0, 0, 0, 0,
                0, 0, 0, 0, List.of(), 0, 0, "table " + t.table() + " does not exist");
    }

    static EmbeddingsSection.Target mismatch(EmbeddingTarget t, TargetInspector.Shape shape, EmbeddingProvider p, String message) {
        return new EmbeddingsSection.Target(t.name(), t.table(), t.vectorColumn(), shape.dimensions(), p.name(), p.model(), p.semantic(),
                "DIMENSION_MISMATCH", 0, 0, 0, 0, 0, 0, 0, 0, 0, List.of(), 0, 0, message);
    }

    @Override
    public void close() {
        provider.close();
    }
}
