package dev.preflight.job.verify;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckRegistry;
import dev.preflight.check.CheckRunner;
import dev.preflight.check.git.GitState;
import dev.preflight.check.git.NoSecretsTrackedCheck;
import dev.preflight.check.git.SchemaAndSeedCommittedCheck;
import dev.preflight.report.CheckOutcome;
import dev.preflight.report.VerifySection;
import dev.preflight.run.RunContext;
import java.util.List;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/** The verify job's git step: reads the project's git state once and runs the GIT checks over it. */
final class GitTasklet implements Tasklet {

    private final RunContext run;

    GitTasklet(RunContext run) {
        this.run = run;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        GitState git = GitState.read(run.project().root());
        CheckRunner runner = new CheckRunner(run.severityPolicy());
        CheckContext ctx = CheckContext.of(null, run.target(), run.project(), run.migrationFiles()).with(git);
        List<Check> fileChecks = CheckRegistry.get().checks("GIT001", "GIT002", "GIT003");
        run.ledger().add(runner.runOne(VerifyJobConfiguration.JOB, CheckRegistry.get().check("GIT004"), ctx));
        if (git.repository()) {
            run.ledger().addAll(runner.run(VerifyJobConfiguration.JOB, fileChecks, ctx));
        } else {
            fileChecks.forEach(c -> run.ledger().add(new CheckOutcome(c.id(), c.title(), VerifyJobConfiguration.JOB,
                    CheckOutcome.Status.NOT_RUN, "no git repository (GIT004)", List.of())));
        }
        VerifySection.Git section = new VerifySection.Git(git.repository(), git.branch(), git.head(),
                git.uncommitted(p -> run.migrationFiles().covers(run.project(), p)).stream().map(Object::toString).toList(),
                git.uncommitted(SchemaAndSeedCommittedCheck::covers).stream().map(Object::toString).toList(),
                git.tracked().stream().filter(NoSecretsTrackedCheck::isSecret).toList(), git.error());
        VerifyJobConfiguration.update(run, s -> s.withGit(section));
        return RepeatStatus.FINISHED;
    }
}
