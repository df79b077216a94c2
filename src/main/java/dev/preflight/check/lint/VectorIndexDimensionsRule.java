package dev.preflight.check.lint;

import dev.preflight.migration.ddl.Ddl;
import dev.preflight.report.Severity;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * LINT015: pgvector's IVFFlat and HNSW indexes take at most 2,000 dimensions for {@code vector}
 * (4,000 for {@code halfvec}); the CREATE INDEX fails on a wider column. Index a {@code halfvec}
 * cast of the column, or use a model or {@code dimensions} setting with fewer dimensions.
 */
public final class VectorIndexDimensionsRule implements LintRule {

    private static final Pattern VECTOR_TYPE = Pattern.compile("(?i)^(?:[a-z_]+\\.)?(vector|halfvec)\\s*\\(\\s*(\\d+)\\s*\\)");

    @Override
    public String id() {
        return "LINT015";
    }

    @Override
    public String title() {
        return "Vector index on more dimensions than pgvector allows";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.HIGH;
    }

    @Override
    public List<LintHit> check(LintContext c) {
        if (!(c.ddl() instanceof Ddl.CreateIndex i) || !(i.method().equals("ivfflat") || i.method().equals("hnsw")) || i.keys().isEmpty()) {
            return List.of();
        }
        SchemaState.Table table = c.schema().table(i.table());
        String key = i.keys().get(0);
        String column = key.split("\\s+")[0].replace("\"", "");
        String type = table == null ? null : table.columns().get(SchemaState.key(column));
        Matcher m = VECTOR_TYPE.matcher(type == null ? "" : type);
        if (!m.find()) {
            return List.of();
        }
        int dims = Integer.parseInt(m.group(2));
        int limit = m.group(1).equalsIgnoreCase("halfvec") ? 4000 : 2000;
        if (dims <= limit) {
            return List.of();
        }
        return hit(i.method().toUpperCase(Locale.ROOT) + " index on " + i.table() + "." + column + " (" + type + "): pgvector indexes at most "
                        + limit + " dimensions of " + m.group(1).toLowerCase(Locale.ROOT) + ", so the CREATE INDEX fails",
                "index a cast, e.g. USING " + i.method() + " ((" + column + "::halfvec(" + dims + ")) halfvec_cosine_ops)"
                        + (dims > 4000 ? " is not enough either: reduce the model's dimensions" : ""));
    }
}
