package dev.preflight.job.migrate;

import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckRegistry;
import dev.preflight.check.CheckRunner;
import dev.preflight.check.migration.MigrationOrderCheck;
import dev.preflight.config.ShadowSettings;
import dev.preflight.job.verify.DriftReplay;
import dev.preflight.job.verify.ShadowServer;
import dev.preflight.job.verify.ShadowSession;
import dev.preflight.migration.FlywayMigration;
import dev.preflight.migration.MigrationEngine;
import dev.preflight.migration.MigrationFiles;
import dev.preflight.report.CheckOutcome;
import dev.preflight.run.RunContext;
import java.io.IOException;
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
    private final ShadowSettings shadowSettings;

    public FlywayMigrateTasklet(DataSource dataSource, RunContext run, ShadowSettings shadowSettings) {
        this.dataSource = dataSource;
        this.run = run;
        this.shadowSettings = shadowSettings;
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
     * on a shadow database, on the server verify would use (never the target's cluster unless
     * allowed, where the cluster-global statements are left out). Returns false when they do not
     * apply; when no shadow can be had, or the replay needs a role nobody declared, the check is
     * recorded as not run and migrate goes on (the target itself then reports a failure).
     */
    private boolean orderApplies() {
        MigrationFiles files = run.migrationFiles();
        CheckContext ctx = CheckContext.of(null, run.target(), run.project(), files);
        long t0 = System.nanoTime();
        Object[] measured;
        try {
            measured = ShadowSession.run(shadowSettings, run.target(), run.config(), files,
                    site -> new Object[] {MigrationOrder.replay(site.shadow(), site.files().source()), site});
        } catch (ShadowServer.RefusedException e) {
            return notRun(e.getMessage());
        } catch (SQLException | IOException | RuntimeException e) {
            return notRun("no shadow database to replay in (" + String.valueOf(e.getMessage()).lines().findFirst().orElse("")
                    + "): give --shadow-url, or --shadow-same-cluster with a role that has CREATEDB");
        }
        MigrationOrderCheck.OrderProblem problem = (MigrationOrderCheck.OrderProblem) measured[0];
        ShadowSession.Site site = (ShadowSession.Site) measured[1];
        String role = problem == null ? null : DriftReplay.missingRole(problem.error(), site.server(), shadowSettings.roles());
        if (role != null) {
            return notRun(role);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        var outcome = new CheckRunner(run.severityPolicy()).runOne(MigrateJobConfiguration.JOB, CheckRegistry.get().check("MIG005"),
                ctx.with(new MigrationOrderCheck.Replay(problem)));
        if (problem == null) {
            outcome = new CheckOutcome(outcome.id(), outcome.title(), outcome.job(), outcome.status(), "replayed "
                    + files.source().migrations().size() + " migration(s) in " + files.layout() + " order on shadow " + site.name()
                    + " in " + site.server().description() + " in " + ms + " ms"
                    + (site.skipped().isEmpty() ? "" : "; left out " + site.skipped().size() + " cluster-global statement(s), first "
                            + site.skipped().get(0).file() + ":" + site.skipped().get(0).line()),
                    outcome.findings());
        }
        run.ledger().add(outcome);
        log.info("migrate: order check on a shadow database: {} ({} ms)", problem == null ? "applies in order" : problem.file() + " fails", ms);
        return problem == null;
    }

    private boolean notRun(String why) {
        var check = CheckRegistry.get().check("MIG005");
        run.ledger().add(new CheckOutcome(check.id(), check.title(), MigrateJobConfiguration.JOB, CheckOutcome.Status.NOT_RUN, why, List.of()));
        log.warn("migrate: order check not run: {}", why);
        return true;
    }

    /** Fails the step; the message is already in the ledger, where the report picks it up. */
    public static final class MigrationFailedException extends RuntimeException {
        public MigrationFailedException(String message) {
            super(message);
        }
    }
}
