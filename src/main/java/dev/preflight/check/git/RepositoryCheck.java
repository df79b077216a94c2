package dev.preflight.check.git;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.report.Finding;
import dev.preflight.report.Severity;
import java.util.List;

/**
 * GIT004: the project is in a git repository Preflight can read. Without one nothing proves that
 * the migrations tested here are the ones that will be deployed.
 */
public final class RepositoryCheck implements Check {

    @Override
    public String id() {
        return "GIT004";
    }

    @Override
    public String title() {
        return "Project is in a readable git repository";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.MEDIUM;
    }

    @Override
    public List<Finding> run(CheckContext context) {
        GitState git = context.fact(GitState.class);
        if (git.repository()) {
            return List.of();
        }
        // the project's own migrations folder, wherever its layout keeps it (packages/database/migrations, prisma/migrations)
        String folder = context.migrations() != null && context.migrations().present() && context.project() != null
                ? context.project().relative(context.migrations().folder()) : "migrations";
        return List.of(finding("git", git.error() + ": whether migrations are committed is unverified", "a git repository", "none",
                "run verify in the project's git checkout (git init && git add " + folder + ")"));
    }
}
