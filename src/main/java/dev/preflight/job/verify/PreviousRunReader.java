package dev.preflight.job.verify;

import dev.preflight.report.Severity;
import dev.preflight.report.VerifySection.DomainStatus;
import dev.preflight.report.VerifySection.FindingRef;
import dev.preflight.report.VerifySection.PreviousRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Finds the most recent earlier {@code readiness.json} under the reports folder and reads what the
 * comparison needs from it. An unreadable report is skipped with a log line: a comparison is a
 * convenience, never a reason to fail a run.
 */
final class PreviousRunReader {

    private static final Logger log = LoggerFactory.getLogger(PreviousRunReader.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PreviousRunReader() {
    }

    static PreviousRun read(Path reportsDir) {
        if (!Files.isDirectory(reportsDir)) {
            return null;
        }
        List<JsonNode> reports = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(reportsDir)) {
            for (Path d : dirs.filter(Files::isDirectory).filter(d -> !d.getFileName().toString().equals("latest"))
                    .filter(d -> !d.getFileName().toString().startsWith(".")).toList()) {
                Path json = d.resolve("readiness.json");
                if (Files.isRegularFile(json)) {
                    try {
                        reports.add(JSON.readTree(Files.readString(json)));
                    } catch (IOException | RuntimeException e) {
                        log.warn("verify: skipping unreadable previous report {}: {}", json, e.getMessage());
                    }
                }
            }
        } catch (IOException e) {
            return null;
        }
        return reports.stream().filter(r -> r.hasNonNull("generatedAt"))
                .max(Comparator.comparing((JsonNode r) -> r.get("generatedAt").asString()).thenComparing(r -> text(r, "runId")))
                .map(PreviousRunReader::toPrevious).orElse(null);
    }

    private static PreviousRun toPrevious(JsonNode r) {
        List<FindingRef> findings = new ArrayList<>();
        for (JsonNode f : r.path("findings")) {
            findings.add(new FindingRef(text(f, "id"), severity(text(f, "severity")), text(f, "subject"), text(f, "message")));
        }
        List<DomainStatus> domains = new ArrayList<>();
        for (JsonNode d : r.path("verify").path("domains")) {
            domains.add(new DomainStatus(text(d, "domain"), List.of(), d.path("tablesPresent").asInt(), List.of(),
                    d.path("openFindings").asInt(), null, null, null));
        }
        return new PreviousRun(text(r, "runId"), text(r, "generatedAt"), text(r, "verdict"), findings, domains);
    }

    private static Severity severity(String s) {
        try {
            return s == null ? Severity.INFO : Severity.parse(s);
        } catch (IllegalArgumentException e) {
            return Severity.INFO;
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }
}
