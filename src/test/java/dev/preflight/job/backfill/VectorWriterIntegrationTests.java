package dev.preflight.job.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.config.EmbeddingTarget;
import dev.preflight.job.backfill.provider.DeterministicProvider;
import dev.preflight.testing.PostgresExtension;
import dev.preflight.testing.TestDatabase;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** The writer on one pooled connection across chunks, as the step uses it: commits, rollbacks, vanished rows. */
@ExtendWith(PostgresExtension.class)
class VectorWriterIntegrationTests {

    private static final EmbeddingTarget TARGET = new EmbeddingTarget("items", "items", "id", List.of("body"), null, "embedding", null,
            null, false);

    private static EmbeddedRow row(long id) {
        return EmbeddedRow.embedded(Long.toString(id), "hash-" + id, false, EmbeddedRow.StateRecord.NONE, new float[] {id, 0, 1});
    }

    /** The writer and the chunk transactions on one connection, as the step uses them (the staging table is per connection). */
    private record Writing(VectorWriter writer, TransactionTemplate tx, BackfillTask task) {

        static Writing on(TestDatabase db, Connection c, BackfillProgress progress) throws Exception {
            new TargetInspector(c).ensureStateTables();
            SingleConnectionDataSource dataSource = new SingleConnectionDataSource(c, true);
            BackfillTask task = new BackfillTask(TARGET, new BackfillSql(TARGET, "bigint"), new DeterministicProvider(3), db.url(), 2, 1,
                    false, null, new BackfillStats(), progress);
            return new Writing(new VectorWriter(dataSource, task, false), new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                    task);
        }

        void chunk(EmbeddedRow... rows) {
            tx.executeWithoutResult(status -> write(writer, rows));
        }
    }

    @Test
    void aRolledBackFirstChunkDoesNotBreakTheNextOnesAndOnlyUpdatedRowsGetAState(TestDatabase db) throws Exception {
        // given rows 1-6 without vectors
        db.execute("CREATE EXTENSION IF NOT EXISTS vector", "CREATE TABLE items (id bigint PRIMARY KEY, body text, embedding vector(3))",
                "INSERT INTO items (id, body) SELECT g, 'row ' || g FROM generate_series(1, 6) g");
        try (Connection c = db.connect(); BackfillProgress progress = new BackfillProgress("items", 6, null)) {
            Writing writing = Writing.on(db, c, progress);

            // when the first chunk, which creates the staging table, rolls back, and the next ones commit
            writing.tx().executeWithoutResult(status -> {
                write(writing.writer(), row(1), row(2));
                status.setRollbackOnly();
            });
            writing.chunk(row(3), row(4));
            // row 99 was read, then deleted before its chunk was written
            writing.chunk(row(5), row(6), row(99));
        }

        // then the committed chunks are written, the rolled-back one is not, and the vanished row has no state
        assertThat(db.queryStrings("SELECT id::text FROM items WHERE embedding IS NOT NULL ORDER BY id")).containsExactly("3", "4", "5", "6");
        assertThat(db.queryString("SELECT embedding::text FROM items WHERE id = 5")).isEqualTo("[5,0,1]");
        assertThat(db.queryStrings("SELECT row_id || ' ' || content_hash FROM preflight.embedding_state ORDER BY row_id"))
                .containsExactly("3 hash-3", "4 hash-4", "5 hash-5", "6 hash-6");
    }

    @Test
    void aRowReadWithARecordHasItReplacedAndARowReadWithoutOneGetsOne(TestDatabase db) throws Exception {
        // given rows 1 and 2, row 1 with a vector and a stale record (its text changed since)
        db.execute("CREATE EXTENSION IF NOT EXISTS vector", "CREATE TABLE items (id bigint PRIMARY KEY, body text, embedding vector(3))",
                "INSERT INTO items (id, body, embedding) VALUES (1, 'new text', '[9,9,9]'), (2, 'row 2', NULL)");
        try (Connection c = db.connect(); BackfillProgress progress = new BackfillProgress("items", 2, null)) {
            Writing writing = Writing.on(db, c, progress);
            db.execute("INSERT INTO preflight.embedding_state (target, row_id, model, content_hash) VALUES ('items', '1', 'old-model', 'old-hash')");

            // when both are written, row 1 as read with its record
            writing.chunk(EmbeddedRow.embedded("1", "hash-1", true, EmbeddedRow.StateRecord.EXISTING, new float[] {1, 0, 1}), row(2));

            // then row 1's record is replaced (not duplicated, no key violation) and row 2 has a new one
            assertThat(db.queryStrings("SELECT row_id || ' ' || model || ' ' || content_hash FROM preflight.embedding_state ORDER BY row_id"))
                    .containsExactly("1 " + DeterministicProvider.MODEL + " hash-1", "2 " + DeterministicProvider.MODEL + " hash-2");
            assertThat(writing.task().stats().refreshed()).isEqualTo(1);
            assertThat(writing.task().stats().embedded()).isEqualTo(1);
        }
    }

    @Test
    void recordsWrittenAheadAreLeftAsTheyAreAndTheOthersOfTheChunkAreWritten(TestDatabase db) throws Exception {
        // given rows 1-4 without vectors, the records of 1-3 written ahead (row 3's by an earlier, killed run)
        db.execute("CREATE EXTENSION IF NOT EXISTS vector", "CREATE TABLE items (id bigint PRIMARY KEY, body text, embedding vector(3))",
                "INSERT INTO items (id, body) SELECT g, 'row ' || g FROM generate_series(1, 4) g");
        try (Connection c = db.connect(); BackfillProgress progress = new BackfillProgress("items", 4, null)) {
            Writing writing = Writing.on(db, c, progress);
            db.execute("INSERT INTO preflight.embedding_state (target, row_id, model, content_hash, embedded_at) "
                    + "SELECT 'items', g::text, 'ahead', 'hash-' || g, now() - interval '1 day' FROM generate_series(1, 3) g");

            // when a chunk of only written-ahead rows, then a mixed one, are written
            writing.chunk(ahead(row(1)), ahead(row(2)));
            writing.chunk(ahead(row(3)), row(4));
        }

        // then every vector is written, the records written ahead are untouched, and row 4 got its record with its vector
        assertThat(db.queryStrings("SELECT embedding::text FROM items ORDER BY id")).containsExactly("[1,0,1]", "[2,0,1]", "[3,0,1]", "[4,0,1]");
        assertThat(db.queryStrings("SELECT row_id || ' ' || model || ' ' || (embedded_at < now() - interval '1 hour') FROM preflight.embedding_state ORDER BY row_id"))
                .containsExactly("1 ahead true", "2 ahead true", "3 ahead true", "4 " + DeterministicProvider.MODEL + " false");
    }

    private static EmbeddedRow ahead(EmbeddedRow row) {
        return new EmbeddedRow(row.id(), row.hash(), row.hadVector(), EmbeddedRow.StateRecord.WRITTEN_AHEAD, row.vector(), row.issue(), row.reason());
    }

    private static void write(VectorWriter writer, EmbeddedRow... rows) {
        try {
            writer.write(new Chunk<>(rows));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
