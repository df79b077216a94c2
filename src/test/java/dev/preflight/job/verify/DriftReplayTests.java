package dev.preflight.job.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.job.verify.ShadowServer.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How a replay that failed is explained, on errors and servers built in memory: a role the shadow
 * cluster lacks is a missing {@code verify.shadowRoles} declaration (with the line to add), any
 * other error is the migrations' own.
 *
 * <p>Mutations known to be killed (PIT): every missing role blamed on the declaration (also one
 * that is declared, or on the target's own cluster where roles are never replayed); none blamed.
 */
class DriftReplayTests {

    private static final ShadowServer ISOLATED = new ShadowServer(null, Kind.ISOLATED, "an isolated PostgreSQL 15 cluster", 15);
    private static final String MISSING = "ERROR: role \"app_reader\" does not exist (V6__grants.sql line 2)";

    @Test
    void aMissingUndeclaredRoleIsADeclarationToAdd() {
        assertThat(DriftReplay.explain(MISSING, ISOLATED, List.of("other")))
                .isEqualTo("the migrations use role app_reader, which does not exist in an isolated PostgreSQL 15 cluster (roles are "
                        + "cluster-wide: the shadow has only the roles declared in jobs/preflight.yaml): declare it under "
                        + "verify.shadowRoles: [app_reader] (" + MISSING + ")");
    }

    @Test
    void otherwiseTheMigrationsDoNotReplay() {
        String plain = "the migrations do not replay on an empty database: ";
        // declared, yet missing: the declaration is not what is wrong
        assertThat(DriftReplay.explain(MISSING, ISOLATED, List.of("app_reader"))).isEqualTo(plain + MISSING);
        // on the target's own cluster roles are never created or dropped by a replay
        ShadowServer same = new ShadowServer(null, Kind.SAME_CLUSTER, "the target's own cluster", 15);
        assertThat(DriftReplay.explain(MISSING, same, List.of())).isEqualTo(plain + MISSING);
        assertThat(DriftReplay.explain("ERROR: syntax error at or near \"TABEL\"", ISOLATED, List.of()))
                .isEqualTo(plain + "ERROR: syntax error at or near \"TABEL\"");
    }
}
