package dev.preflight.check.drift;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckFamily;
import dev.preflight.check.CheckRegistry;
import dev.preflight.db.schema.SchemaDifference;
import dev.preflight.db.schema.SchemaDifference.ObjectType;
import dev.preflight.report.Finding;
import dev.preflight.report.Severity;
import java.util.List;
import java.util.Set;

/**
 * Base of the drift checks: each reports the differences of its object kinds between the database
 * and a replay of the migrations. A difference means the code will meet a schema its migrations
 * never built (a hot-fix, a manual index, a forgotten migration); each finding carries the
 * difference's own severity, and drift.sql holds the statement that undoes it.
 */
public abstract class DriftCheck implements Check {

    /** What the verify job compared: the differences between the database and the replay of the migrations. */
    public record Compared(List<SchemaDifference> differences) {
    }

    /** The object kinds this check covers. */
    protected abstract Set<ObjectType> types();

    @Override
    public Severity defaultSeverity() {
        return Severity.HIGH;
    }

    @Override
    public List<Finding> run(CheckContext context) {
        return context.fact(Compared.class).differences().stream().filter(this::covers).map(this::toFinding).toList();
    }

    /** True when the difference is of a kind this check reports. */
    public boolean covers(SchemaDifference d) {
        return types().contains(d.type());
    }

    /** The finding this check reports for a difference, at the difference's own severity. */
    public Finding toFinding(SchemaDifference d) {
        String remedy = d.repair() == null
                ? "write a migration that makes the database and the migrations agree"
                : "review the statement for " + d.subject() + " in drift.sql and apply it, or, if the database is right, "
                        + "write a migration that makes the same change";
        return new Finding(id(), d.severity(), d.subject(), d.describe(), d.expected(), d.actual(), remedy);
    }

    /** The registered checks that compare object kinds (DRIFT001 to DRIFT007), in checklist order. */
    public static List<DriftCheck> all() {
        return CheckRegistry.get().family(CheckFamily.DRIFT).stream().filter(DriftCheck.class::isInstance).map(DriftCheck.class::cast).toList();
    }
}
