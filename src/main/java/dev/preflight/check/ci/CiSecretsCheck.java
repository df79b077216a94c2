package dev.preflight.check.ci;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.report.Finding;
import dev.preflight.report.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * CI002: in CI ({@code CI=true}), {@code DATABASE_URL} is set, so the gate checks the deployment
 * database rather than a throwaway one (the seed document's "GitHub secrets not configured");
 * a missing {@code DIRECT_DATABASE_URL} is noted. Only whether they are set is reported, never a value.
 */
public final class CiSecretsCheck implements Check {

    /** What the verify job saw of the environment: whether it runs in CI and which URLs are set (never their values). */
    public record Environment(boolean ci, boolean databaseUrl, boolean directUrl) {
    }

    @Override
    public String id() {
        return "CI002";
    }

    @Override
    public String title() {
        return "In CI, DATABASE_URL (and DIRECT_DATABASE_URL) are set";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.MEDIUM;
    }

    /** Outside CI there is nothing to check: NOT_RUN, so the confidence does not count it as verified. */
    @Override
    public String notRunReason(CheckContext context) {
        return context.fact(Environment.class).ci() ? null : "not running in CI (CI is not true): the CI secrets are checked in CI";
    }

    @Override
    public List<Finding> run(CheckContext context) {
        boolean ci = context.fact(Environment.class).ci();
        boolean databaseUrl = context.fact(Environment.class).databaseUrl();
        boolean directUrl = context.fact(Environment.class).directUrl();
        List<Finding> out = new ArrayList<>();
        if (!ci) {
            return out;
        }
        if (!databaseUrl) {
            out.add(finding("DATABASE_URL", "running in CI without DATABASE_URL: the deployment database was not checked",
                    "set", "not set", "add the DATABASE_URL secret in the repository's settings and pass it to the job's env"));
        }
        if (!directUrl) {
            out.add(new Finding(id(), Severity.INFO, "DIRECT_DATABASE_URL", "DIRECT_DATABASE_URL is not set in CI", "set (recommended with a pooler)",
                    "not set", "add DIRECT_DATABASE_URL when DATABASE_URL goes through a connection pooler"));
        }
        return out;
    }
}
