package dev.preflight.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.report.DatabaseInfo;
import dev.preflight.report.DatabaseInfo.VectorIndex;
import dev.preflight.testing.PostgresExtension;
import dev.preflight.testing.TestDatabase;
import java.sql.Connection;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The catalog's vector-index rows are the rows each index holds, counted, and agree with what a scan of the index returns. */
@ExtendWith(PostgresExtension.class)
class CatalogIntegrationTests {

    @Test
    void indexedRowsLeaveOutNullsZeroVectorsOfCosineIndexesAndRowsOutsideAPredicate(TestDatabase db) throws Exception {
        // given: 20 vectors (10 of kind a), 5 NULLs and 3 zero vectors, in a table whose name needs quoting; the indexes
        // are built on the empty table, so the planner's estimate (pg_class.reltuples) says nothing about them
        db.execute("CREATE EXTENSION IF NOT EXISTS vector",
                "CREATE TABLE \"Items\" (id int PRIMARY KEY, v vector(3), kind text)",
                "CREATE INDEX items_cos_idx ON \"Items\" USING ivfflat (v vector_cosine_ops) WITH (lists = 1)",
                "CREATE INDEX items_l2_idx ON \"Items\" USING ivfflat (v vector_l2_ops) WITH (lists = 1)",
                "CREATE INDEX items_part_idx ON \"Items\" USING hnsw (v vector_l2_ops) WHERE kind = 'a'",
                "CREATE INDEX items_expr_idx ON \"Items\" USING hnsw ((v::halfvec(3)) halfvec_cosine_ops)",
                "INSERT INTO \"Items\" SELECT g, ('[' || g || ',' || (g % 7) || ',1]')::vector, "
                        + "CASE WHEN g <= 10 THEN 'a' ELSE 'b' END FROM generate_series(1, 20) g",
                "INSERT INTO \"Items\" SELECT g, NULL, 'a' FROM generate_series(21, 25) g",
                "INSERT INTO \"Items\" SELECT g, '[0,0,0]', 'a' FROM generate_series(26, 28) g");

        // when
        Map<String, VectorIndex> indexes;
        try (Connection c = db.connect()) {
            indexes = new Catalog(c, Catalog.DEFAULT_HISTORY_TABLE).vectorIndexes().stream()
                    .collect(Collectors.toMap(VectorIndex::name, Function.identity()));
        }

        // then: cosine leaves out NULLs and zero vectors, L2 only NULLs, the partial index holds its predicate's rows
        // (zero vectors of kind a included), and the expression index is counted on its expression
        assertThat(indexes.get("items_cos_idx").indexedRows()).isEqualTo(20);
        assertThat(indexes.get("items_l2_idx").indexedRows()).isEqualTo(23);
        assertThat(indexes.get("items_part_idx").indexedRows()).isEqualTo(13);
        assertThat(indexes.get("items_expr_idx").indexedRows()).isEqualTo(20);
        assertThat(indexes.get("items_expr_idx").column()).isNull();
        // and those are the rows pgvector returns from the two IVFFlat indexes when its one list is probed
        assertThat(indexScanRows(db, "<=>")).isEqualTo(20);
        assertThat(indexScanRows(db, "<->")).isEqualTo(23);
    }

    @Test
    void historyTablesAreLeftOutOnlyWhereTheirToolsMakeThem(TestDatabase db) throws Exception {
        // given: golang-migrate's and Postgrator's tables in the current schema, Flyway's in another schema, and Supabase's
        // auth.schema_migrations, an application table that happens to share golang-migrate's name
        db.execute("CREATE TABLE t (id int PRIMARY KEY)", "CREATE TABLE schema_migrations (version bigint PRIMARY KEY)",
                "CREATE TABLE schemaversion (version bigint PRIMARY KEY)", "CREATE SCHEMA app",
                "CREATE TABLE app.flyway_schema_history (installed_rank int PRIMARY KEY)", "CREATE SCHEMA auth",
                "CREATE TABLE auth.schema_migrations (version text PRIMARY KEY)");

        // when
        DatabaseInfo.SchemaCounts counts;
        try (Connection c = db.connect()) {
            counts = new Catalog(c, Catalog.DEFAULT_HISTORY_TABLE).counts();
        }

        // then: t and auth.schema_migrations, with their primary key indexes
        assertThat(counts.tables()).isEqualTo(2);
        assertThat(counts.indexes()).isEqualTo(2);
    }

    private static long indexScanRows(TestDatabase db, String operator) throws Exception {
        try (Connection c = db.connect(); var st = c.createStatement()) {
            st.execute("SET enable_seqscan = off");
            st.execute("SET ivfflat.probes = 1");
            try (var rs = st.executeQuery("EXPLAIN SELECT id FROM \"Items\" ORDER BY v " + operator + " '[1,2,3]' LIMIT 100")) {
                rs.next();
                assertThat(rs.getString(1)).contains("Limit");
                rs.next();
                assertThat(rs.getString(1)).contains("Index Scan using items_");
            }
            try (var rs = st.executeQuery("SELECT count(*) FROM (SELECT id FROM \"Items\" ORDER BY v " + operator
                    + " '[1,2,3]' LIMIT 100) s")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
