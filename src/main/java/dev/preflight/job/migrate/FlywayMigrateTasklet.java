package dev.preflight.job.migrate;

import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckRegistry;
import dev.preflight.check.CheckRunner;
import dev.preflight.check.migration.MigrationOrderCheck;
import dev.preflight.job.verify.DriftReplay;
import dev.preflight.migration.FlywayMigration;
import dev.preflight.migration.MigrationEngine;
import dev.preflight.report.CheckOutcome;
import dev.preflight.run.RunContext;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The migrate job's second step: records the state before, applies pending migrations, and fails
 * the step (so the job can be restarted) when a migration fails, after recording why.
 */
public final class FlywayMigrateTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(FlywayMigrateTasklet.class);

    private final DataSource dataSource;
    private final RunContext run;

    public FlywayMigrateTasklet(DataSource dataSource, RunContext run) {
        this.dataSource = dataSource;
        this.run = run;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        MigrationEngine flyway = MigrationEngine.of(dataSource, run.migrationFiles(), run.config());
        var before = flyway.state();
        run.ledger().stateBefore(before);
        log.info("migrate: {} {} migration(s) in {}; database before: {}", run.migrationFiles().files().size(),
                run.migrationFiles().layout(), run.project().relative(run.migrationFiles().folder()), before.state());
        if (!(flyway instanceof FlywayMigration) && before.pending() > 0 && before.failed() == 0 && !orderApplies()) {
            throw new MigrationFailedException("the migrations do not apply in " + run.migrationFiles().layout()
                    + "'s order (MIG005); nothing was applied");
        }
        FlywayMigration.Result result = flyway.migrate();
        if (result.error() == null) {
            run.ledger().migrationsApplied(result.applied(), null);
            log.info("migrate: applied {} migration(s)", result.applied().size());
            return RepeatStatus.FINISHED;
        }
        // On failure Flyway can only tell which versions are applied now; the ones past the count before are this run's.
        List<String> all = result.applied();
        List<String> now = all.size() <= before.applied() ? List.of() : all.subList(before.applied(), all.size());
        run.ledger().migrationsApplied(now, result.error());
        log.error("migrate: {}", result.error()); // names file and line, what took effect, and the repair
        throw new MigrationFailedException(result.error());
    }

    /**
     * MIG005, measured before anything is applied: the layout's migrations replayed in native order
     * on a shadow database. Returns false when they do not apply; without CREATEDB the check is
     * recorded as not run and migrate goes on (the target itself then reports the failure).
     */
    private boolean orderApplies() {
        var source = run.migrationFiles().source();
        CheckContext ctx = CheckContext.of(null, run.target(), run.project(), run.migrationFiles());
        long t0 = System.nanoTime();
        MigrationOrderCheck.OrderProblem problem;
        String shadowName;
        try {
            var measured = DriftReplay.inShadow(run.target().ddlUrl(), (shadow, name) -> new Object[] {MigrationOrder.replay(shadow, source), name});
            problem = (MigrationOrderCheck.OrderProblem) measured[0];
            shadowName = (String) measured[1];
        } catch (SQLException e) {
            var check = CheckRegistry.get().check("MIG005");
            run.ledger().add(new CheckOutcome(check.id(), check.title(), MigrateJobConfiguration.JOB, CheckOutcome.Status.NOT_RUN,
                    "no shadow database to replay in (" + e.getMessage().lines().findFirst().orElse("") + "): the role needs CREATEDB",
                    List.of()));
            return true;
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        var outcome = new CheckRunner(run.severityPolicy()).runOne(MigrateJobConfiguration.JOB, CheckRegistry.get().check("MIG005"),
                ctx.with(new MigrationOrderCheck.Replay(problem)));
        if (problem == null) {
            outcome = new CheckOutcome(outcome.id(), outcome.title(), outcome.job(), outcome.status(), "replayed "
                    + source.migrations().size() + " migration(s) in " + source.layout() + " order on shadow " + shadowName + " in " + ms + " ms",
                    outcome.findings());
        }
        run.ledger().add(outcome);
        log.info("migrate: order check on a shadow database: {} ({} ms)", problem == null ? "applies in order" : problem.file() + " fails", ms);
        return problem == null;
    }

    /** Fails the step; the message is already in the ledger, where the report picks it up. */
    public static final class MigrationFailedException extends RuntimeException {
        public MigrationFailedException(String message) {
            super(message);
        }
    }
}
