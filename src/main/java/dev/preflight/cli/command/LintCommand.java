package dev.preflight.cli.command;

import dev.preflight.cli.StepCommand;
import dev.preflight.job.lint.LintJobConfiguration;
import dev.preflight.kernel.Options;
import dev.preflight.run.Session;
import java.util.Set;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * {@code lint}: migration safety analysis of the pending migrations (or all, or those after a
 * version): static rules, then each statement measured on a shadow database with rows (locks,
 * rewrites, time); then the report and {@code lint.sarif}. Changes nothing in the target.
 */
public final class LintCommand implements StepCommand {

    @Override
    public String name() {
        return "lint";
    }

    @Override
    public String summary() {
        return "migration safety: static rules plus locks and rewrites measured on a shadow database [--since VERSION] [--all] [--static-only]";
    }

    @Override
    public Set<String> parameters() {
        return Set.of(LintJobConfiguration.SINCE, LintJobConfiguration.ALL, LintJobConfiguration.STATIC_ONLY);
    }

    @Override
    public boolean execute(Session session, Options options) throws Exception {
        JobParametersBuilder p = new JobParametersBuilder();
        if (options.flag(LintJobConfiguration.SINCE) != null) {
            p.addString(LintJobConfiguration.SINCE, options.flag(LintJobConfiguration.SINCE));
        }
        p.addString(LintJobConfiguration.ALL, String.valueOf(options.has(LintJobConfiguration.ALL)));
        p.addString(LintJobConfiguration.STATIC_ONLY, String.valueOf(options.has(LintJobConfiguration.STATIC_ONLY)));
        return LintJobConfiguration.run(session, p) == BatchStatus.COMPLETED;
    }
}
