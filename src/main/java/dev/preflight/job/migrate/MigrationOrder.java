package dev.preflight.job.migrate;

import dev.preflight.check.migration.MigrationOrderCheck.OrderProblem;
import dev.preflight.migration.Migration;
import dev.preflight.migration.MigrationExecutor;
import dev.preflight.migration.MigrationSource;
import dev.preflight.migration.SeamMigration;
import dev.preflight.migration.SqlStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Replays a layout's migrations in the native tool's order on an empty (shadow) database and,
 * when one fails, names the file, the line, the error and the later migration that creates the
 * missing object: the order finding, measured before anything is applied to the target.
 */
public final class MigrationOrder {

    /** The object a "does not exist" error names: relation "x", type "x", schema "x", column "x" of relation "y". */
    private static final Pattern MISSING = Pattern.compile("(relation|type|schema|function|column) \"([^\"]+)\"(?: of relation \"([^\"]+)\")?");

    private MigrationOrder() {
    }

    /** The first failure in native order, or null when every migration applies on top of the ones before it. */
    public static OrderProblem replay(DataSource empty, MigrationSource source) throws SQLException {
        MigrationExecutor executor = new MigrationExecutor(SeamMigration.LOCK_TIMEOUT, Duration.ZERO);
        List<Migration> all = source.migrations();
        try (Connection c = empty.getConnection()) {
            for (int i = 0; i < all.size(); i++) {
                Migration m = all.get(i);
                MigrationExecutor.Result r = executor.apply(c, m.statements(), null);
                if (r.success()) {
                    continue;
                }
                String file = source.folder().relativize(m.file()).toString();
                String error = r.error().getMessage().lines().findFirst().orElse("") + " (SQLSTATE " + r.error().getSQLState() + ")";
                int line = r.failed() == null ? 0 : r.failed().line();
                Matcher x = MISSING.matcher(error);
                String kind = null;
                String name = null;
                if (x.find() && error.contains("does not exist")) {
                    kind = x.group(1);
                    name = unqualified(x.group(2));
                }
                for (int j = i + 1; name != null && j < all.size(); j++) {
                    for (SqlStatement s : all.get(j).statements()) {
                        if (creates(s.sql(), kind, name)) {
                            String by = source.folder().relativize(all.get(j).file()).toString();
                            return new OrderProblem(source.layout(), file, line, error, kind + " \"" + name + "\"", by, s.line(),
                                    "make " + all.get(j).id() + " apply before " + m.id() + " (" + source.layout()
                                            + " orders by name: rename the later one so it sorts first, or move the statements that need "
                                            + name + " after it); a database already built from these files is adopted with "
                                            + "./preflight baseline, which records the native history rows after a drift check");
                        }
                    }
                }
                return new OrderProblem(source.layout(), file, line, error, name == null ? null : kind + " \"" + name + "\"", null, null,
                        "fix " + file + " at line " + line + " so it applies on top of the migrations before it, then run ./preflight migrate");
            }
        }
        return null;
    }

    private static String unqualified(String name) {
        int dot = name.lastIndexOf('.');
        return dot >= 0 ? name.substring(dot + 1) : name;
    }

    /** Whether {@code sql} creates the object (or adds the column) named. */
    static boolean creates(String sql, String kind, String name) {
        String n = "(?:\"?[A-Za-z0-9_]+\"?\\.)?\"?" + Pattern.quote(name) + "\"?(?![A-Za-z0-9_])";
        String what = switch (kind) {
            case "relation" -> "(?:UNLOGGED\\s+)?(?:TABLE|VIEW|MATERIALIZED\\s+VIEW|SEQUENCE|INDEX(?:\\s+CONCURRENTLY)?)";
            case "type" -> "(?:TYPE|DOMAIN)";
            case "schema" -> "SCHEMA";
            case "function" -> "(?:OR\\s+REPLACE\\s+)?FUNCTION";
            default -> null;
        };
        if (what != null) {
            return Pattern.compile("(?is)^\\s*CREATE\\s+(?:OR\\s+REPLACE\\s+)?" + what + "\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?" + n).matcher(sql).find();
        }
        // a column: added by ALTER TABLE ... ADD COLUMN, or declared in a CREATE TABLE body
        return Pattern.compile("(?is)\\bADD\\s+(?:COLUMN\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?\"?" + Pattern.quote(name) + "\"?\\s").matcher(sql).find()
                || Pattern.compile("(?is)^\\s*CREATE\\s+TABLE\\b.*[(,]\\s*\"?" + Pattern.quote(name) + "\"?\\s+\\w").matcher(sql).find();
    }
}
