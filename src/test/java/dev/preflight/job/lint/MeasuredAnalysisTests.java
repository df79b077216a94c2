package dev.preflight.job.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rows loaded into a table follow it through a rename, so a later statement on its new name is measured on them. */
class MeasuredAnalysisTests {

    @Test
    void aRenamedTableKeepsItsLoadedRowsUnderItsNewName() {
        // given: lobe-chat's files_to_messages (1,000 generated rows) renamed to messages_files; another table untouched
        Map<String, Long> loaded = new HashMap<>(Map.of("files_to_messages", 1_000L, "users", 50L));
        Map<Long, Object[]> before = Map.of(1L, new Object[] {11L, "files_to_messages"}, 2L, new Object[] {22L, "users"});
        Map<Long, Object[]> after = Map.of(1L, new Object[] {11L, "messages_files"}, 2L, new Object[] {22L, "users"});

        // when
        MeasuredAnalysis.followRenames(before, after, loaded);

        // then
        assertThat(loaded).containsExactlyInAnyOrderEntriesOf(Map.of("messages_files", 1_000L, "users", 50L));
    }
}
