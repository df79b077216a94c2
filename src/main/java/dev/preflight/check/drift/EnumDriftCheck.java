package dev.preflight.check.drift;

import dev.preflight.db.schema.SchemaDifference.ObjectType;
import java.util.Set;

/** DRIFT004: enum types and their labels, in order, match a replay of the migrations. */
public final class EnumDriftCheck extends DriftCheck {

    @Override
    public String id() {
        return "DRIFT004";
    }

    @Override
    public String title() {
        return "Enums, domains and composite types match the migrations";
    }

    @Override
    protected Set<ObjectType> types() {
        return Set.of(ObjectType.ENUM, ObjectType.DOMAIN, ObjectType.COMPOSITE_TYPE);
    }
}
