package dev.preflight.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.preflight.config.DatabaseTarget;
import dev.preflight.config.DatabaseUrl;
import dev.preflight.kernel.Console;
import dev.preflight.kernel.Options;
import dev.preflight.kernel.PreflightException;
import dev.preflight.testing.CliRun;
import dev.preflight.testing.PostgresExtension;
import dev.preflight.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's first connection, and its pool's, are opened while its inputs are read ({@link ConnectAhead}): the attempt is
 * the one the run reports (SRV001, or the connection error with its remedy), a bad input is still the first error, and
 * what a failed run connected ahead is closed.
 */
@ExtendWith(PostgresExtension.class)
class ConnectAheadIntegrationTests {

    private static Console console(Map<String, String> env) {
        return new Console(env, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), System.err);
    }

    private static Options options(String... args) {
        return Options.parse(args);
    }

    /** Preflight's sessions on the test database (application name {@code preflight}), waiting up to 5 s for {@code expected}. */
    private static long sessions(TestDatabase db, long expected) throws InterruptedException {
        long n = -1;
        for (int i = 0; i < 50; i++) {
            n = db.queryLong("SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'preflight/%' AND datname = current_database() AND pid <> pg_backend_pid()");
            if (n == expected) {
                return n;
            }
            Thread.sleep(100);
        }
        return n;
    }

    @Test
    void theAttemptMadeAheadIsTheConnectionTheRunChecksAndKeeps(TestDatabase db, @TempDir Path dir) throws Exception {
        // given a session's options naming the test database
        ConnectAhead ahead = ConnectAhead.start(options("migrate", "--db-url", db.uri()), console(Map.of()));
        assertThat(ahead).isNotNull();
        DatabaseTarget target = TargetResolver.given(options("migrate", "--db-url", db.uri()), console(Map.of()));

        // when the run checks its connections
        List<ConnectAhead.Attempt> attempts = ahead.take(target);

        // then the attempt connected, once, its connection is live, and the run's pool holds one more
        assertThat(attempts).hasSize(1);
        assertThat(attempts.get(0).failure()).isNull();
        assertThat(attempts.get(0).connection().isValid(2)).isTrue();
        var pool = ahead.pool();
        assertThat(pool).isNotNull();
        assertThat(pool.getHikariPoolMXBean().getIdleConnections()).isEqualTo(1);
        assertThat(sessions(db, 2)).isEqualTo(2);

        // and when it is discarded, the connection and the pool are closed
        ahead.discard();
        assertThat(attempts.get(0).connection().isClosed()).isTrue();
        assertThat(pool.isClosed()).isTrue();
        assertThat(sessions(db, 0)).isZero();
    }

    @Test
    void aFailedAttemptIsReportedWhereTheRunChecksWithItsRemedyAndNoPassword(TestDatabase db) {
        // given a URL whose port nothing listens on (the password must not leak)
        String url = "postgresql://nobody:s3cret-Pw@127.0.0.1:1/none";
        ConnectAhead ahead = ConnectAhead.start(options("status", "--db-url", url), console(Map.of()));
        DatabaseTarget target = TargetResolver.given(options("status", "--db-url", url), console(Map.of()));
        RunContext run = ContextFixtures.run("ahead", target);
        assertThat(ahead.take(target)).as("the run's target is the one connected ahead").hasSize(1);

        // when the run checks, then the attempt's error surfaces there, naming the server and the remedy
        assertThatThrownBy(() -> Connectivity.check(run, "status", false, ahead))
                .isInstanceOf(PreflightException.class)
                .hasMessageContaining("127.0.0.1:1")
                .satisfies(e -> assertThat(((PreflightException) e).remedy()).isNotBlank())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret-Pw"));
        assertThat(run.ledger().outcomes()).noneMatch(o -> o.id().equals("SRV001") && o.status() == dev.preflight.report.CheckOutcome.Status.PASSED);
    }

    @Test
    void noDatabaseNamedOrAnUnparsableUrlConnectsNothingAhead() {
        assertThat(ConnectAhead.start(options("status"), console(Map.of()))).isNull();
        assertThat(ConnectAhead.start(options("status", "--db-url", "mysql://h/db"), console(Map.of()))).isNull();
        assertThat(ConnectAhead.start(options("status"), console(Map.of("DATABASE_URL", "postgresql://127.0.0.1:1/x")))).isNotNull();
    }

    @Test
    void anotherTargetThanTheOneConnectedAheadIsConnectedAfreshAndTheAheadOneClosed(TestDatabase db) throws Exception {
        ConnectAhead ahead = ConnectAhead.start(options("status", "--db-url", db.uri()), console(Map.of()));
        DatabaseTarget other = DatabaseTarget.of(DatabaseUrl.parse("postgresql://127.0.0.1:1/other"), null, DatabaseTarget.Source.FLAG);

        assertThat(ahead.take(other)).isNull();
        assertThat(sessions(db, 0)).isZero();
    }

    @Test
    void aBadInputIsStillTheFirstErrorAndLeavesNoConnectionOpen(TestDatabase db, @TempDir Path dir) throws Exception {
        // given a project whose settings file is broken, and a reachable database
        Files.createDirectories(dir.resolve("jobs"));
        Files.writeString(dir.resolve("jobs/preflight.yaml"), "embeddings: [unclosed\n");

        // when a command runs, then the settings error is reported (exit 2), and the connection made ahead is closed
        CliRun run = CliRun.run("status", "--project", dir.toString(), "--db-url", db.uri());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("jobs/preflight.yaml line 2");
        assertThat(sessions(db, 0)).isZero();

        // and with an unreachable database the settings error still comes first
        CliRun unreachable = CliRun.run("status", "--project", dir.toString(), "--db-url", "postgresql://127.0.0.1:1/none");
        assertThat(unreachable.exitCode()).isEqualTo(2);
        assertThat(unreachable.err()).contains("jobs/preflight.yaml line 2").doesNotContain("127.0.0.1:1");
    }
}
