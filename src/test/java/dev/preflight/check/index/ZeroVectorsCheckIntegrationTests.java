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
class ZeroVectorsCheckIntegrationTests {

    private static List<Finding> check(TestDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            return new ZeroVectorsCheck().run(CheckContext.of(c, null, null, null));
        }
    }

    @Test
    void zeroVectorsUnderACosineIndexAreFoundAndTheRemedyClearsThem(TestDatabase db) throws Exception {
        // given: zero vectors in a vector column with a cosine IVFFlat index, in a halfvec column with a cosine HNSW
        // index in another schema, and in a column whose only index is L2 (which holds zero vectors)
        db.execute("CREATE EXTENSION vector", "CREATE SCHEMA app",
                "CREATE TABLE docs (id int PRIMARY KEY, embedding vector(3), plain vector(3))",
                "CREATE INDEX docs_cos ON docs USING ivfflat (embedding vector_cosine_ops) WITH (lists = 1)",
                "CREATE INDEX docs_l2 ON docs USING hnsw (plain vector_l2_ops)",
                "CREATE TABLE app.\"Notes\" (id int PRIMARY KEY, \"Half\" halfvec(2))",
                "CREATE INDEX notes_cos ON app.\"Notes\" USING hnsw (\"Half\" halfvec_cosine_ops)",
                "INSERT INTO docs SELECT g, CASE WHEN g <= 3 THEN '[0,0,0]'::vector WHEN g = 4 THEN NULL ELSE '[1,2,3]'::vector END, '[0,0,0]' "
                        + "FROM generate_series(1, 10) g",
                "INSERT INTO app.\"Notes\" VALUES (1, '[0,0]'), (2, '[1,1]')");

        // when
        List<Finding> found = check(db);

        // then: one finding per cosine-indexed column, with the count measured; the L2 column is not one
        assertThat(found).extracting(Finding::subject).containsExactlyInAnyOrder("column app.Notes.Half", "column docs.embedding");
        Finding notes = found.stream().filter(f -> f.subject().contains("Notes")).findFirst().orElseThrow();
        Finding docs = found.stream().filter(f -> f.subject().contains("docs")).findFirst().orElseThrow();
        assertThat(notes.actual()).isEqualTo("1 zero vectors");
        assertThat(notes.message()).startsWith("1 of 2 vectors in app.Notes.Half are zero vectors").contains("notes_cos");
        assertThat(docs.actual()).isEqualTo("3 zero vectors");
        assertThat(docs.message()).startsWith("3 of 9 vectors in docs.embedding are zero vectors").contains("docs_cos");

        // when the remedy's UPDATE is run as written
        for (Finding f : found) {
            String remedy = f.remedy();
            db.execute(remedy.substring(remedy.indexOf("UPDATE "), remedy.indexOf("; then")));
        }

        // then the rows are NULL, for the backfill to embed, and nothing is found
        assertThat(db.queryLong("SELECT count(*) FROM docs WHERE embedding IS NULL")).isEqualTo(4);
        assertThat(check(db)).isEmpty();
    }
}
