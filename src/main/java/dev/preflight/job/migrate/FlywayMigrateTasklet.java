package dev.preflight.job.migrate;

import dev.preflight.job.RunContext;
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
        throw new MigrationFailedException(result.error());
    }

    /** Fails the step; the message is already in the ledger, where the report picks it up. */
    public static final class MigrationFailedException extends RuntimeException {
        public MigrationFailedException(String message) {
            super(message);
        }
    }
}
