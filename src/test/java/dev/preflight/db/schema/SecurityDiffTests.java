package dev.preflight.db.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.db.schema.SchemaDifference.Change;
import dev.preflight.db.schema.SchemaDifference.ObjectType;
import dev.preflight.db.schema.SchemaModel.Column;
import dev.preflight.db.schema.SchemaModel.DefaultPrivilege;
import dev.preflight.db.schema.SchemaModel.Owner;
import dev.preflight.db.schema.SchemaModel.Policy;
import dev.preflight.db.schema.SchemaModel.Privilege;
import dev.preflight.db.schema.SchemaModel.RowSecurity;
import dev.preflight.db.schema.SchemaModel.Table;
import dev.preflight.report.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The differ's security rules: RLS, policies, privileges, default privileges and owners, each with its repair. */
class SecurityDiffTests {

    private static final Policy TENANT = new Policy("documents", "tenant_isolation", "ALL", true, List.of("app_user"),
            "(org_id = current_setting('app.org_id'::text))", null);
    private static final Privilege READ = new Privilege("TABLE", "documents", null, "app_reader", "SELECT", false);
    private static final Privilege COLUMN_UPDATE = new Privilege("COLUMN", "documents", "title", "app_user", "UPDATE", false);
    private static final DefaultPrivilege DEFAULT_READ = new DefaultPrivilege("CURRENT_USER", "public", "r", "app_reader", "SELECT", false);
    private static final Owner OWNER = new Owner("TABLE", "documents", "CURRENT_USER");

    /** One table with RLS enabled, a tenant policy, a table grant, a column grant, a default privilege and its owner. */
    private static SchemaModel schema() {
        return base().withSecurity(List.of(new RowSecurity("documents", true, false)), List.of(TENANT), List.of(READ, COLUMN_UPDATE),
                List.of(DEFAULT_READ), List.of(OWNER));
    }

    private static SchemaModel base() {
        return new SchemaModel(List.of(new Table("documents")), List.of(new Column("documents", "id", 1, "bigint", true, null),
                new Column("documents", "title", 2, "text", false, null)), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of());
    }

    private static SchemaModel with(List<RowSecurity> rls, List<Policy> policies, List<Privilege> privileges, List<DefaultPrivilege> defaults,
                                    List<Owner> owners) {
        SchemaModel m = schema();
        return m.withSecurity(rls == null ? m.rowSecurity() : rls, policies == null ? m.policies() : policies,
                privileges == null ? m.privileges() : privileges, defaults == null ? m.defaultPrivileges() : defaults,
                owners == null ? m.owners() : owners);
    }

    @Test
    void identicalSecurityHasNoDifferences() {
        assertThat(SchemaDiffer.diff(schema(), schema())).isEmpty();
    }

    @Test
    void disabledRowLevelSecurityIsHighAndEnabledAgainByTheRepair() {
        List<SchemaDifference> diff = SchemaDiffer.diff(schema(), with(List.of(new RowSecurity("documents", false, false)), null, null, null, null));

        assertThat(diff).singleElement().satisfies(d -> {
            assertThat(d.type()).isEqualTo(ObjectType.ROW_SECURITY);
            assertThat(d.subject()).isEqualTo("row level security on documents");
            assertThat(d.aspect()).isEqualTo("enabled");
            assertThat(d.expected()).isEqualTo("enabled");
            assertThat(d.actual()).isEqualTo("disabled");
            assertThat(d.severity()).isEqualTo(Severity.HIGH);
            assertThat(d.repair()).isEqualTo("ALTER TABLE \"documents\" ENABLE ROW LEVEL SECURITY;");
        });
    }

    @Test
    void forcedRowLevelSecurityNotInTheMigrationsIsUndoneWithNoForce() {
        List<SchemaDifference> diff = SchemaDiffer.diff(schema(), with(List.of(new RowSecurity("documents", true, true)), null, null, null, null));

        assertThat(diff).singleElement().satisfies(d -> {
            assertThat(d.aspect()).isEqualTo("forced");
            assertThat(d.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(d.repair()).isEqualTo("ALTER TABLE \"documents\" NO FORCE ROW LEVEL SECURITY;");
        });
    }

    @Test
    void aDroppedPolicyIsMissingAndRecreatedWithCommandRolesAndExpression() {
        List<SchemaDifference> diff = SchemaDiffer.diff(schema(), with(null, List.of(), null, null, null));

        assertThat(diff).singleElement().satisfies(d -> {
            assertThat(d.type()).isEqualTo(ObjectType.POLICY);
            assertThat(d.change()).isEqualTo(Change.MISSING);
            assertThat(d.subject()).isEqualTo("policy tenant_isolation on documents");
            assertThat(d.severity()).isEqualTo(Severity.HIGH);
            assertThat(d.repair()).isEqualTo("CREATE POLICY \"tenant_isolation\" ON \"documents\" AS PERMISSIVE FOR ALL TO \"app_user\" "
                    + "USING ((org_id = current_setting('app.org_id'::text)));");
        });
    }

    @Test
    void aChangedPolicyNamesWhatChangedAndIsDroppedAndRecreated() {
        Policy loosened = new Policy("documents", "tenant_isolation", "SELECT", false, List.of("PUBLIC"), "true", "true");

        List<SchemaDifference> diff = SchemaDiffer.diff(schema(), with(null, List.of(loosened), null, null, null));

        assertThat(diff).singleElement().satisfies(d -> {
            assertThat(d.change()).isEqualTo(Change.CHANGED);
            assertThat(d.aspect()).isEqualTo("command, permissive/restrictive, roles, USING expression, WITH CHECK expression");
            assertThat(d.actual()).isEqualTo("RESTRICTIVE FOR SELECT TO PUBLIC USING (true) WITH CHECK (true)");
            assertThat(d.repair()).startsWith("DROP POLICY IF EXISTS \"tenant_isolation\" ON \"documents\";\nCREATE POLICY");
        });
    }

    @Test
    void anExtraPolicyIsDroppedByTheRepair() {
        Policy extra = new Policy("documents", "debug_all", "SELECT", true, List.of("PUBLIC"), "true", null);

        List<SchemaDifference> diff = SchemaDiffer.diff(schema(), with(null, List.of(TENANT, extra), null, null, null));

        assertThat(diff).singleElement().satisfies(d -> {
            assertThat(d.change()).isEqualTo(Change.UNEXPECTED);
            assertThat(d.repair()).isEqualTo("DROP POLICY IF EXISTS \"debug_all\" ON \"documents\";");
        });
    }

    @Test
    void aRevokedGrantIsHighAndGrantedAgain() {
        List<SchemaDifference> diff = SchemaDiffer.diff(schema(), with(null, null, List.of(COLUMN_UPDATE), null, null));

        assertThat(diff).singleElement().satisfies(d -> {
            assertThat(d.type()).isEqualTo(ObjectType.PRIVILEGE);
            assertThat(d.subject()).isEqualTo("privilege SELECT on table documents to app_reader");
            assertThat(d.severity()).isEqualTo(Severity.HIGH);
            assertThat(d.repair()).isEqualTo("GRANT SELECT ON TABLE \"documents\" TO \"app_reader\";");
        });
    }

    @Test
    void anExtraColumnGrantToPublicIsRevoked() {
        Privilege extra = new Privilege("COLUMN", "documents", "id", "PUBLIC", "SELECT", false);

        List<SchemaDifference> diff = SchemaDiffer.diff(schema(), with(null, null, List.of(READ, COLUMN_UPDATE, extra), null, null));

        assertThat(diff).singleElement().satisfies(d -> {
            assertThat(d.change()).isEqualTo(Change.UNEXPECTED);
            assertThat(d.subject()).isEqualTo("privilege SELECT on column documents.id to PUBLIC");
            assertThat(d.repair()).isEqualTo("REVOKE SELECT (\"id\") ON TABLE \"documents\" FROM PUBLIC;");
        });
    }

    @Test
    void aGrantOptionAddedBehindTheMigrationsIsRevokedAlone() {
        Privilege grantable = new Privilege("TABLE", "documents", null, "app_reader", "SELECT", true);

        List<SchemaDifference> diff = SchemaDiffer.diff(schema(), with(null, null, List.of(grantable, COLUMN_UPDATE), null, null));

        assertThat(diff).singleElement().satisfies(d -> {
            assertThat(d.aspect()).isEqualTo("grant option");
            assertThat(d.repair()).isEqualTo("REVOKE GRANT OPTION FOR SELECT ON TABLE \"documents\" FROM \"app_reader\";");
        });
    }

    @Test
    void grantsOfATableMissingAsAWholeGoWithThatTable() {
        SchemaModel actual = new SchemaModel(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of());

        List<SchemaDifference> diff = SchemaDiffer.diff(schema(), actual);

        assertThat(diff).extracting(SchemaDifference::type).containsExactly(ObjectType.TABLE, ObjectType.DEFAULT_PRIVILEGE);
    }

    @Test
    void aMissingDefaultPrivilegeIsRestoredWithAlterDefaultPrivileges() {
        List<SchemaDifference> diff = SchemaDiffer.diff(schema(), with(null, null, null, List.of(), null));

        assertThat(diff).singleElement().satisfies(d -> {
            assertThat(d.type()).isEqualTo(ObjectType.DEFAULT_PRIVILEGE);
            assertThat(d.subject()).isEqualTo("default privilege SELECT on new tables of CURRENT_USER in schema public to app_reader");
            assertThat(d.repair()).isEqualTo("ALTER DEFAULT PRIVILEGES FOR ROLE CURRENT_USER IN SCHEMA \"public\" GRANT SELECT ON TABLES TO \"app_reader\";");
        });
    }

    @Test
    void revokingTheBuiltInExecuteOnFunctionsIsSeenAgainstPostgresDefaults() {
        // given the database revoked EXECUTE from PUBLIC on new functions (a global entry) and the migrations did not
        DefaultPrivilege ownerOnly = new DefaultPrivilege("CURRENT_USER", null, "f", "app_user", "EXECUTE", false);

        List<SchemaDifference> diff = SchemaDiffer.diff(schema(), with(null, null, null, List.of(DEFAULT_READ, ownerOnly), null));

        // then PUBLIC's built-in EXECUTE is missing and app_user's is extra
        assertThat(diff).extracting(SchemaDifference::change, SchemaDifference::repair).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(Change.MISSING,
                        "ALTER DEFAULT PRIVILEGES FOR ROLE CURRENT_USER GRANT EXECUTE ON FUNCTIONS TO PUBLIC;"),
                org.assertj.core.groups.Tuple.tuple(Change.UNEXPECTED,
                        "ALTER DEFAULT PRIVILEGES FOR ROLE CURRENT_USER REVOKE EXECUTE ON FUNCTIONS FROM \"app_user\";"));
    }

    @Test
    void aChangedOwnerIsAlteredBackByName() {
        List<SchemaDifference> diff = SchemaDiffer.diff(schema(), with(null, null, null, null, List.of(new Owner("TABLE", "documents", "ops_admin"))));

        assertThat(diff).singleElement().satisfies(d -> {
            assertThat(d.subject()).isEqualTo("owner of table documents");
            assertThat(d.expected()).isEqualTo("CURRENT_USER");
            assertThat(d.actual()).isEqualTo("ops_admin");
            assertThat(d.repair()).isEqualTo("ALTER TABLE \"documents\" OWNER TO CURRENT_USER;");
        });
    }
}
