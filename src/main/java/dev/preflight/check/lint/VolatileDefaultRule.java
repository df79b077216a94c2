package dev.preflight.check.lint;

import dev.preflight.migration.ddl.Ddl;
import dev.preflight.report.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * LINT011: {@code ADD COLUMN ... DEFAULT} with a volatile expression ({@code gen_random_uuid()},
 * {@code random()}, {@code clock_timestamp()}, a sequence) rewrites the whole table under an ACCESS
 * EXCLUSIVE lock; a constant or stable default ({@code now()}) has needed no rewrite since
 * PostgreSQL 11. Add the column without default, set the default, backfill in batches.
 */
public final class VolatileDefaultRule implements LintRule {

    /** Volatile functions common in defaults; the measured analysis confirms the rewrite. */
    static final Pattern VOLATILE = Pattern.compile(
            "(?i)\\b(gen_random_uuid|uuid_generate_v[14]|uuid_generate_v1mc|random|clock_timestamp|timeofday|nextval|txid_current|statement_timestamp)\\s*\\(");

    @Override
    public String id() {
        return "LINT011";
    }

    @Override
    public String title() {
        return "Column added with a volatile default";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.MEDIUM;
    }

    @Override
    public List<LintHit> check(LintContext c) {
        List<LintHit> out = new ArrayList<>();
        if (c.ddl() instanceof Ddl.AlterTable a && c.existingTable(a.table())) {
            for (Ddl.Action action : a.actions()) {
                if (action instanceof Ddl.AddColumn add && add.column().defaultExpression() != null
                        && VOLATILE.matcher(add.column().defaultExpression()).find()) {
                    out.addAll(hit("ADD COLUMN " + add.column().name() + " DEFAULT " + add.column().defaultExpression()
                                    + " is volatile: PostgreSQL rewrites all of " + a.table() + " under an ACCESS EXCLUSIVE lock",
                            "add the column without a default, then ALTER COLUMN ... SET DEFAULT, then backfill existing rows in batches"));
                }
            }
        }
        return out;
    }
}
