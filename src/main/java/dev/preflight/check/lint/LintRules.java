package dev.preflight.check.lint;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The registry of lint rules: a new rule is one class and one line here; a duplicate id fails at start. */
public final class LintRules {

    private static final List<LintRule> ALL = List.of(
            new UnparsedStatementRule(),
            new NonConcurrentIndexRule(),
            new NonConcurrentDropIndexRule(),
            new ConcurrentlyInTransactionRule(),
            new NotNullColumnWithoutDefaultRule(),
            new SetNotNullRule(),
            new ColumnTypeChangeRule(),
            new RenameRule(),
            new DropRule(),
            new ConstraintWithoutNotValidRule(),
            new UniqueWithoutIndexRule(),
            new VolatileDefaultRule(),
            new EnumValueInTransactionRule(),
            new MissingLockTimeoutRule(),
            new MissingStatementTimeoutRule(),
            new IvfflatOnEmptyTableRule(),
            new VectorIndexDimensionsRule(),
            new LongIdentifierRule(),
            new CopyDataRule());

    static {
        Set<String> ids = new HashSet<>();
        for (LintRule r : ALL) {
            if (!ids.add(r.id())) {
                throw new IllegalStateException("two lint rules share the id " + r.id());
            }
        }
    }

    private LintRules() {
    }

    public static List<LintRule> all() {
        return ALL;
    }

    /** Every rule id, with LINT016 (checked over the whole history, see {@link StaticAnalysis}). */
    public static List<String> ids() {
        List<String> ids = new java.util.ArrayList<>(ALL.stream().map(LintRule::id).toList());
        ids.add(StaticAnalysis.UNINDEXED_VECTOR);
        ids.add(LintMerge.MEASURED_REWRITE);
        ids.add(LintMerge.MEASURED_FAILURE);
        ids.add(LintMerge.BROKEN_STATEMENT);
        return ids.stream().sorted().toList();
    }

    public static String title(String id) {
        if (id.equals(StaticAnalysis.UNINDEXED_VECTOR)) {
            return "Vector column without an index";
        }
        if (id.equals(LintMerge.MEASURED_REWRITE)) {
            return "Measured table rewrite no rule predicted";
        }
        if (id.equals(LintMerge.MEASURED_FAILURE)) {
            return "Statement fails on a table with rows (measured)";
        }
        if (id.equals(LintMerge.BROKEN_STATEMENT)) {
            return "Statement fails whatever the data (measured)";
        }
        return ALL.stream().filter(r -> r.id().equals(id)).map(LintRule::title).findFirst().orElse(id);
    }
}
