package dev.preflight.job.verify;

import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckRunner;
import dev.preflight.check.smoke.SmokeCheck;
import dev.preflight.check.smoke.SmokeSuite;
import dev.preflight.report.CheckOutcome;
import dev.preflight.report.VerifySection.SmokeResult;
import dev.preflight.run.RunContext;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/** The verify job's smoke step: runs the checks declared under {@code jobs/checks/}, timing each. */
final class SmokeTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(SmokeTasklet.class);

    private final RunContext run;
    private final DataSource dataSource;

    SmokeTasklet(RunContext run, DataSource dataSource) {
        this.run = run;
        this.dataSource = dataSource;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        List<SmokeCheck> checks = SmokeSuite.load(run.project());
        CheckRunner.requireUniqueIds(checks);
        CheckRunner runner = new CheckRunner(run.severityPolicy());
        List<SmokeResult> results = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            CheckContext ctx = CheckContext.of(c, run.target(), run.project(), run.migrationFiles());
            for (SmokeCheck check : checks) {
                long t0 = System.nanoTime();
                CheckOutcome o = runner.runOne(VerifyJobConfiguration.JOB, check, ctx);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                run.ledger().add(o);
                String evidence = o.findings().isEmpty() ? "passed" : o.findings().get(0).message()
                        + (o.findings().size() > 1 ? " (+" + (o.findings().size() - 1) + " more)" : "");
                results.add(new SmokeResult(o.id(), o.title(), run.severityPolicy().overrides().getOrDefault(check.id(), check.defaultSeverity()),
                        o.status(), evidence, check.spec().file(), ms));
                log.info("verify: smoke {} {} ({} ms)", o.id(), o.status(), ms);
            }
        }
        VerifyJobConfiguration.update(run, s -> s.withSmoke(results));
        return RepeatStatus.FINISHED;
    }
}
