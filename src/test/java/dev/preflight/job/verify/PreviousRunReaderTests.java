package dev.preflight.job.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.report.Severity;
import dev.preflight.report.VerifySection.FindingRef;
import dev.preflight.report.VerifySection.PreviousRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The previous run verify compares with, read from report folders written in a temporary
 * directory: the latest by generation time (then run id), never {@code latest/} or a hidden
 * folder, an unreadable report skipped, and its findings and domains as the comparison needs them.
 *
 * <p>Mutations known to be killed (PIT): the earliest report taken instead of the latest; the
 * run-id tie-break dropped or reversed; {@code latest/} or a hidden folder read; a report without
 * {@code generatedAt} taken; a finding's unknown or
 * missing severity not read as info; domains' present tables and open findings not read.
 */
class PreviousRunReaderTests {

    private static void report(Path reports, String folder, String json) throws Exception {
        Files.writeString(Files.createDirectories(reports.resolve(folder)).resolve("readiness.json"), json);
    }

    private static String run(String runId, String at, String verdict) {
        return "{\"runId\": \"" + runId + "\", \"generatedAt\": \"" + at + "\", \"verdict\": \"" + verdict + "\", \"findings\": []}";
    }

    @Test
    void theLatestEarlierReportIsReadWithItsFindingsAndDomains(@TempDir Path reports) throws Exception {
        // given two dated runs, the newer with findings and a domain
        // (run ids sort the other way round: time decides)
        report(reports, "run-a", run("zz-run-a", "2026-11-01T10:00:00Z", "READY"));
        report(reports, "run-b", """
                {"runId": "run-b", "generatedAt": "2026-11-02T10:00:00Z", "verdict": "NOT_READY",
                 "findings": [{"id": "MIG003", "severity": "high", "subject": "migrations", "message": "2 pending"},
                              {"id": "X001", "severity": "weird", "subject": "s", "message": null},
                              {"id": "X002", "subject": "t", "message": "m"}],
                 "verify": {"domains": [{"domain": "billing", "tablesPresent": 3, "openFindings": 2}]}}
                """);

        // when
        PreviousRun previous = PreviousRunReader.read(reports);

        // then
        assertThat(previous.runId()).isEqualTo("run-b");
        assertThat(previous.generatedAt()).isEqualTo("2026-11-02T10:00:00Z");
        assertThat(previous.verdict()).isEqualTo("NOT_READY");
        assertThat(previous.findings()).containsExactly(new FindingRef("MIG003", Severity.HIGH, "migrations", "2 pending"),
                new FindingRef("X001", Severity.INFO, "s", null), new FindingRef("X002", Severity.INFO, "t", "m"));
        assertThat(previous.domains()).singleElement().satisfies(d -> {
            assertThat(d.domain()).isEqualTo("billing");
            assertThat(d.tablesPresent()).isEqualTo(3);
            assertThat(d.openFindings()).isEqualTo(2);
        });
    }

    @Test
    void latestHiddenUndatedAndUnreadableReportsAreLeftOut(@TempDir Path reports) throws Exception {
        report(reports, "run-old", run("run-old", "2026-11-01T10:00:00Z", "READY"));
        // newer, but not a run of its own or not readable
        report(reports, "latest", run("run-latest", "2026-12-01T10:00:00Z", "NOT_READY"));
        report(reports, ".tmp-run", run("run-hidden", "2026-12-01T10:00:00Z", "NOT_READY"));
        report(reports, "run-broken", "{\"runId\": \"run-broken\", \"generatedAt\": ");
        report(reports, "run-undated", "{\"runId\": \"run-undated\", \"generatedAt\": null}");
        report(reports, "run-no-date", "{\"runId\": \"run-no-date\"}");
        Files.createDirectories(reports.resolve("run-empty"));
        Files.writeString(reports.resolve("stray.json"), run("stray", "2026-12-01T10:00:00Z", "READY"));

        assertThat(PreviousRunReader.read(reports).runId()).isEqualTo("run-old");
    }

    @Test
    void runsOfTheSameSecondAreOrderedByRunId(@TempDir Path reports) throws Exception {
        // several, so that the folders' listing order cannot pick the right one by chance
        for (String suffix : List.of("c", "a", "h", "e", "b", "g", "d", "f")) {
            report(reports, "dir-" + suffix, run("20261102-100000-" + suffix, "2026-11-02T10:00:00Z", "READY"));
        }

        assertThat(PreviousRunReader.read(reports).runId()).isEqualTo("20261102-100000-h");
    }

    @Test
    void noFolderOrNoReportMeansNoPreviousRun(@TempDir Path reports) throws Exception {
        assertThat(PreviousRunReader.read(reports.resolve("absent"))).isNull();
        assertThat(PreviousRunReader.read(reports)).isNull();
        report(reports, "latest", run("run-latest", "2026-12-01T10:00:00Z", "READY"));
        assertThat(PreviousRunReader.read(reports)).isNull();
    }
}
