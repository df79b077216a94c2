package dev.preflight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.testing.JarRun;
import dev.preflight.testing.PostgresExtension;
import dev.preflight.testing.Projects;
import dev.preflight.testing.TestDatabase;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

@ExtendWith(PostgresExtension.class)
class EndToEndIntegrationTests {

    @Test
    void passwordAppearsInNoReportLogOrError(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given a role whose password holds @ : / % and a URL with it percent-encoded
        String password = "p@ss:w/rd%9Zq";
        String role = db.createRole("neonhub_app", "LOGIN SUPERUSER PASSWORD '" + password + "'");
        String url = "postgresql://" + role + ":" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "@" + db.url().hosts()
                + "/" + db.url().database() + "?sslmode=disable";
        Path project = Projects.copyExample(tmp.resolve("project"));

        // when the gate runs (from DATABASE_URL), then a broken run (wrong database), then status
        JarRun gate = JarRun.run(project, Map.of("DATABASE_URL", url), "gate");
        JarRun broken = JarRun.run(project, Map.of(), "gate", "--db-url", url.replace("/" + db.url().database(), "/no_such_db"));
        JarRun status = JarRun.run(project, Map.of("DATABASE_URL", url), "status");

        // then it worked, and the password is nowhere, in any form
        assertThat(gate.exitCode()).as(gate.output()).isZero();
        assertThat(broken.exitCode()).isEqualTo(2);
        assertThat(broken.output()).contains("database 'no_such_db' does not exist");
        String everything = gate.output() + broken.output() + status.output() + allReportFiles(project);
        assertThat(everything).contains(role).contains("****");
        for (String form : new String[] {password, URLEncoder.encode(password, StandardCharsets.UTF_8), "w/rd%9Zq", "p@ss"}) {
            assertThat(everything).doesNotContain(form);
        }
    }

    @Test
    void gateWithNoUrlRunsOnAnEmbeddedDatabase(@TempDir Path tmp) throws Exception {
        Path project = Projects.copyExample(tmp.resolve("project"));

        JarRun gate = JarRun.run(project, Map.of(), "gate");

        assertThat(gate.exitCode()).as(gate.output()).isZero();
        assertThat(gate.output()).contains("embedded PostgreSQL").contains("Verdict: READY_WITH_WARNINGS");
        var report = JsonMapper.builder().build().readTree(Files.readString(project.resolve("reports/latest/readiness.json")));
        assertThat(report.get("database").get("source").asString()).isEqualTo("embedded");
        assertThat(report.get("database").get("counts").get("tables").asInt()).isGreaterThanOrEqualTo(40);
        try (Stream<Path> left = Files.list(project.resolve(".preflight"))) {
            assertThat(left.filter(p -> p.getFileName().toString().startsWith("pg-"))).as("the throwaway cluster is removed").isEmpty();
        }
    }

    @Test
    void keptEmbeddedDatabaseIsReachableThroughItsUrlFileOnly(@TempDir Path tmp) throws Exception {
        Path project = Projects.copyExample(tmp.resolve("project"));

        JarRun migrate = JarRun.run(project, Map.of(), "migrate", "--keep");

        assertThat(migrate.exitCode()).as(migrate.output()).isZero();
        Path file = Path.of(line(migrate.output(), "Its URL, password included: "));
        String url = Files.readString(file).trim();
        assertThat(Files.getPosixFilePermissions(file)).as("owner only").containsExactlyInAnyOrder(
                java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        String password = url.replaceAll("^postgresql://[^:]+:([^@]+)@.*$", "$1");
        assertThat(migrate.output()).contains("Embedded database kept running: postgresql://postgres:****@").doesNotContain(password);
        try {
            JarRun status = JarRun.run(project, Map.of(), "status", "--db-url", url);
            assertThat(status.exitCode()).as(status.output()).isZero();
            assertThat(status.output()).contains("up to date at version").doesNotContain(password)
                    .as("Preflight's logging applies without Spring too: no library INFO lines").doesNotContain("HikariDataSource");
            assertThat(migrate.output()).as("one logging configuration, no warning from Spring about it").doesNotContain("LogbackLoggingSystem");
        } finally {
            String stop = line(migrate.output(), "Stop it with: ");
            java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(stop.split(" ")));
            if ("root".equals(System.getProperty("user.name"))) {
                cmd.addAll(0, java.util.List.of("runuser", "-u", "postgres", "--"));
            }
            new ProcessBuilder(cmd).inheritIO().start().waitFor();
        }
    }

    private static String line(String output, String prefix) {
        return output.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).findFirst()
                .orElseThrow(() -> new AssertionError("no line '" + prefix + "' in:\n" + output));
    }

    private static String allReportFiles(Path project) throws Exception {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> files = Files.walk(project.resolve("reports"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                sb.append(Files.readString(f));
            }
        }
        return sb.toString();
    }
}
