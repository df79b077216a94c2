package dev.preflight.check.drift;

import dev.preflight.db.schema.SchemaDifference.ObjectType;
import java.util.Set;

/** DRIFT006: sequences, views, functions and triggers match a replay of the migrations. */
public final class RoutineDriftCheck extends DriftCheck {

    @Override
    public String id() {
        return "DRIFT006";
    }

    @Override
    public String title() {
        return "Sequences, views, functions and triggers match the migrations";
    }

    @Override
    protected Set<ObjectType> types() {
        return Set.of(ObjectType.SEQUENCE, ObjectType.VIEW, ObjectType.FUNCTION, ObjectType.TRIGGER);
    }
}
