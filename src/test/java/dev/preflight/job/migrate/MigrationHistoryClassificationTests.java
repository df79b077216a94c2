package dev.preflight.job.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.migration.AppliedMigration;
import dev.preflight.migration.AppliedMigration.Status;
import dev.preflight.migration.Migration;
import dev.preflight.migration.MigrationStateClassifier;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationHistoryClassificationTests {

    private static Migration m(String id, String checksum) {
        return new Migration(id, id, Path.of(id + ".sql"), checksum, List.of());
    }

    private static AppliedMigration row(String id, String checksum, Status status) {
        return new AppliedMigration(id, id, checksum, status, null, null);
    }

    @Test
    void appliedPendingFailedEditedRolledBackAndMissing() {
        var local = List.of(m("a", "1"), m("b", "2"), m("c", "3"), m("d", "4"));
        var history = List.of(row("a", "1", Status.SUCCESS), row("b", "9", Status.SUCCESS), row("c", "3", Status.ROLLED_BACK),
                row("d", "4", Status.FAILED), row("gone", "5", Status.SUCCESS));

        var out = MigrationStateClassifier.classify(local, history, (mig, recorded) -> mig.checksum().equals(recorded));

        assertThat(out).extracting(MigrationStateClassifier.Classified::state)
                .containsExactly("SUCCESS", "SUCCESS", "PENDING", "FAILED", "MISSING_SUCCESS");
        assertThat(out.get(0).checksumMatches()).isTrue();
        assertThat(out.get(1).checksumMatches()).isFalse();
    }

    @Test
    void theLastAttemptCounts() {
        var out = MigrationStateClassifier.classify(List.of(m("a", "1")),
                List.of(row("a", "1", Status.FAILED), row("a", "1", Status.SUCCESS)), (x, y) -> true);
        assertThat(out).singleElement().satisfies(c -> assertThat(c.state()).isEqualTo("SUCCESS"));
    }
}
