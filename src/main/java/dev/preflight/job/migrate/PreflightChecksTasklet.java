package dev.preflight.job.migrate;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckFamily;
import dev.preflight.check.CheckRegistry;
import dev.preflight.check.CheckRunner;
import dev.preflight.report.CheckOutcome;
import dev.preflight.run.RunContext;
import java.sql.Connection;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The migrate job's first step: server version and extension checks. When one fails the step
 * ends with exit status {@value #FAILED_CHECKS} and the job stops before touching the schema.
 */
public final class PreflightChecksTasklet implements Tasklet {

    public static final String FAILED_CHECKS = "PREFLIGHT_FAILED";

    /** The pre-flight checks, in order. */
    public static List<Check> checks() {
        return CheckRegistry.get().family(CheckFamily.SRV);
    }

    private final DataSource dataSource;
    private final RunContext run;

    public PreflightChecksTasklet(DataSource dataSource, RunContext run) {
        this.dataSource = dataSource;
        this.run = run;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            CheckContext ctx = CheckContext.of(c, run.target(), run.project(), run.migrationFiles());
            List<CheckOutcome> outcomes = new CheckRunner(run.severityPolicy()).run("migrate", checks(), ctx);
            run.ledger().addAll(outcomes);
            boolean blocked = outcomes.stream().flatMap(o -> o.findings().stream()).anyMatch(f -> f.severity().blocksRelease());
            if (blocked) {
                contribution.setExitStatus(new ExitStatus(FAILED_CHECKS, "pre-flight checks failed; schema left untouched"));
            }
        }
        return RepeatStatus.FINISHED;
    }
}
