package dev.preflight.report.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.kernel.Console;
import dev.preflight.report.Finding;
import dev.preflight.report.Severity;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CiOutputsTests {

    @Test
    void annotationCarriesFileLineAndEscapes() {
        Finding f = Finding.of("MIG002", Severity.BLOCKER, "migrations", "migration V6__x.sql failed at line 5: 100% broken,\nreally", "fix it")
                .at("migrations/V6__x.sql", 5);

        assertThat(CiOutputs.annotation("error", f))
                .isEqualTo("::error file=migrations/V6__x.sql,line=5,title=MIG002 migrations::migration V6__x.sql failed at line 5: 100%25 broken,%0Areally Remedy: fix it");
    }

    @Test
    void stepSummaryIsAppendedAndAnnotationsPrintedOnGithubActions(@TempDir Path tmp) throws Exception {
        Path summary = tmp.resolve("summary.md");
        Files.writeString(summary, "earlier step\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Console console = new Console(Map.of("GITHUB_STEP_SUMMARY", summary.toString(), "GITHUB_ACTIONS", "true"),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        var report = ReportFixtures.notReady();

        new CiOutputs(console).publish(report, "# Report\n");

        assertThat(Files.readString(summary)).isEqualTo("earlier step\n# Report\n\n");
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed.lines().filter(l -> l.startsWith("::"))).hasSize(report.findings().size());
        assertThat(printed).contains("::error title=MIG003").contains("::warning title=SRV002").contains("::notice title=SRV003");
    }

    @Test
    void nothingOutsideCi() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Console console = new Console(Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        assertThat(out.size()).isZero();
        org.assertj.core.api.Assertions.assertThatCode(() -> new CiOutputs(console).publish(ReportFixtures.notReady(), "x")).doesNotThrowAnyException();
        assertThat(out.size()).isZero();
    }
}
