package dev.preflight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's fast start, run as a user runs it: {@code ./preflight help} in a copy of the project
 * with the packaged jar builds the extracted layout and the CDS archive, and the JVM can really map
 * that archive afterwards ({@code -Xshare:on} fails when it cannot).
 *
 * <p>Kills: training against a relative or moved jar path (the archive is then refused at every start
 * with "Required classpath entry does not exist"); the JVM's CDS warnings reaching the terminal; a
 * search of the whole class path in {@code help}.
 */
class LauncherIntegrationTests {

    @TempDir
    Path home;

    @Test
    void fastStartBuildsAnArchiveTheJvmMaps() throws Exception {
        Path repo = Path.of("").toAbsolutePath();
        Path jar = repo.resolve("target/preflight.jar");
        assertThat(jar).as("mvn package runs before the integration tests").exists();
        Files.copy(repo.resolve("preflight"), home.resolve("preflight"));
        home.resolve("preflight").toFile().setExecutable(true);
        Files.createDirectories(home.resolve("target"));
        Files.copy(jar, home.resolve("target/preflight.jar"));
        copyTree(repo.resolve("migrations"), home.resolve("migrations"));
        copyTree(repo.resolve("jobs"), home.resolve("jobs"));

        Result first = run(List.of(home.resolve("preflight").toString(), "help"));
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("gate");
        assertThat(first.err()).contains("preparing fast start").doesNotContain("unavailable");
        assertThat(home.resolve("target/fast-start/preflight.jsa")).exists();

        Result second = run(List.of(home.resolve("preflight").toString(), "help"));
        assertThat(second.err()).as("a ready layout is reused, and the JVM prints no CDS warning").isEmpty();

        // a new jar (here: the same bytes, a later time) makes a new layout: the fast jar is a copy, which would run old code
        Path copied = home.resolve("target/preflight.jar");
        Files.setLastModifiedTime(copied, java.nio.file.attribute.FileTime.fromMillis(Files.getLastModifiedTime(copied).toMillis() + 5_000));
        Result rebuilt = run(List.of(home.resolve("preflight").toString(), "help"));
        assertThat(rebuilt.exit()).as(rebuilt.err()).isZero();
        assertThat(rebuilt.err()).contains("preparing fast start");
        assertThat(run(List.of(home.resolve("preflight").toString(), "help")).err()).as("and is reused from then on").isEmpty();

        // -Xshare:on makes an unusable archive a start-up error instead of a silent slow start.
        Result mapped = run(List.of("java", "-Xshare:on", "-XX:SharedArchiveFile=" + home.resolve("target/fast-start/preflight.jsa"),
                "-jar", home.resolve("target/fast-start/app/preflight-fast.jar").toString(), "help"));
        assertThat(mapped.exit()).as(mapped.err()).isZero();
        assertThat(mapped.err()).doesNotContain("Unable to use shared archive");

        // help searches no service on the whole class path: each search opens every jar, 60-100 ms of a start. java.time's
        // zone rules provider (a date in the log pattern or logback's status printer) and java.util.logging's back end
        // (pgJDBC's logging silenced as the process starts) each made one.
        Path classes = home.resolve("classes.log");
        Result logged = run(List.of("java", "-XX:SharedArchiveFile=" + home.resolve("target/fast-start/preflight.jsa"),
                "-Xlog:class+load=info:file=" + classes, "-jar", home.resolve("target/fast-start/app/preflight-fast.jar").toString(), "help"));
        assertThat(logged.exit()).as(logged.err()).isZero();
        assertThat(Files.readString(classes)).contains("dev.preflight.cli.command.HelpCommand ")
                .doesNotContain("java.time.zone.ZoneRulesProvider ", "jdk.internal.logger.BootstrapLogger$DetectBackend ")
                // the archive, dumped from the class list, holds Preflight's classes and its lambdas (else spun at each start)
                .contains("dev.preflight.cli.command.HelpCommand source: shared objects file")
                .containsPattern("dev\\.preflight\\.\\S+\\$\\$Lambda\\S* source: shared objects file");
    }

    private record Result(int exit, String out, String err) {
    }

    private Result run(List<String> command) throws Exception {
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        Process p = new ProcessBuilder(new ArrayList<>(command)).directory(home.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(240, TimeUnit.SECONDS)).as("launcher finished").isTrue();
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
