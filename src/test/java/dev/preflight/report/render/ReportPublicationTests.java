package dev.preflight.report.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.preflight.config.ProjectLayout;
import dev.preflight.report.ReadinessReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed at any point of publication leaves {@code reports/latest} whole (the previous report
 * or the new one, never a mix or a missing file), and the next run removes its leftovers (issue 13, case 4).
 * The kill is injected in-process: the writer stops dead at the chosen point, as SIGKILL would.
 */
class ReportPublicationTests {

    private static final List<String> FILES = List.of("readiness.json", "readiness.md", "readiness.html", "junit.xml");

    private static final class Killed extends IOException {
        Killed(String point) {
            super("killed at " + point);
        }
    }

    private static ReadinessReport report(String runId) {
        ReadinessReport r = ReportFixtures.notReady();
        return new ReadinessReport(r.schemaVersion(), runId, r.command(), r.generatedAt(), r.preflightVersion(), r.project(), r.verdict(),
                r.verdictRule(), r.confidence(), r.jobs(), r.steps(), r.warnings(), r.database(), r.migrationStatus(), r.migrations(),
                r.findings(), r.checklist(), ReadinessReport.sections(null, null, null, null));
    }

    private static List<String> points(ProjectLayout project) throws IOException {
        List<String> seen = new ArrayList<>();
        new ReportWriter(project).withFaults(seen::add).write(report("probe"));
        return seen;
    }

    private static void assertWholeLatest(Path reports, String... allowedRuns) throws IOException {
        Path latest = ReportWriter.latest(reports);
        assertThat(latest).as("latest exists").isNotNull();
        for (String f : FILES) {
            assertThat(latest.resolve(f)).as("latest/" + f).isRegularFile();
        }
        String json = Files.readString(latest.resolve("readiness.json"));
        assertThat(Stream.of(allowedRuns).anyMatch(r -> json.contains("\"runId\" : \"" + r + "\""))).as("latest is one whole run").isTrue();
    }

    private static List<String> leftovers(Path reports) throws IOException {
        try (Stream<Path> s = Files.list(reports)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
        }
    }

    @Test
    void aKillAtEachPublicationPointLeavesAWholeLatestAndTheNextRunCleansUp(@TempDir Path tmp) throws IOException {
        List<String> points = points(ProjectLayout.of(tmp.resolve("probe")));
        assertThat(points).contains("staged readiness.md", "run folder in place", "latest link made", "latest switched");

        for (String point : points) {
            ProjectLayout project = ProjectLayout.of(tmp.resolve("p-" + points.indexOf(point)));
            Path reports = project.reportsDir();
            new ReportWriter(project).write(report("before"));

            assertThatThrownBy(() -> new ReportWriter(project).withFaults(p -> {
                if (p.equals(point)) {
                    throw new Killed(p);
                }
            }).write(report("killed"))).isInstanceOf(Killed.class);

            assertWholeLatest(reports, "before", "killed");
            new ReportWriter(project).write(report("after"));
            assertWholeLatest(reports, "after");
            assertThat(leftovers(reports)).as("leftovers after a kill at '" + point + "'").isEmpty();
        }
    }

    @Test
    void latestIsASymbolicLinkSwitchedInOneRenameAndAnOldLatestFolderIsReplaced(@TempDir Path tmp) throws IOException {
        ProjectLayout project = ProjectLayout.of(tmp);
        Path reports = project.reportsDir();
        Files.createDirectories(reports.resolve("latest"));
        Files.writeString(reports.resolve("latest/readiness.md"), "old copy");

        Path first = new ReportWriter(project).write(report("one"));
        Path second = new ReportWriter(project).write(report("two"));

        assertThat(Files.isSymbolicLink(reports.resolve("latest"))).isTrue();
        assertThat(ReportWriter.latest(reports)).isEqualTo(second);
        assertThat(first.resolve("readiness.md")).isRegularFile();
        assertThat(leftovers(reports)).isEmpty();
    }
}
