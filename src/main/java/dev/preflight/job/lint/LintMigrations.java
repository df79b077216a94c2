package dev.preflight.job.lint;

import dev.preflight.cli.PreflightException;
import dev.preflight.job.RunContext;
import dev.preflight.job.migrate.MigrationFiles;
import dev.preflight.migration.Migration;
import dev.preflight.migration.SqlSplitter;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The project's migrations as lint reads them: in the order they apply, with placeholders
 * replaced, split into statements with their file lines.
 */
final class LintMigrations {

    private static final Pattern FLYWAY_NAME = Pattern.compile("^V([0-9._]+)__(.+)\\.sql$");

    private LintMigrations() {
    }

    static List<Migration> read(RunContext run) {
        MigrationFiles files = run.migrationFiles();
        List<Migration> out = new ArrayList<>();
        for (MigrationFiles.MigrationFile f : files.files()) {
            Matcher m = FLYWAY_NAME.matcher(f.name());
            if (!m.matches()) {
                continue; // repeatable migrations carry no schema change to lint
            }
            String text;
            try {
                text = replacePlaceholders(Files.readString(f.path()), run.config().placeholders());
            } catch (IOException e) {
                throw PreflightException.config("cannot read " + f.path() + ": " + e.getMessage(), "check the file's permissions");
            }
            String version = m.group(1).replace('_', '.');
            out.add(new Migration(version, m.group(2).replace('_', ' '), run.project().root().relativize(f.path().toAbsolutePath().normalize()),
                    null, SqlSplitter.split(text)));
        }
        out.sort((a, b) -> compareVersions(a.id(), b.id()));
        return out;
    }

    static String replacePlaceholders(String text, Map<String, String> placeholders) {
        String out = text;
        for (Map.Entry<String, String> p : placeholders.entrySet()) {
            out = out.replace("${" + p.getKey() + "}", p.getValue());
        }
        return out;
    }

    static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length ? Long.parseLong(x[i]) : 0;
            long q = i < y.length ? Long.parseLong(y[i]) : 0;
            if (p != q) {
                return Long.compare(p, q);
            }
        }
        return 0;
    }
}
