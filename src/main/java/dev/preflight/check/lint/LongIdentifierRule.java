package dev.preflight.check.lint;

import dev.preflight.migration.ddl.Ddl;
import dev.preflight.report.Severity;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * LINT017: PostgreSQL silently truncates identifiers to 63 bytes, so two long names can collide and
 * the catalog holds a name the migration never wrote (drift checks and later migrations miss it).
 * Use a shorter name.
 */
public final class LongIdentifierRule implements LintRule {

    static final int MAX_BYTES = 63;

    @Override
    public String id() {
        return "LINT017";
    }

    @Override
    public String title() {
        return "Identifier longer than 63 bytes";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.MEDIUM;
    }

    @Override
    public List<LintHit> check(LintContext c) {
        List<String> names = new ArrayList<>();
        if (c.ddl() instanceof Ddl.CreateTable t) {
            names.add(t.table().name());
            t.columns().forEach(col -> names.add(col.name()));
        } else if (c.ddl() instanceof Ddl.CreateIndex i && i.name() != null) {
            names.add(i.name());
        } else if (c.ddl() instanceof Ddl.AlterTable a) {
            for (Ddl.Action action : a.actions()) {
                if (action instanceof Ddl.AddColumn add) {
                    names.add(add.column().name());
                } else if (action instanceof Ddl.AddConstraint ac && ac.name() != null) {
                    names.add(ac.name());
                } else if (action instanceof Ddl.RenameColumn rc) {
                    names.add(rc.to());
                }
            }
        } else if (c.ddl() instanceof Ddl.RenameTable r) {
            names.add(r.newName());
        }
        List<LintHit> out = new ArrayList<>();
        for (String name : names) {
            int bytes = name.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_BYTES) {
                out.addAll(hit("identifier \"" + name + "\" is " + bytes + " bytes: PostgreSQL truncates it to 63 without an error",
                        "use a name of at most 63 bytes"));
            }
        }
        return out;
    }
}
