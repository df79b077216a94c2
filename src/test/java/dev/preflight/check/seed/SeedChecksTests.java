package dev.preflight.check.seed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.check.CheckContext;
import dev.preflight.report.Finding;
import dev.preflight.report.SeedSection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SEED001 reports each error of a seed that failed or was invalid, with the section's remedy; an applied seed passes. */
class SeedChecksTests {

    private static SeedSection section(String status, List<String> errors) {
        return new SeedSection(status, false, List.of("jobs/seed/10-identity.yaml"), 0, 5, 0, 0, 0, List.of(), List.of(), null, errors,
                errors.isEmpty() ? null : "fix the file and line named, then run ./preflight seed again");
    }

    @Test
    void anAppliedSeedPassesAndAnInvalidOrFailedOneReportsEachError() {
        SeedAppliedCheck check = new SeedAppliedCheck();

        assertThat(check.run(CheckContext.of(null, null, null, null).with(section("APPLIED", List.of())))).isEmpty();
        List<Finding> invalid = check.run(CheckContext.of(null, null, null, null).with(section("INVALID",
                List.of("jobs/seed/10-identity.yaml line 4: unknown column 'nme'", "jobs/seed/20-content.yaml line 9: duplicate key"))));
        assertThat(invalid).extracting(Finding::message).containsExactly("jobs/seed/10-identity.yaml line 4: unknown column 'nme'",
                "jobs/seed/20-content.yaml line 9: duplicate key");
        assertThat(invalid).allSatisfy(f -> {
            assertThat(f.actual()).isEqualTo("invalid: nothing was written");
            assertThat(f.remedy()).startsWith("fix the file and line named");
        });
        assertThat(check.run(CheckContext.of(null, null, null, null).with(section("FAILED", List.of("seed: loading failed")))))
                .singleElement().satisfies(f -> assertThat(f.actual()).isEqualTo("failed: nothing was written"));
    }
}
