package dev.preflight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.testing.CliRun;
import org.junit.jupiter.api.Test;

class PreflightTests {

    @Test
    void helpListsEveryCommandWithOneLine() {
        CliRun r = CliRun.run("help");

        assertThat(r.exitCode()).isZero();
        for (String c : new String[] {"gate", "migrate", "report", "status", "help"}) {
            assertThat(r.out()).containsPattern("(?m)^  " + c + " +\\S.+$");
        }
    }

    @Test
    void unknownCommandExitsTwoWithOneLineOnStderr() {
        CliRun r = CliRun.run("deploy");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("preflight: unknown command 'deploy'").doesNotContain("\n");
    }

    @Test
    void missingMigrationsFolderIsAnErrorNotASuccess(@org.junit.jupiter.api.io.TempDir java.nio.file.Path empty) {
        CliRun r = CliRun.run("gate", "--project", empty.toString(), "--db-url", "postgresql://u:p@127.0.0.1:1/db");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no migrations found").contains("prisma/migrations"); // gate needs migrations: it names what it looked for
    }

    @Test
    void aProviderOutageIsFoundAmongTheCausesSoItIsNamedNotAnInternalError() {
        var outage = new dev.preflight.job.backfill.provider.ProviderException.Unavailable("connection refused: 127.0.0.1:9", null);
        Exception fromTheJob = new IllegalStateException("step failed", new RuntimeException(outage));

        assertThat(Preflight.causeOf(fromTheJob, dev.preflight.job.backfill.provider.ProviderException.Unavailable.class)).isSameAs(outage);
        assertThat(Preflight.causeOf(new IllegalStateException("x"), dev.preflight.job.backfill.provider.ProviderException.Unavailable.class))
                .isNull();
    }
}
