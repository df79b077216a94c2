package dev.preflight.job.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.report.MigrationEntry;
import dev.preflight.report.VerifySection;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The verify section's history counts from entries built in memory.
 *
 * <p>Mutations known to be killed (PIT): a count taking every entry or none; a failed row
 * whose file is gone not counted as failed or as missing; a checksum compared when one side has
 * none, or a matching checksum counted as a mismatch.
 */
class HistoryTaskletTests {

    private static MigrationEntry entry(String version, String checksum, String applied, String state) {
        return new MigrationEntry(version, "d", "V" + version + "__d.sql", 1, checksum, applied, state, null, null, false);
    }

    @Test
    void eachStateIsCountedOnceAndAChecksumOnlyWhenBothSidesHaveOne() {
        List<MigrationEntry> entries = List.of(
                entry("1", "a", "a", "SUCCESS"),
                entry("2", "b", "x", "SUCCESS"),      // edited after it was applied
                entry("3", "c", null, "SUCCESS"),     // no recorded checksum: nothing to compare
                entry("4", null, "d", "SUCCESS"),     // no local checksum
                entry("5", "e", null, "PENDING"),
                entry("6", "f", null, "PENDING"),
                entry("7", "g", "g", "FAILED"),
                entry("8", null, "h", "MISSING_FAILED"),
                entry("9", null, "i", "MISSING_SUCCESS"));

        assertThat(HistoryTasklet.history(entries)).isEqualTo(new VerifySection.History(4, 2, 2, 1, 2));
        assertThat(HistoryTasklet.history(List.of())).isEqualTo(new VerifySection.History(0, 0, 0, 0, 0));
    }
}
