package dev.preflight.check.drift;

import dev.preflight.db.schema.SchemaDifference.ObjectType;
import java.util.Set;

/** DRIFT001: tables and columns (type including vector dimensions, nullability, default) match a replay of the migrations. */
public final class TableDriftCheck extends DriftCheck {

    @Override
    public String id() {
        return "DRIFT001";
    }

    @Override
    public String title() {
        return "Tables, partitions and columns match the migrations (types, nullability, defaults, bounds)";
    }

    @Override
    protected Set<ObjectType> types() {
        return Set.of(ObjectType.TABLE, ObjectType.COLUMN, ObjectType.PARTITION);
    }
}
