package dev.preflight.job.backfill;

import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckFamily;
import dev.preflight.check.CheckRegistry;
import dev.preflight.check.CheckRunner;
import dev.preflight.config.EmbeddingTarget;
import dev.preflight.config.EmbeddingsConfig;
import dev.preflight.job.backfill.provider.EmbeddingProvider;
import dev.preflight.job.backfill.provider.Providers;
import dev.preflight.report.EmbeddingsSection;
import dev.preflight.run.Session;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Backfills the selected targets of a session one after another: checks every target's dimension
 * before any work, runs the job per target ({@link TargetBackfill}), then records the Embeddings
 * section and the EMB checks in the ledger.
 */
public final class BackfillRunner {

    private static final Logger log = LoggerFactory.getLogger(BackfillRunner.class);
    /** Partitions that can write at once: the run's pool has 8 connections, the job repository needs some. */
    static final int MAX_THREADS = 6;

    /** What {@code ./preflight backfill} was asked: every field optional. */
    public record Request(String target, String provider, Long limit, boolean dryRun, boolean reembed, Integer threads) {

        public static Request defaults() {
            return new Request(null, null, null, false, false, null);
        }
    }

    private final Session session;
    private final Job job;

    public BackfillRunner(Session session) {
        this(session, null);
    }

    /** @param job the job to run instead of the in-process one (the distributed manager's), or null */
    public BackfillRunner(Session session, Job job) {
        this.session = session;
        this.job = job;
    }

    /** Runs the request, records the section and checks, and returns the section. */
    public EmbeddingsSection runAndRecord(Request request) throws Exception {
        EmbeddingsSection section = run(request);
        session.run().ledger().embeddings(section);
        if (!request.dryRun()) {
            session.run().ledger().jobRan(BackfillJobConfiguration.JOB);
            try (Connection c = session.dataSource().getConnection()) {
                CheckContext ctx = CheckContext.of(c, session.target(), session.run().project(), session.run().migrationFiles()).with(section);
                session.run().ledger().addAll(new CheckRunner(session.run().severityPolicy())
                        .run(BackfillJobConfiguration.JOB, CheckRegistry.get().family(CheckFamily.EMB), ctx));
            }
        }
        return section;
    }

    private EmbeddingsSection run(Request request) throws Exception {
        EmbeddingsConfig config = session.run().config().embeddings();
        if (job == null && request.threads() != null && request.threads() > MAX_THREADS) {
            throw dev.preflight.kernel.PreflightException.config("--threads " + request.threads() + " is more than " + MAX_THREADS,
                    "each thread holds a pooled connection while it writes; use --threads " + MAX_THREADS + " or fewer");
        }
        List<EmbeddingTarget> targets = request.target() == null ? config.targets() : List.of(config.target(request.target()));
        session.prepareRenderers(); // while the targets are inspected: with nothing to embed, no job or bean would start them
        DataSource dataSource = session.dataSource();
        List<TargetBackfill> planned = new ArrayList<>();
        List<EmbeddingsSection.Target> results = new ArrayList<>();
        boolean mismatch = false;
        try (Connection c = dataSource.getConnection()) {
            if (request.dryRun()) {
                // a dry run reads through the side tables as a backfill would, but in a transaction it
                // rolls back: it leaves no side table behind when there was none
                c.setAutoCommit(false);
            }
            TargetInspector inspector = new TargetInspector(c);
            inspector.ensureStateTables();
            for (EmbeddingTarget t : targets) {
                TargetInspector.Shape shape = inspector.shape(t);
                if (shape == null) {
                    if (!t.builtIn()) {
                        throw dev.preflight.kernel.PreflightException.config("embedding target '" + t.name() + "': table " + t.table()
                                + " does not exist", "migrate first, or fix embeddings.targets." + t.name() + ".table");
                    }
                    log.info("backfill {}: table {} not found, skipped (built-in NeonHub target)", t.name(), t.table());
                    results.add(TargetBackfill.notPresent(t));
                    continue;
                }
                EmbeddingProvider provider = Providers.create(request.provider(), t, config, session.console(), shape.dimensions());
                try {
                    TargetInspector.checkDimensions(t, shape, provider.name(), provider.model(), provider.dimensions());
                } catch (TargetInspector.DimensionMismatchException e) {
                    mismatch = true;
                    results.add(TargetBackfill.mismatch(t, shape, provider, e.oneLine()));
                    continue;
                }
                planned.add(new TargetBackfill(session, t, shape, provider, request, config));
            }
            if (request.dryRun()) {
                try {
                    if (!mismatch) {
                        for (TargetBackfill b : planned) {
                            results.add(b.dryRun(c));
                        }
                    }
                } finally {
                    c.rollback();
                    c.setAutoCommit(true);
                }
            }
        }
        if (!mismatch && !request.dryRun()) {
            BackfillLauncher launcher = new BackfillLauncher(() -> session.bean(JobOperator.class), () -> session.bean(JobRepository.class),
                    job != null ? () -> job : () -> session.bean(BackfillJobConfiguration.JOB + "Job", Job.class),
                    () -> session.bean(BackfillTasks.class), job == null);
            for (TargetBackfill b : planned) {
                results.add(b.run(launcher));
            }
        }
        planned.forEach(TargetBackfill::close);
        return new EmbeddingsSection(request.dryRun(), results);
    }
}
