package dev.preflight.check.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The strongest lock names every table held in that mode, sorted, so the same migration always reads the same. */
class StatementMeasurementTests {

    private static StatementMeasurement locks(String... locks) {
        return new StatementMeasurement("migrations/V2__fk.sql", 3, List.of(locks), List.of(), 4, 1000, null);
    }

    @Test
    void aForeignKeyNamesBothTablesItLocksAlikeWhateverTheirOrder() {
        assertThat(locks("SHARE ROW EXCLUSIVE on users", "SHARE ROW EXCLUSIVE on accounts", "ACCESS SHARE on plans").strongestLock())
                .isEqualTo("SHARE ROW EXCLUSIVE on accounts, users");
        assertThat(locks("SHARE ROW EXCLUSIVE on accounts", "SHARE ROW EXCLUSIVE on users").strongestLock())
                .isEqualTo("SHARE ROW EXCLUSIVE on accounts, users");
        assertThat(locks("ACCESS EXCLUSIVE on chunks", "SHARE on documents").strongestLock()).isEqualTo("ACCESS EXCLUSIVE on chunks");
        assertThat(locks().strongestLock()).isEqualTo("none");
    }
}
