package dev.preflight.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.preflight.kernel.PreflightException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code verify} settings of {@code jobs/preflight.yaml} written to a temporary project: the
 * shadow server (flag over environment, blank meaning none) with its declared roles, and the
 * domain mapping (NeonHub's when absent), each refused with the file and a remedy when malformed.
 *
 * <p>Mutations known to be killed (PIT): the environment's shadow URL taken over the flag, a blank
 * one parsed; declared roles not read, or a role name with a quote or a space accepted; a
 * non-list accepted; the NeonHub mapping returned for a project's own domains (or none
 * for an absent file); a table's domain not found, or found in another domain; an unknown
 * {@code verify.} key accepted.
 */
class VerifySettingsTests {

    private static ProjectLayout project(Path dir, String yaml) throws Exception {
        if (yaml != null) {
            Files.writeString(Files.createDirectories(dir.resolve("jobs")).resolve(ProjectConfig.FILE), yaml);
        }
        return ProjectLayout.of(dir);
    }

    @Test
    void theShadowUrlFlagWinsOverTheEnvironmentAndBlankMeansIsolated(@TempDir Path dir) throws Exception {
        ProjectLayout p = project(dir, "verify:\n  shadowRoles: [app_user, app_reader]\n");

        ShadowSettings flag = ShadowSettings.of("postgresql://u@flag-host/db", "postgresql://u@env-host/db", false, p);
        assertThat(flag.url().hosts()).contains("flag-host");
        assertThat(flag.roles()).containsExactly("app_user", "app_reader");
        assertThat(ShadowSettings.of(null, "postgresql://u@env-host/db", true, p).url().hosts()).contains("env-host");
        ShadowSettings blank = ShadowSettings.of(null, "  ", true, p);
        assertThat(blank.url()).isNull();
        assertThat(blank.sameCluster()).isTrue();
        assertThat(ShadowSettings.isolated()).isEqualTo(new ShadowSettings(null, false, List.of()));
    }

    @Test
    void shadowRolesAreAListOfRoleNames(@TempDir Path dir) throws Exception {
        assertThat(ShadowSettings.roles(project(dir.resolve("none"), null))).isEmpty();
        assertThat(ShadowSettings.roles(project(dir.resolve("other"), "embeddings: {}\n"))).isEmpty();
        assertThat(ShadowSettings.roles(project(dir.resolve("no-roles"), "verify:\n  domains: {A: [a]}\n"))).isEmpty();
        assertThat(ShadowSettings.roles(project(dir.resolve("unreadable"), "verify: [\n"))).as("ProjectConfig reports it").isEmpty();
        assertThat(ShadowSettings.roles(project(dir.resolve("ok"), "verify:\n  shadowRoles: [r_1, \"_x$\", solesonic-llm-api, \"app user\"]\n")))
                .containsExactly("r_1", "_x$", "solesonic-llm-api", "app user");

        assertThatThrownBy(() -> ShadowSettings.roles(project(dir.resolve("scalar"), "verify:\n  shadowRoles: app_user\n")))
                .isInstanceOf(PreflightException.class).hasMessage("jobs/preflight.yaml: verify.shadowRoles must be a list of role names");
        for (String bad : List.of("\"\"", "\"a\\tb\"", "r".repeat(64), "\u00e9".repeat(32))) {
            Path d = dir.resolve("bad" + Integer.toHexString(bad.hashCode()));
            assertThatThrownBy(() -> ShadowSettings.roles(project(d, "verify:\n  shadowRoles: [" + bad + "]\n"))).as(bad)
                    .isInstanceOf(PreflightException.class).hasMessageContaining("is not a role name PostgreSQL accepts");
        }
    }

    @Test
    void domainsAreTheProjectsOwnOrNeonHubsWhenNoneAreSet(@TempDir Path dir) throws Exception {
        DomainMapping own = DomainMapping.load(project(dir.resolve("own"), "verify:\n  domains:\n    Billing: [invoices, payments]\n    Auth: [users]\n"));
        assertThat(own.domains()).isEqualTo(Map.of("Billing", List.of("invoices", "payments"), "Auth", List.of("users")));
        assertThat(own.domainOf("payments")).isEqualTo("Billing");
        assertThat(own.domainOf("users")).isEqualTo("Auth");
        assertThat(own.domainOf("chunks")).isEqualTo(DomainMapping.OTHER);

        DomainMapping neonHub = DomainMapping.neonHub();
        assertThat(neonHub.domainOf("chunks")).isEqualTo("RAG/Datasets");
        assertThat(neonHub.domainOf("api_keys")).isEqualTo("Governance");
        for (String yaml : new String[] {null, "embeddings: {}\n", "verify:\n  shadowRoles: [a]\n", "verify: [\n"}) {
            Path d = dir.resolve("default" + (yaml == null ? "0" : Integer.toHexString(yaml.hashCode())));
            assertThat(DomainMapping.load(project(d, yaml))).as(String.valueOf(yaml)).isEqualTo(neonHub);
        }
    }

    @Test
    void malformedDomainsAreRefusedWithTheFileAndAnExample(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> DomainMapping.load(project(dir.resolve("a"), "verify:\n  domain: {A: [a]}\n")))
                .isInstanceOf(PreflightException.class).hasMessage("jobs/preflight.yaml: unknown setting 'verify.domain'");
        assertThatThrownBy(() -> DomainMapping.load(project(dir.resolve("b"), "verify:\n  domains: [a, b]\n")))
                .isInstanceOf(PreflightException.class).hasMessageContaining("verify.domains must map each domain name to a list of tables");
        assertThatThrownBy(() -> DomainMapping.load(project(dir.resolve("c"), "verify:\n  domains:\n    Billing: invoices\n")))
                .isInstanceOf(PreflightException.class).hasMessage("jobs/preflight.yaml: verify.domains.Billing must be a list of table names");
    }
}
