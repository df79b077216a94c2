package dev.preflight.check.drift;

import dev.preflight.db.schema.SchemaDifference.ObjectType;
import java.util.Set;

/**
 * DRIFT007: row level security (enabled, forced), policies (command, permissive or restrictive,
 * roles, USING and WITH CHECK), table, column and schema privileges, default privileges and
 * owners match a replay of the migrations. A dropped policy or a disabled RLS exposes rows; a
 * revoked grant breaks the application. Roles compare by name; the role that ran the migrations
 * reads as CURRENT_USER on both sides.
 */
public final class SecurityDriftCheck extends DriftCheck {

    @Override
    public String id() {
        return "DRIFT007";
    }

    @Override
    public String title() {
        return "Row level security, policies, privileges and owners match the migrations";
    }

    @Override
    protected Set<ObjectType> types() {
        return Set.of(ObjectType.ROW_SECURITY, ObjectType.POLICY, ObjectType.PRIVILEGE, ObjectType.DEFAULT_PRIVILEGE, ObjectType.OWNER);
    }
}
