package dev.preflight.job.retune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.testing.PostgresExtension;
import dev.preflight.testing.TestDatabase;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The copy HNSW recall is measured on: its queries are not in it, it has the graph asked for, and it is dropped. */
@ExtendWith(PostgresExtension.class)
class HeldOutCopyIntegrationTests {

    @Test
    void heldOutVectorsAreNotInTheCopyAndTheCopyIsDroppedAfterUse(TestDatabase db) throws Exception {
        // given: 3,000 vectors, and a leftover of an interrupted run under the copy's name
        RecallMeasurerIntegrationTests.load(db);
        db.execute("CREATE SCHEMA IF NOT EXISTS preflight");
        try (Connection c = db.connect()) {
            VectorIndexTarget source = VectorIndexTarget.read(c, "public", "points_v_idx");
            db.execute("CREATE TABLE preflight.retune_test_" + source.oid() + " (leftover int)");

            // when
            try (HeldOutCopy copy = HeldOutCopy.build(c, source, "test", 8, 32, 100)) {
                // then: 100 held-out vectors with keys that name no row, none of them left in the copy, which holds the rest
                String table = "preflight.retune_test_" + source.oid();
                List<RecallMeasurer.Query> held = copy.queries();
                assertThat(held).hasSize(100);
                assertThat(held).allSatisfy(q -> assertThat(q.self()).startsWith("held-out "));
                assertThat(db.queryLong("SELECT count(*) FROM " + table)).isEqualTo(2_900);
                assertThat(db.queryLong("SELECT count(*) FROM " + table + " WHERE v::text IN ("
                        + String.join(",", held.stream().map(q -> "'" + q.vector() + "'").toList()) + ")")).isZero();
                assertThat(db.queryLong("SELECT count(*) FROM points WHERE v::text IN ("
                        + String.join(",", held.stream().map(q -> "'" + q.vector() + "'").toList()) + ")")).isEqualTo(100);
                // an HNSW graph with the m and ef_construction asked for, found by the planner
                assertThat(copy.index().method()).isEqualTo("hnsw");
                assertThat(copy.index().m()).isEqualTo(8);
                assertThat(copy.index().efConstruction()).isEqualTo(32);
                assertThat(new RecallMeasurer(c, copy.index(), 10).planUsesIndex(held.get(0).vector())).isTrue();
            }
            // and closing drops it
            assertThat(db.queryLong("SELECT count(*) FROM pg_class WHERE relname LIKE 'retune_test%'")).isZero();
        }
    }
}
