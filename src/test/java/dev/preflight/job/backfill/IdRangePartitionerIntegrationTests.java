package dev.preflight.job.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.config.EmbeddingTarget;
import dev.preflight.job.backfill.provider.DeterministicProvider;
import dev.preflight.testing.PostgresExtension;
import dev.preflight.testing.TestDatabase;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The id ranges of a first start on a real database: partitions of equal pending-row counts however
 * the ids are spread, so that partitions take similar time (issue #16). Pending is counted here
 * with the rule written out again (NULL vector, or a state record of another model or text), not with
 * the backfill's own SQL, and over the range each partition's reader reads: {@code (LOW, HIGH]}.
 */
@ExtendWith(PostgresExtension.class)
class IdRangePartitionerIntegrationTests {

    private static final EmbeddingTarget TARGET = new EmbeddingTarget("items", "items", "id", List.of("body"), null, "embedding", null,
            null, false);
    private static final String PENDING = "SELECT count(*) FROM items t LEFT JOIN preflight.embedding_state s ON s.target = 'items' "
            + "AND s.row_id = t.id::text WHERE (t.embedding IS NULL OR (s.row_id IS NOT NULL AND (s.model <> '" + DeterministicProvider.MODEL
            + "' OR s.content_hash <> md5(t.body))))";

    @Test
    void partitionsOverSkewedIdsHoldEqualPendingRows(TestDatabase db) throws Exception {
        // given ids in three far-apart clusters of different density, most of the dense low block already embedded
        db.execute("CREATE EXTENSION IF NOT EXISTS vector", "CREATE TABLE items (id bigint PRIMARY KEY, body text NOT NULL, embedding vector(3))",
                "INSERT INTO items (id, body) SELECT g, 'row ' || g FROM generate_series(1, 3000) g",
                "INSERT INTO items (id, body) SELECT g, 'row ' || g FROM generate_series(1000000, 1009990, 10) g",
                "INSERT INTO items (id, body) SELECT g, 'row ' || g FROM generate_series(5000000000, 5000000699) g",
                "UPDATE items SET embedding = '[1,0,0]' WHERE id <= 2000");
        try (Connection c = db.connect()) {
            new TargetInspector(c).ensureStateTables();
        }
        // embedded up to date (not pending) and embedded by an older model (pending again) inside the sparse block
        db.execute("UPDATE items SET embedding = '[0,1,0]' WHERE id BETWEEN 1000000 AND 1004990",
                "INSERT INTO preflight.embedding_state (target, row_id, model, content_hash) SELECT 'items', id::text, "
                        + "CASE WHEN id < 1002500 THEN '" + DeterministicProvider.MODEL + "' ELSE 'older-model' END, md5(body) "
                        + "FROM items WHERE id BETWEEN 1000000 AND 1004990");
        long pending = db.queryLong(PENDING);
        assertThat(pending).isEqualTo(1000 + 250 + 500 + 700);

        for (int partitions : new int[] {2, 3, 4, 7}) {
            // when
            Map<String, ExecutionContext> ranges = partition(db, partitions);

            // then as many ranges as asked, open at both ends, each with the same pending rows give or take one, together all
            assertThat(ranges).hasSize(partitions);
            List<Long> counts = new ArrayList<>();
            for (ExecutionContext range : ranges.values()) {
                counts.add(db.queryLong(PENDING + (range.containsKey(PrefetchingReader.LOW) ? " AND t.id > " + range.getString(PrefetchingReader.LOW) : "")
                        + (range.containsKey(PrefetchingReader.HIGH) ? " AND t.id <= " + range.getString(PrefetchingReader.HIGH) : "")));
            }
            assertThat(counts.stream().mapToLong(Long::longValue).sum()).as(partitions + " partitions").isEqualTo(pending);
            assertThat(counts).as(partitions + " partitions: " + counts).allSatisfy(n -> assertThat(n).isBetween(pending / partitions,
                    pending / partitions + 1));
            assertThat(ranges.get(IdRangePartitioner.PREFIX + 0).containsKey(PrefetchingReader.LOW)).isFalse();
            assertThat(ranges.get(IdRangePartitioner.PREFIX + (partitions - 1)).containsKey(PrefetchingReader.HIGH)).isFalse();
        }
        // the fixture is skewed: equal id widths would have put nearly all pending rows in the first and the last range
        long width = (5000000699L - 1) / 4 + 1;
        assertThat(db.queryLong(PENDING + " AND t.id > " + width + " AND t.id <= " + 3 * width)).isZero();
    }

    private static Map<String, ExecutionContext> partition(TestDatabase db, int partitions) throws Exception {
        try (Connection c = db.connect()) {
            BackfillTask task = new BackfillTask(TARGET, new BackfillSql(TARGET, "bigint"), new DeterministicProvider(3), db.url(), 100,
                    partitions, false, null, new BackfillStats(), null);
            BackfillTasks tasks = new BackfillTasks();
            tasks.current(task);
            return new IdRangePartitioner(new SingleConnectionDataSource(c, true), tasks).partition(partitions);
        }
    }
}
