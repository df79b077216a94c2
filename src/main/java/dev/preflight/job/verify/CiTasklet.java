package dev.preflight.job.verify;

import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckFamily;
import dev.preflight.check.CheckRegistry;
import dev.preflight.check.CheckRunner;
import dev.preflight.check.ci.CiSecretsCheck;
import dev.preflight.check.ci.WorkflowFiles;
import dev.preflight.kernel.Console;
import dev.preflight.report.VerifySection;
import dev.preflight.run.RunContext;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/** The verify job's last step: CI workflows and, in CI, whether the database variables are set. */
final class CiTasklet implements Tasklet {

    private final RunContext run;
    private final Console console;

    CiTasklet(RunContext run, Console console) {
        this.run = run;
        this.console = console;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        WorkflowFiles files = WorkflowFiles.read(run.project().root());
        boolean ci = console.isCi();
        boolean db = console.env("DATABASE_URL") != null;
        boolean direct = console.env("DIRECT_DATABASE_URL") != null;
        CheckContext ctx = CheckContext.of(null, run.target(), run.project(), run.migrationFiles());
        run.ledger().addAll(new CheckRunner(run.severityPolicy()).run(VerifyJobConfiguration.JOB,
                CheckRegistry.get().family(CheckFamily.CI), ctx.with(files, new CiSecretsCheck.Environment(ci, db, direct))));
        VerifyJobConfiguration.update(run, s -> s.withCi(new VerifySection.Ci(files.workflows(), ci, ci ? db : null, ci ? direct : null)));
        return RepeatStatus.FINISHED;
    }
}
