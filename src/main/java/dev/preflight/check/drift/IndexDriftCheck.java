package dev.preflight.check.drift;

import dev.preflight.db.schema.SchemaDifference.ObjectType;
import java.util.Set;

/** DRIFT003: indexes (method, columns or expressions, opclass, options such as lists, predicate, uniqueness) match a replay of the migrations. */
public final class IndexDriftCheck extends DriftCheck {

    @Override
    public String id() {
        return "DRIFT003";
    }

    @Override
    public String title() {
        return "Indexes match the migrations (method, columns, opclass, options, predicate)";
    }

    @Override
    protected Set<ObjectType> types() {
        return Set.of(ObjectType.INDEX);
    }
}
