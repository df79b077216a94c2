package dev.preflight.check.drift;

import dev.preflight.db.schema.SchemaDifference.ObjectType;
import java.util.Set;

/** DRIFT002: primary, foreign, unique and check constraints match a replay of the migrations; a dropped foreign key lets orphans in. */
public final class ConstraintDriftCheck extends DriftCheck {

    @Override
    public String id() {
        return "DRIFT002";
    }

    @Override
    public String title() {
        return "Primary, foreign, unique and check constraints match the migrations";
    }

    @Override
    protected Set<ObjectType> types() {
        return Set.of(ObjectType.CONSTRAINT, ObjectType.FOREIGN_KEY);
    }
}
