package dev.preflight.check.git;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.report.Finding;
import dev.preflight.report.Severity;
import java.util.List;

/**
 * GIT001: every migration file is committed. A migration that is untracked, modified or only
 * staged is not what CI and other environments will apply: the seed document's CRITICAL
 * ("new migrations must be committed before deployment").
 */
public final class MigrationsCommittedCheck implements Check {

    @Override
    public String id() {
        return "GIT001";
    }

    @Override
    public String title() {
        return "Migration files are committed to git";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.BLOCKER;
    }

    /** Without migrations there is nothing to be committed; the report says why rather than passing. */
    @Override
    public String notRunReason(CheckContext context) {
        if (context.migrations() == null || !context.migrations().present()) {
            return "no migrations: " + (context.migrations() == null ? "none in this run" : context.migrations().absentReason());
        }
        return null;
    }

    @Override
    public List<Finding> run(CheckContext context) {
        GitState git = context.fact(GitState.class);
        // the detected layout's folder (prisma/migrations, drizzle/, ...), as the migration seam says
        return git.uncommitted(p -> context.migrations().covers(context.project(), p)).stream().map(u -> finding("migration " + u.path(),
                "migration file " + u + ": CI and other environments would not apply what was tested here", "committed", u.state(),
                "git add " + u.path() + " && git commit")).toList();
    }
}
