package dev.preflight.check.drift;

import dev.preflight.db.schema.SchemaDifference.ObjectType;
import java.util.Set;

/** DRIFT005: installed extensions and their versions match a replay of the migrations. */
public final class ExtensionDriftCheck extends DriftCheck {

    @Override
    public String id() {
        return "DRIFT005";
    }

    @Override
    public String title() {
        return "Extensions and their versions match the migrations";
    }

    @Override
    protected Set<ObjectType> types() {
        return Set.of(ObjectType.EXTENSION);
    }
}
