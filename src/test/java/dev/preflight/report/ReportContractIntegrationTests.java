package dev.preflight.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.testing.CliRun;
import dev.preflight.testing.PostgresExtension;
import dev.preflight.testing.Projects;
import dev.preflight.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON report is a public contract ({@code schemaVersion} 1): the gate's report on the NeonHub
 * example, with what varies between runs masked (times, durations, run ids, URLs, paths), must equal
 * the stored {@code src/test/resources/report/gate-example.json}. The stored file was written by this
 * test on main before the architecture refactor (e2dd3ed), so a refactor that changes a key, a
 * value, a finding or the order of anything fails here. After a deliberate change of the contract,
 * regenerate it with {@code -Dpreflight.updateContract=true} and review the diff.
 */
@ExtendWith(PostgresExtension.class)
class ReportContractIntegrationTests {

    static final Path STORED = Path.of("src/test/resources/report/gate-example.json");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Keys whose values differ from run to run by nature. */
    private static final Set<String> VOLATILE_KEYS = Set.of("runId", "generatedAt", "preflightVersion", "project", "url",
            "installedOn", "serverVersion", "serverVersionNum", "shadowDatabase", "rowsPerSecond", "millis",
            // the example's IVFFlat indexes are built on empty tables, so pgvector picks random list centres: their size and
            // IDX001's measured recall (the point of the finding) differ from run to run
            "sizeBytes");
    /** Findings whose numbers measure randomness (an untrained IVFFlat index): the decimals of their message and actual value are masked. */
    private static final Set<String> RANDOM_MEASUREMENTS = Set.of("IDX001");
    private static final Pattern DECIMAL = Pattern.compile("\\b\\d+\\.\\d+\\b");
    private static final Set<String> VOLATILE_PATHS = Set.of("database.name");
    private static final Map<Pattern, String> VOLATILE_TEXT = new LinkedHashMap<>();

    static {
        VOLATILE_TEXT.put(Pattern.compile("postgresql://\\S+?(?=[\\s,;)]|$)"), "<url>");
        VOLATILE_TEXT.put(Pattern.compile("preflight_shadow_[0-9a-f]+"), "<shadow>");
        VOLATILE_TEXT.put(Pattern.compile("\\d{8}-\\d{6}-[a-z]+-[0-9a-f]{4}"), "<run-id>");
        VOLATILE_TEXT.put(Pattern.compile("\\d{4}-\\d{2}-\\d{2}T[\\d:.]+Z?"), "<time>");
        VOLATILE_TEXT.put(Pattern.compile("\\b\\d+(\\.\\d+)? ?(ms|s)\\b"), "<duration>");
        VOLATILE_TEXT.put(Pattern.compile("\\b\\d+(\\.\\d+)? rows/s\\b"), "<rate>");
    }

    @Test
    void theGateReportOnTheExampleIsTheStoredContract(TestDatabase db, @TempDir Path tmp) throws Exception {
        Path project = Projects.copyExample(tmp);

        CliRun run = CliRun.run("gate", "--project", project.toString(), "--db-url", db.uri());

        assertThat(run.exitCode()).as(run.err()).isZero();
        Object report = JSON.readValue(Files.readString(project.resolve("reports/latest/readiness.json")), Object.class);
        String actual = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(normalize(report, "", project.toString())) + "\n";
        Files.writeString(Path.of("target/gate-example.actual.json"), actual); // to diff against the stored file when this fails
        if (Boolean.getBoolean("preflight.updateContract")) {
            Files.writeString(STORED, actual);
        }
        assertThat(actual).isEqualTo(Files.readString(STORED));
        assertThat(actual).contains("\"schemaVersion\" : 1,");
    }

    @Test
    void theMaskingHidesOnlyWhatVaries() {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("runId", "20261130-153111-gate-992e");
        in.put("durationMs", 812);
        in.put("lists", 100);
        in.put("evidence", "connected to postgresql://u:****@127.0.0.1:5432/db in 12 ms; recall 0.95 at probes 4");
        in.put("database", new LinkedHashMap<>(Map.of("name", "t_1_2")));
        Map<String, Object> untrained = new LinkedHashMap<>();
        untrained.put("id", "IDX001");
        untrained.put("actual", "0.13");
        in.put("findings", List.of(untrained));

        Object out = normalize(in, "", "/tmp/x");

        assertThat(out).hasToString("{runId=<masked>, durationMs=<masked>, lists=100, evidence=connected to <url> in <duration>; "
                + "recall 0.95 at probes 4, database={name=<masked>}, findings=[{id=IDX001, actual=<measured>}]}");
    }

    @SuppressWarnings("unchecked")
    static Object normalize(Object node, String path, String projectDir) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            boolean random = map.get("id") instanceof String id && RANDOM_MEASUREMENTS.contains(id);
            ((Map<String, Object>) map).forEach((key, value) -> {
                String at = path.isEmpty() ? key : path + "." + key;
                boolean masked = VOLATILE_KEYS.contains(key) || VOLATILE_PATHS.contains(at) || key.endsWith("Ms");
                Object normal = masked && value != null ? "<masked>" : normalize(value, at, projectDir);
                out.put(key, random && (key.equals("message") || key.equals("actual")) && normal instanceof String text ? DECIMAL.matcher(text).replaceAll("<measured>") : normal);
            });
            return out;
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(normalize(v, path, projectDir)));
            return out;
        }
        if (node instanceof String s) {
            String text = s.replace(projectDir, "<project>");
            for (Map.Entry<Pattern, String> e : VOLATILE_TEXT.entrySet()) {
                text = e.getKey().matcher(text).replaceAll(e.getValue());
            }
            return text;
        }
        return node;
    }
}
