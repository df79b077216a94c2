package dev.preflight.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.report.VerifySection.DomainStatus;
import dev.preflight.report.VerifySection.FindingRef;
import dev.preflight.report.VerifySection.PreviousRun;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunComparisonTests {

    @Test
    void findingsAreNewFixedOrStillOpenAndCountedPerDomain() {
        // given a previous run with two findings, and domains measured now
        PreviousRun prev = new PreviousRun("r1", "2026-01-01T00:00:00Z", "NOT_READY", List.of(
                new FindingRef("GIT001", Severity.BLOCKER, "migration migrations/V6.sql", "untracked"),
                new FindingRef("DRIFT003", Severity.MEDIUM, "index chunks_idx on chunks", "missing")),
                List.of(new DomainStatus("RAG", List.of(), 2, List.of(), 1, null, null, null)));
        VerifySection section = VerifySection.empty()
                .withDrift(null, List.of(new DomainStatus("RAG", List.of("datasets", "documents", "chunks"), 3, List.of(), 0, null, null, null),
                        new DomainStatus("Brand", List.of("brands"), 1, List.of(), 0, null, null, null)))
                .withHistory(null, prev);
        List<Finding> now = List.of(new Finding("DRIFT003", Severity.MEDIUM, "index chunks_idx on chunks", "missing", null, null, null),
                new Finding("DRIFT001", Severity.HIGH, "column brands.name", "nullability", null, null, null));

        // when
        VerifySection done = RunComparison.complete(section, now);

        // then
        assertThat(done.comparison().added()).extracting(FindingRef::id).containsExactly("DRIFT001");
        assertThat(done.comparison().fixed()).extracting(FindingRef::id).containsExactly("GIT001");
        assertThat(done.comparison().stillOpen()).extracting(FindingRef::id).containsExactly("DRIFT003");
        assertThat(done.domains().get(0)).satisfies(d -> {
            assertThat(d.openFindings()).isEqualTo(1);
            assertThat(d.previousTablesPresent()).isEqualTo(2);
            assertThat(d.change()).isEqualTo("improved");
        });
        assertThat(done.domains().get(1).openFindings()).isEqualTo(1);
        assertThat(done.domains().get(1).change()).isEqualTo("first measured");
    }

    @Test
    void withoutAPreviousRunThereIsNoComparison() {
        assertThat(RunComparison.complete(VerifySection.empty(), List.of()).comparison()).isNull();
    }
}
