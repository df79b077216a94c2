package dev.preflight.check.git;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.report.Finding;
import dev.preflight.report.Severity;
import java.util.List;
import java.util.regex.Pattern;

/**
 * GIT003: no secret-bearing file is tracked by git: {@code .env} files (templates such as
 * {@code .env.example} excepted), private keys, credential files. The seed document's {@code .env}
 * held the database password; once pushed, a secret must be rotated.
 */
public final class NoSecretsTrackedCheck implements Check {

    private static final Pattern SECRET = Pattern.compile(
            "(.*/)?(\\.env(\\.(?!example$|sample$|template$|dist$)[^/]+)?|[^/]*\\.pem|[^/]*\\.key|[^/]*\\.p12|id_rsa[^/]*|id_ed25519[^/]*"
                    + "|credentials\\.json|\\.pgpass|\\.npmrc)$");

    @Override
    public String id() {
        return "GIT003";
    }

    @Override
    public String title() {
        return "No .env or other secret-bearing file is tracked by git";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.HIGH;
    }

    public static boolean isSecret(String path) {
        return SECRET.matcher(path).matches();
    }

    @Override
    public List<Finding> run(CheckContext context) {
        GitState git = context.fact(GitState.class);
        return git.tracked().stream().filter(NoSecretsTrackedCheck::isSecret).map(p -> finding("file " + p,
                p + " is tracked by git and may hold secrets", "not tracked", "tracked",
                "git rm --cached " + p + ", add it to .gitignore, and rotate any secret it held")).toList();
    }
}
