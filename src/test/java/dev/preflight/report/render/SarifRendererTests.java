package dev.preflight.report.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.report.LintSection;
import dev.preflight.report.LintSection.Hazard;
import dev.preflight.report.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code lint.sarif} from a lint section built in memory, read back as JSON: one rule per lint id,
 * one result per hazard at its file and line, the level GitHub code scanning gates on, and a
 * suppressed hazard carried with its justification.
 *
 * <p>Mutations known to be killed (PIT): a rule written empty; a level left empty; the measured
 * figures left out of the message, or added when there are none; the suppression missing, or
 * every result marked suppressed; an empty document. Checked besides: a Windows path and a line 0
 * are written as SARIF wants them.
 */
class SarifRendererTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Hazard hazard(String rule, Severity severity, String file, int line, String measured, String because) {
        return new Hazard(rule, "Index built without CONCURRENTLY (" + rule + ")", severity, file, line, "CREATE INDEX ...", "blocks writes.",
                "use CREATE INDEX CONCURRENTLY", measured, because);
    }

    @Test
    void eachHazardIsAResultAtItsFileAndLineUnderOneRulePerId() throws Exception {
        // given two LINT001 hazards (one measured, one on Windows at line 0), an info one, and a suppressed low one
        LintSection section = new LintSection("pending", 3, 9, true, null, 1000, List.of(),
                List.of(hazard("LINT001", Severity.HIGH, "migrations/V2__idx.sql", 3, "ACCESS EXCLUSIVE for 840 ms", null),
                        hazard("LINT001", Severity.BLOCKER, "migrations\\V3__idx.sql", 0, null, null),
                        hazard("LINT013", Severity.INFO, "migrations/V4__x.sql", 1, null, null)),
                List.of(hazard("LINT007", Severity.LOW, "migrations/V5__rename.sql", 2, null, "the column is unused since v2")), 1, 2, 3, 4);

        // when
        JsonNode sarif = JSON.readTree(SarifRenderer.render(section));

        // then
        assertThat(sarif.get("$schema").asString()).isEqualTo("https://json.schemastore.org/sarif-2.1.0.json");
        assertThat(sarif.get("version").asString()).isEqualTo("2.1.0");
        JsonNode run = sarif.get("runs").get(0);
        JsonNode rules = run.get("tool").get("driver").get("rules");
        assertThat(rules).extracting(r -> r.get("id").asString()).containsExactly("LINT001", "LINT013", "LINT007");
        assertThat(rules.get(0).get("name").asString()).isEqualTo("Index-built-without-CONCURRENTLY-LINT001");
        assertThat(rules.get(0).get("shortDescription").get("text").asString()).isEqualTo("Index built without CONCURRENTLY (LINT001)");
        assertThat(rules.get(0).get("defaultConfiguration").get("level").asString()).isEqualTo("error");

        JsonNode results = run.get("results");
        assertThat(results).extracting(r -> r.get("ruleId").asString()).containsExactly("LINT001", "LINT001", "LINT013", "LINT007");
        assertThat(results).extracting(r -> r.get("level").asString()).containsExactly("error", "error", "note", "warning");
        assertThat(results.get(0).get("message").get("text").asString())
                .isEqualTo("blocks writes. [measured: ACCESS EXCLUSIVE for 840 ms] Fix: use CREATE INDEX CONCURRENTLY");
        assertThat(results.get(1).get("message").get("text").asString()).isEqualTo("blocks writes. Fix: use CREATE INDEX CONCURRENTLY");
        JsonNode where = results.get(1).get("locations").get(0).get("physicalLocation");
        assertThat(where.get("artifactLocation").get("uri").asString()).isEqualTo("migrations/V3__idx.sql");
        assertThat(where.get("artifactLocation").get("uriBaseId").asString()).isEqualTo("%SRCROOT%");
        assertThat(where.get("region").get("startLine").asInt()).as("SARIF lines start at 1").isEqualTo(1);
        assertThat(results.get(0).get("locations").get(0).get("physicalLocation").get("region").get("startLine").asInt()).isEqualTo(3);
        assertThat(results.get(0).has("suppressions")).isFalse();
        JsonNode suppression = results.get(3).get("suppressions").get(0);
        assertThat(suppression.get("kind").asString()).isEqualTo("inSource");
        assertThat(suppression.get("justification").asString()).isEqualTo("the column is unused since v2");
    }

    @Test
    void levelsFollowTheSeverityThatFailsAPullRequest() {
        assertThat(SarifRenderer.level(Severity.BLOCKER)).isEqualTo("error");
        assertThat(SarifRenderer.level(Severity.HIGH)).isEqualTo("error");
        assertThat(SarifRenderer.level(Severity.MEDIUM)).isEqualTo("warning");
        assertThat(SarifRenderer.level(Severity.LOW)).isEqualTo("warning");
        assertThat(SarifRenderer.level(Severity.INFO)).isEqualTo("note");
    }
}
