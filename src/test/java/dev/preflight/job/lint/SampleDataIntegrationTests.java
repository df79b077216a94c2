package dev.preflight.job.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.testing.PostgresExtension;
import dev.preflight.testing.TestDatabase;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The generated rows lint measures on: valid foreign keys, vectors of the declared dimension, and the fall-backs. */
@ExtendWith(PostgresExtension.class)
class SampleDataIntegrationTests {

    private static SampleData.Load fill(TestDatabase db, int rows) throws Exception {
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            SampleData.Load load = new SampleData(rows).fillEmptyTables(c);
            c.commit();
            return load;
        }
    }

    @Test
    void childrenPointAtExistingParentsAndVectorsHaveTheDeclaredDimension(TestDatabase db) throws Exception {
        // given a parent, a child with a foreign key to it, and a vector column
        db.execute("CREATE EXTENSION IF NOT EXISTS vector", "CREATE TABLE docs (id bigint PRIMARY KEY, title text NOT NULL)",
                "CREATE TABLE chunks (id bigint PRIMARY KEY, doc_id bigint NOT NULL REFERENCES docs (id), embedding vector(8))");

        // when
        SampleData.Load load = fill(db, 200);

        // then both are filled, every key is a parent's, and the vectors are distinct enough for an index build
        assertThat(load.filled()).containsEntry("\"public\".\"docs\"", 200L).containsEntry("\"public\".\"chunks\"", 200L);
        assertThat(load.skipped()).isEmpty();
        assertThat(db.queryLong("SELECT count(*) FROM chunks c LEFT JOIN docs d ON d.id = c.doc_id WHERE d.id IS NULL")).isZero();
        assertThat(db.queryLong("SELECT count(DISTINCT vector_dims(embedding)) FROM chunks WHERE vector_dims(embedding) = 8")).isEqualTo(1);
        assertThat(db.queryLong("SELECT count(DISTINCT embedding::text) FROM chunks")).isEqualTo(64);
        assertThat(db.queryString("SELECT current_setting('session_replication_role')")).isEqualTo("origin");
    }

    @Test
    void aTableThatNeedsItsTriggerIsFilledWithIt(TestDatabase db) throws Exception {
        // given a table whose check only the values its trigger writes pass (no foreign key of several columns: the fast path)
        db.execute("CREATE TABLE stamped (id bigint PRIMARY KEY, stamp text NOT NULL CHECK (stamp LIKE 's%'))",
                "CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.stamp := 's' || NEW.id; RETURN NEW; END $$",
                "CREATE TRIGGER stamp BEFORE INSERT ON stamped FOR EACH ROW EXECUTE FUNCTION stamp()");

        // when
        SampleData.Load load = fill(db, 50);

        // then it is filled, and the trigger ran for every row
        assertThat(load.filled()).containsEntry("\"public\".\"stamped\"", 50L);
        assertThat(db.queryLong("SELECT count(*) FROM stamped WHERE stamp = 's' || id")).isEqualTo(50);
    }

    @Test
    void aForeignKeyOfSeveralColumnsIsChecked(TestDatabase db) throws Exception {
        // given a child with a two-column foreign key to a table left empty
        db.execute("CREATE TABLE pairs (a int, b int CHECK (b > 1000), PRIMARY KEY (a, b))", // no row can be generated for it
                "CREATE TABLE refs (id int PRIMARY KEY, a int, b int, FOREIGN KEY (a, b) REFERENCES pairs (a, b))");

        // when
        SampleData.Load load = fill(db, 50);

        // then the child's foreign key was checked: it stays empty, with the reason
        assertThat(load.filled()).doesNotContainKey("\"public\".\"refs\"");
        assertThat(db.queryLong("SELECT count(*) FROM refs")).isZero();
        assertThat(load.skipped()).anyMatch(s -> s.startsWith("\"public\".\"refs\": ") && s.contains("foreign key"));
    }
}
