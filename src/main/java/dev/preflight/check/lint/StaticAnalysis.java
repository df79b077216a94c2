package dev.preflight.check.lint;

import dev.preflight.check.SeverityPolicy;
import dev.preflight.migration.Migration;
import dev.preflight.migration.SqlStatement;
import dev.preflight.migration.ddl.Ddl;
import dev.preflight.migration.ddl.DdlParser;
import dev.preflight.report.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Walks the migration history in order, tracking the schema it builds, and runs every rule on each
 * statement of the migrations under analysis (the pending ones, or all). A rule that crashes is
 * recorded as a hit of its own, never aborting the others.
 */
public final class StaticAnalysis {

    /** LINT016 is checked once over the whole history: a vector column that no index covers at the end. */
    public static final String UNINDEXED_VECTOR = "LINT016";

    private static final Pattern VECTOR = Pattern.compile("(?i)^(?:[a-z_]+\\.)?(vector|halfvec|sparsevec)\\b");

    /**
     * Options of one analysis.
     *
     * @param transactionBlock per migration, why the native tool runs it inside a transaction block
     *     even when a statement stands alone ({@link dev.preflight.migration.MigrationSource#transactionBlock}), or null
     * @param copyDataRefusal why the native tool cannot run {@code COPY ... FROM stdin} with its data lines
     *     ({@link dev.preflight.migration.MigrationSource#copyDataRefusal}), or null when it can
     */
    public record Settings(boolean nativeTransaction, int serverVersionNum, SeverityPolicy severities,
                           Function<Migration, String> transactionBlock, String copyDataRefusal) {

        /** A layout that runs a lone statement outside any transaction block (Flyway, Prisma, ...) and runs COPY's data. */
        public Settings(boolean nativeTransaction, int serverVersionNum, SeverityPolicy severities) {
            this(nativeTransaction, serverVersionNum, severities, m -> null, null);
        }

        /** The settings of {@code source}'s project. */
        public static Settings of(dev.preflight.migration.MigrationSource source, int serverVersionNum, SeverityPolicy severities) {
            return new Settings(true, serverVersionNum, severities, source::transactionBlock, source.copyDataRefusal());
        }
    }

    private StaticAnalysis() {
    }

    /** Issues of the migrations {@code analysed} accepts, in history order; suppressed ones included and marked. */
    public static List<LintIssue> run(List<Migration> history, Predicate<Migration> analysed, Settings settings) {
        SchemaState schema = new SchemaState();
        List<LintIssue> out = new ArrayList<>();
        Map<String, LintIssue> vectorColumns = new LinkedHashMap<>();
        Map<String, Boolean> indexedColumns = new LinkedHashMap<>();
        for (Migration m : history) {
            boolean analyse = analysed.test(m);
            List<LintContext.Parsed> earlier = new ArrayList<>();
            String file = m.file() == null ? m.id() : m.file().toString();
            String block = analyse ? settings.transactionBlock().apply(m) : null;
            for (SqlStatement s : m.statements()) {
                Ddl ddl = DdlParser.parse(s);
                if (analyse) {
                    LintContext context = new LintContext(m, s, ddl, schema, List.copyOf(earlier), settings.nativeTransaction(),
                            block, settings.serverVersionNum(), settings.copyDataRefusal());
                    Map<String, String> suppressed = Suppressions.of(s.comments());
                    for (LintRule rule : LintRules.all()) {
                        for (LintRule.LintHit hit : hits(rule, context)) {
                            Severity severity = settings.severities().apply(
                                    dev.preflight.report.Finding.of(rule.id(), rule.defaultSeverity(), "", "", "")).severity();
                            out.add(new LintIssue(rule.id(), rule.title(), severity, m.id(), file, s.line(), s.summary(120),
                                    hit.message(), hit.remedy(), suppressed.get(rule.id()), null));
                        }
                    }
                    trackVectorColumns(ddl, m, file, s, vectorColumns, settings, suppressed);
                }
                trackIndexes(ddl, indexedColumns);
                schema.apply(ddl, m.id());
                earlier.add(new LintContext.Parsed(s, ddl));
            }
        }
        vectorColumns.forEach((column, issue) -> {
            if (!indexedColumns.containsKey(column) && stillExists(schema, column)) {
                out.add(issue);
            }
        });
        return out;
    }

    private static List<LintRule.LintHit> hits(LintRule rule, LintContext context) {
        try {
            return rule.check(context);
        } catch (RuntimeException e) {
            return List.of(new LintRule.LintHit(rule.id(), "rule " + rule.id() + " crashed on this statement: " + e,
                    "report this statement to the Preflight developers; the other rules still ran"));
        }
    }

    private static void trackVectorColumns(Ddl ddl, Migration m, String file, SqlStatement s, Map<String, LintIssue> out,
                                           Settings settings, Map<String, String> suppressed) {
        List<String[]> columns = new ArrayList<>();
        if (ddl instanceof Ddl.CreateTable t) {
            t.columns().forEach(c -> columns.add(new String[] {t.table().name(), c.name(), c.type()}));
        } else if (ddl instanceof Ddl.AlterTable a) {
            for (Ddl.Action action : a.actions()) {
                if (action instanceof Ddl.AddColumn add) {
                    columns.add(new String[] {a.table().name(), add.column().name(), add.column().type()});
                }
            }
        }
        Severity severity = settings.severities().apply(dev.preflight.report.Finding.of(UNINDEXED_VECTOR, Severity.LOW, "", "", "")).severity();
        for (String[] c : columns) {
            if (VECTOR.matcher(c[2]).find()) {
                out.putIfAbsent(key(c[0], c[1]), new LintIssue(UNINDEXED_VECTOR, LintRules.title(UNINDEXED_VECTOR), severity, m.id(), file,
                        s.line(), s.summary(120), "vector column " + c[0] + "." + c[1] + " (" + c[2] + ") has no IVFFlat or HNSW index at the end "
                                + "of the migrations: every nearest-neighbour query scans the whole table",
                        "when the table will hold more than a few thousand rows, add an HNSW index (or IVFFlat after the data is loaded) "
                                + "with CREATE INDEX CONCURRENTLY; then ./preflight retune measures it",
                        suppressed.get(UNINDEXED_VECTOR), null));
            }
        }
    }

    private static void trackIndexes(Ddl ddl, Map<String, Boolean> indexed) {
        if (ddl instanceof Ddl.CreateIndex i && Set.of("ivfflat", "hnsw").contains(i.method())) {
            for (String key : i.keys()) {
                String column = key.replaceAll("^\\(+", "").split("[\\s:)]+")[0].replace("\"", "");
                indexed.put(key(i.table().name(), column), true);
            }
        }
    }

    private static boolean stillExists(SchemaState schema, String column) {
        String[] parts = column.split("\\.", 2);
        SchemaState.Table t = schema.tables().get(parts[0]);
        return t == null || t.columns().containsKey(parts[1]);
    }

    private static String key(String table, String column) {
        return SchemaState.key(table) + "." + SchemaState.key(column);
    }
}
