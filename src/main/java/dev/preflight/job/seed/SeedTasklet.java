package dev.preflight.job.seed;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckRegistry;
import dev.preflight.check.CheckRunner;
import dev.preflight.check.seed.SeedRowsPresentCheck;
import dev.preflight.kernel.PreflightException;
import dev.preflight.report.SeedSection;
import dev.preflight.run.RunContext;
import dev.preflight.seed.SeedFiles;
import dev.preflight.seed.SeedInputException;
import java.sql.Connection;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The seed step: reads {@code jobs/seed/}, loads it in one transaction (rolled back for a dry run),
 * records the "Seed status" section and the SEED checks in the ledger, and fails the step when the
 * input is bad or the load failed, after recording why.
 */
public final class SeedTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(SeedTasklet.class);

    private final DataSource dataSource;
    private final RunContext run;

    public SeedTasklet(DataSource dataSource, RunContext run) {
        this.dataSource = dataSource;
        this.run = run;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        boolean dryRun = "true".equals(String.valueOf(chunkContext.getStepContext().getJobParameters().get(SeedJobConfiguration.DRY_RUN)));
        SeedFiles files = null;
        SeedSection section;
        RuntimeException failure = null;
        long t0 = System.nanoTime();
        try {
            files = SeedFiles.read(run.project());
            log.info("seed: read {} file(s), {} row(s) in {} ms", files.files().size(), files.rows(), (System.nanoTime() - t0) / 1_000_000);
            section = new SeedLoader(dataSource, run.config().schema()).load(files, dryRun, t0);
        } catch (SeedInputException e) {
            e.errors().forEach(err -> log.error("seed: {}", err));
            section = failed("INVALID", dryRun, files, e.errors(), e.remedy());
            failure = e;
        } catch (PreflightException e) {
            // not the seed files' fault (a role that may not write a table): the error names the cause and its own remedy
            section = failed("FAILED", dryRun, files, List.of(e.getMessage()), e.remedy());
            log.error("seed: {}", section.errors().get(0));
            failure = e;
        } catch (Exception e) {
            section = failed("FAILED", dryRun, files, List.of("loading failed and was rolled back: " + e.getMessage()),
                    "fix the cause above and run ./preflight seed again");
            log.error("seed: {}", section.errors().get(0), e);
            failure = new IllegalStateException(section.errors().get(0), e);
        }
        run.ledger().seed(section);
        List<Check> checks = CheckRegistry.get().checks("APPLIED".equals(section.status()) ? new String[] {"SEED001", "SEED002"}
                : new String[] {"SEED001"});
        try (Connection c = dataSource.getConnection()) {
            CheckContext ctx = CheckContext.of(c, run.target(), run.project(), run.migrationFiles())
                    .with(section, new SeedRowsPresentCheck.Seeded(files, run.config().schema()));
            run.ledger().addAll(new CheckRunner(run.severityPolicy()).run(SeedJobConfiguration.JOB, checks, ctx));
        }
        if (failure != null) {
            throw failure;
        }
        return RepeatStatus.FINISHED;
    }

    private static SeedSection failed(String status, boolean dryRun, SeedFiles files, List<String> errors, String remedy) {
        return new SeedSection(status, dryRun, files == null ? List.of() : files.files(), files == null ? 0 : files.rows(), 0,
                0, 0, 0, List.of(), List.of(), null, errors, remedy);
    }
}
