package dev.preflight.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupArchiveTests {

    private static final String REMEDY = "re-run bench/startup/classlist.sh to record the class list again";
    // A class name in the JDK's class-list format: the JVM's dump stops at the first line it cannot parse
    private static final Pattern CLASS_LINE = Pattern.compile("[\\w$/]+");

    @Test
    void theLauncherGetsTheListTheJarShipsAndTheMergedJar(@TempDir Path dir) throws Exception {
        Path app = dir.resolve("preflight.jar");
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(app))) {
            zip.putNextEntry(new java.util.zip.ZipEntry(java.util.jar.JarFile.MANIFEST_NAME));
            zip.write("Manifest-Version: 1.0\r\nMain-Class: dev.App\r\n\r\n".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }

        int code = StartupArchive.prepare(app, dir.resolve("preflight-fast.jar"), dir.resolve("lib-merged.jar"), dir.resolve("classlist"));

        assertThat(code).isZero();
        assertThat(Files.readAllLines(dir.resolve("classlist"))).isEqualTo(shipped());
        assertThat(dir.resolve("preflight-fast.jar")).isRegularFile();
        assertThat(dir.resolve("lib-merged.jar")).isRegularFile();
    }

    @Test
    void everyLineIsOneTheJvmsDumpParses() throws Exception {
        List<String> lines = shipped();

        assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(CLASS_LINE.matcher(line).matches()
                || line.startsWith("@lambda-proxy ") || line.startsWith("@lambda-form-invoker ")).as(line).isTrue());
    }

    @Test
    void theListCoversEveryJobAndTheirLambdas() throws Exception {
        List<String> lines = shipped();

        // the classes the database-less runs of old never loaded: every job's own, the job infrastructure, Flyway, JDBC
        assertThat(lines).contains("dev/preflight/job/migrate/MigrateJobConfiguration", "dev/preflight/job/seed/SeedJobConfiguration",
                "dev/preflight/job/backfill/BackfillJobConfiguration", "dev/preflight/job/retune/MeasureTasklet",
                "dev/preflight/job/verify/VerifyJobConfiguration", "org/springframework/batch/core/job/SimpleJob",
                "org/flywaydb/core/Flyway", "org/postgresql/jdbc/PgConnection");
        assertThat(lines).anyMatch(line -> line.startsWith("@lambda-proxy dev/preflight/job/"))
                .anyMatch(line -> line.startsWith("@lambda-proxy org/springframework/batch/"))
                .anyMatch(line -> line.startsWith("@lambda-form-invoker "));
    }

    @Test
    void theListIsNotStale() throws Exception {
        List<String> lines = shipped();
        // without Spring AOT's generated classes (Foo__BeanDefinitions): the unit tests run before the build generates them
        List<String> own = lines.stream().filter(l -> l.startsWith("dev/preflight/") && !l.contains("__")).toList();
        List<String[]> ownLambdas = lines.stream().filter(l -> l.startsWith("@lambda-proxy dev/preflight/") && !l.contains("__"))
                .map(l -> l.split(" ")).toList();

        // a renamed or removed class, or a lambda whose method moved, is made at every start again: the archive lacks it
        long classes = own.stream().filter(StartupArchiveTests::exists).count();
        long lambdas = ownLambdas.stream().filter(StartupArchiveTests::implementationExists).count();

        assertThat(own).hasSizeGreaterThan(300);
        assertThat(classes).as("Preflight's classes the list names that still exist; " + REMEDY).isGreaterThanOrEqualTo(own.size() * 9 / 10);
        assertThat(lambdas).as("Preflight's lambdas the list names whose method still exists; " + REMEDY)
                .isGreaterThanOrEqualTo(ownLambdas.size() * 8 / 10);
    }

    private static boolean exists(String name) {
        try {
            Class.forName(name.replace('/', '.'), false, StartupArchiveTests.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    // @lambda-proxy CALLER NAME INVOKED-TYPE SAM-TYPE KIND IMPL-CLASS IMPL-METHOD IMPL-TYPE INSTANTIATED-TYPE
    private static boolean implementationExists(String[] line) {
        if (line.length < 8) {
            return false;
        }
        try {
            Class<?> impl = Class.forName(line[6].replace('/', '.'), false, StartupArchiveTests.class.getClassLoader());
            return line[7].equals("<init>") || Arrays.stream(impl.getDeclaredMethods()).anyMatch(m -> m.getName().equals(line[7]));
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static List<String> shipped() throws IOException {
        try (InputStream in = StartupArchive.class.getClassLoader().getResourceAsStream(StartupArchive.CLASS_LIST)) {
            assertThat(in).as(StartupArchive.CLASS_LIST + " in the jar; " + REMEDY).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }
}
