package dev.preflight.check.git;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.report.Finding;
import dev.preflight.report.Severity;
import java.util.List;
import java.util.regex.Pattern;

/**
 * GIT002: schema and seed files (the job files under {@code jobs/}, {@code *.prisma},
 * {@code schema.sql}, {@code seed.*}) are committed. Uncommitted, they describe a database nobody
 * else can rebuild.
 */
public final class SchemaAndSeedCommittedCheck implements Check {

    private static final Pattern SCHEMA_OR_SEED = Pattern.compile("(^jobs/.*)|(.*\\.prisma$)|(.*(^|/)schema\\.sql$)|(.*(^|/)seed[^/]*$)");

    @Override
    public String id() {
        return "GIT002";
    }

    @Override
    public String title() {
        return "Schema and seed files are committed to git";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.MEDIUM;
    }

    /** True for the paths this check covers. */
    public static boolean covers(String path) {
        return SCHEMA_OR_SEED.matcher(path).matches();
    }

    @Override
    public List<Finding> run(CheckContext context) {
        GitState git = context.fact(GitState.class);
        var files = git.uncommitted(SchemaAndSeedCommittedCheck::covers).stream().map(Object::toString).toList();
        return files.isEmpty() ? List.of() : List.of(finding("schema and seed files", files.size()
                        + " schema or seed file(s) not committed: " + String.join(", ", files), "committed", files.size() + " uncommitted",
                "commit them with the migrations, so every environment is built from the same files"));
    }
}
