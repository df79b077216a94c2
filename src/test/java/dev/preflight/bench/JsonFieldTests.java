package dev.preflight.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code bench/JsonField.java}, the bench scripts' reader of report figures, compiled from its
 * source as the scripts compile it: a present path prints its value, a missing one fails with exit
 * 3 and says where it stopped, so a renamed report field stops a bench instead of being read as
 * another key's number (as {@code bench/backfill/run.sh} once printed failed migrations as failed
 * rows).
 *
 * <p>Mutations known to be killed: a missing field or a JSON null printed instead of failing; an
 * index out of range, or {@code [*]} over a non-array, not failing; {@code [*]} reading only the
 * first element; an empty array taken for a missing path; exit 0 on a missing path or file.
 */
class JsonFieldTests {

    private static final String REPORT = """
            {"steps": [{"step": "migrateStep", "durationMs": 12}, {"step": "seedStep", "durationMs": 30}],
             "seed": {"durationMs": 25, "failed": 7},
             "embeddings": {"targets": [{"name": "items", "embedded": 3000, "failed": 2, "rowsPerSecond": 812.5}]},
             "verify": {"drift": {"introspectMs": 5, "diffMs": 2}, "totalMs": 99},
             "warnings": [], "lint": null}
            """;

    @TempDir
    static Path dir;
    private static Method run;
    private static Path report;

    /** Output and exit code of one call. */
    record Result(int exit, String out, String err) {
    }

    @BeforeAll
    static void compileTheBenchSource() throws Exception {
        // given the script's source compiled against Jackson, as bench/json-field.sh does with the jar's libraries
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringBuilder classPath = new StringBuilder();
        for (Class<?> c : List.of(JsonMapper.class, JsonParser.class, JsonInclude.class)) {
            classPath.append(classPath.isEmpty() ? "" : File.pathSeparator)
                    .append(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()));
        }
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int compiled = javac.run(null, null, diagnostics, "-d", dir.toString(), "-cp", classPath.toString(), "bench/JsonField.java");
        assertThat(compiled).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();
        URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, JsonFieldTests.class.getClassLoader());
        run = loader.loadClass("JsonField").getDeclaredMethod("run", String[].class, PrintStream.class, PrintStream.class);
        run.setAccessible(true);
        report = Files.writeString(dir.resolve("readiness.json"), REPORT);
    }

    private static Result call(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = (int) run.invoke(null, args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8).strip(), err.toString(StandardCharsets.UTF_8).strip());
    }

    private static Result read(String... paths) throws Exception {
        String[] args = Stream.concat(Stream.of(report.toString()), Stream.of(paths)).toArray(String[]::new);
        return call(args);
    }

    @Test
    void presentPathsPrintTheirValuesOnOneLine() throws Exception {
        assertThat(read("embeddings.targets[0].failed")).isEqualTo(new Result(0, "2", ""));
        assertThat(read("embeddings.targets[0].name", "embeddings.targets[0].rowsPerSecond", "verify.totalMs"))
                .isEqualTo(new Result(0, "items 812.5 99", ""));
        // a whole object is printed as JSON
        assertThat(read("verify.drift").out()).isEqualTo("{\"introspectMs\":5,\"diffMs\":2}");
    }

    @Test
    void theSameKeyElsewhereIsNotRead() throws Exception {
        // "failed" appears first under seed: a path reads the embeddings target's own
        assertThat(read("embeddings.targets[0].failed").out()).isEqualTo("2");
        assertThat(read("seed.failed").out()).isEqualTo("7");
    }

    @Test
    void everyElementIsReadWithAStar() throws Exception {
        assertThat(read("steps[*].durationMs").out()).isEqualTo("12 30");
        assertThat(read("steps[*].step", "seed.durationMs").out()).isEqualTo("migrateStep seedStep 25");
        // an empty array exists: nothing to print, not an error
        assertThat(read("warnings[*]")).isEqualTo(new Result(0, "", ""));
    }

    @Test
    void aMissingPathFailsWithExit3AndSaysWhereItStopped() throws Exception {
        Result renamed = read("embeddings.targets[0].failedRows");
        assertThat(renamed.exit()).isEqualTo(3);
        assertThat(renamed.out()).isEmpty();
        assertThat(renamed.err()).contains("no value at 'embeddings.targets[0].failedRows'", "at 'failedRows'", report.toString());

        assertThat(read("verify.totalMs", "verify.drift.replayMs").exit()).as("one missing path of several").isEqualTo(3);
        assertThat(read("lint.findings").exit()).as("below a JSON null").isEqualTo(3);
        assertThat(read("lint").exit()).as("a JSON null").isEqualTo(3);
        assertThat(read("embeddings.targets[1].failed").err()).contains("at 'targets[1]'");
        assertThat(read("verify[*]").err()).contains("not an array");
        assertThat(read("steps[*].rows").exit()).as("a field missing from the elements").isEqualTo(3);
        assertThat(read("verify..totalMs").exit()).as("an empty name").isEqualTo(3);
    }

    @Test
    void aMissingFileOrNoPathIsAnError() throws Exception {
        Result noFile = call(dir.resolve("absent.json").toString(), "verify.totalMs");
        assertThat(noFile.exit()).isEqualTo(3);
        assertThat(noFile.err()).contains("absent.json", "Did the command write its report?");
        assertThat(call(report.toString()).exit()).isEqualTo(2);
    }

    @Test
    void theBenchScriptsReadReportFieldsThroughIt() throws Exception {
        // the retune bench reads its figures with psql's jsonb operators and the seed bench with Python's json
        // (a missing key stops both); the scaleout bench is another change's
        for (String script : List.of("backfill", "verify", "startup")) {
            assertThat(Files.readString(Path.of("bench", script, "run.sh"))).as(script)
                    .containsAnyOf("bench/JsonField.java", "bench/json-field.sh");
        }
    }
}
