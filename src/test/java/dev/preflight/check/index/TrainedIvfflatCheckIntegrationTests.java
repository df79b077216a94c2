package dev.preflight.check.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.check.CheckContext;
import dev.preflight.report.Finding;
import dev.preflight.testing.PostgresExtension;
import dev.preflight.testing.TestDatabase;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class TrainedIvfflatCheckIntegrationTests {

    private static List<Finding> check(TestDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            return new TrainedIvfflatCheck().run(CheckContext.of(c, null, null, null));
        }
    }

    @Test
    void anIndexBuiltBeforeItsDataIsCaughtByItsMeasuredRecall(TestDatabase db) throws Exception {
        // given an IVFFlat index created on the empty table, then 2,000 vectors loaded
        db.execute("CREATE EXTENSION vector",
                "CREATE TABLE items (id int PRIMARY KEY, embedding vector(16))",
                "CREATE INDEX items_embedding_idx ON items USING ivfflat (embedding vector_l2_ops) WITH (lists = 50)");
        assertThat(check(db)).singleElement().satisfies(f -> assertThat(f.message()).contains("holds no vectors"));
        db.execute("SELECT setseed(0.42)", "INSERT INTO items SELECT g, (SELECT array_agg(random())::vector(16) FROM generate_series(1, 16) "
                + "WHERE g > 0) FROM generate_series(1, 2000) g");

        // when, then: recall at probes=1 on random centres is far below 0.8
        List<Finding> untrained = check(db);
        assertThat(untrained).singleElement().satisfies(f -> {
            assertThat(f.id()).isEqualTo("IDX001");
            assertThat(f.message()).contains("items_embedding_idx returns recall@10 of");
            assertThat(Double.parseDouble(f.actual())).isLessThan(TrainedIvfflatCheck.MIN_RECALL);
        });

        // when the index is rebuilt on the data (one list: the scan is exhaustive)
        db.execute("DROP INDEX items_embedding_idx", "CREATE INDEX items_embedding_idx ON items USING ivfflat (embedding vector_l2_ops) WITH (lists = 1)");

        // then nothing is found
        assertThat(check(db)).isEmpty();
    }
}
