package dev.preflight.report.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.report.MigrationStatus.DatabaseState;
import dev.preflight.report.MigrationStatus.State;
import org.junit.jupiter.api.Test;

class ReportTextTests {

    private final ReportText text = new ReportText();

    @Test
    void escapesPipesAndJoinsLines() {
        assertThat(text.esc(" a | b\r\n  c\nd ")).isEqualTo("a \\| b c d");
        assertThat(text.esc(null)).isEmpty();
    }

    @Test
    void neverConfusesNeverMigratedWithUpToDate() {
        assertThat(text.state(new DatabaseState(State.NEVER_MIGRATED, null, 0, 5, 0, 0, false)))
                .isEqualTo("never migrated (no history table, no application tables)");
        assertThat(text.state(new DatabaseState(State.UP_TO_DATE, "5", 5, 0, 0, 40, true)))
                .isEqualTo("up to date at version 5");
        assertThat(text.state(new DatabaseState(State.PENDING, null, 0, 5, 0, 0, true)))
                .isEqualTo("nothing applied yet, 5 pending");
        assertThat(text.state(new DatabaseState(State.UNMANAGED, null, 0, 5, 0, 12, false)))
                .isEqualTo("unmanaged (12 application tables but no migration history)");
        assertThat(text.state(null)).isEqualTo("not measured");
    }

    @Test
    void formatsNumbers() {
        assertThat(text.share(1, 3)).isEqualTo("33.3%");
        assertThat(text.share(0, 0)).isEqualTo("n/a");
        assertThat(text.percent(5.0 / 7.0)).isEqualTo("71%");
        assertThat(text.bytes(512)).isEqualTo("512 B");
        assertThat(text.bytes(1_638_400)).isEqualTo("1.6 MiB");
        assertThat(text.duration(850)).isEqualTo("850 ms");
        assertThat(text.duration(12_345)).isEqualTo("12.3 s");
        assertThat(text.duration(125_000)).isEqualTo("2 min 5 s");
    }

    @Test
    void unitsChangeExactlyAtTheirBoundaries() {
        assertThat(text.bytes(1023)).isEqualTo("1023 B");
        assertThat(text.bytes(1024)).isEqualTo("1.0 KiB");
        assertThat(text.bytes(1024 * 1024 - 1)).isEqualTo("1024.0 KiB");
        assertThat(text.bytes(1024 * 1024)).isEqualTo("1.0 MiB");
        assertThat(text.bytes(3L << 30)).isEqualTo("3.0 GiB");
        // TiB is the largest unit
        assertThat(text.bytes(3L << 50)).isEqualTo("3072.0 TiB");
        assertThat(text.duration(999)).isEqualTo("999 ms");
        assertThat(text.duration(1000)).isEqualTo("1.0 s");
        assertThat(text.duration(59_999)).isEqualTo("60.0 s");
        assertThat(text.duration(60_000)).isEqualTo("1 min 0 s");
    }
}
