package dev.preflight.check.ci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckRunner;
import dev.preflight.check.SeverityPolicy;
import dev.preflight.report.CheckOutcome;
import org.junit.jupiter.api.Test;

/** CI002 checks the CI secrets in CI only; elsewhere it is NOT_RUN, never a pass that inflates the confidence. */
class CiSecretsCheckTests {

    private static CheckOutcome run(CiSecretsCheck.Environment environment) {
        return new CheckRunner(SeverityPolicy.defaults()).runOne("verify", new CiSecretsCheck(),
                CheckContext.of(null, null, null, null).with(environment));
    }

    @Test
    void outsideCiNothingIsCheckedSoNothingPasses() {
        CheckOutcome outcome = run(new CiSecretsCheck.Environment(false, false, false));

        assertThat(outcome.status()).isEqualTo(CheckOutcome.Status.NOT_RUN);
        assertThat(outcome.evidence()).contains("not running in CI");
    }

    @Test
    void inCiAMissingDatabaseUrlFailsAndBothSetPasses() {
        assertThat(run(new CiSecretsCheck.Environment(true, false, true)).status()).isEqualTo(CheckOutcome.Status.FAILED);
        assertThat(run(new CiSecretsCheck.Environment(true, true, true)).status()).isEqualTo(CheckOutcome.Status.PASSED);
    }
}
