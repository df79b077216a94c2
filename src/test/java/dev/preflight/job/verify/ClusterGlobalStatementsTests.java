package dev.preflight.job.verify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which statements reach the whole cluster, and how they are blanked out of a replayed copy. */
class ClusterGlobalStatementsTests {

    @ParameterizedTest
    @ValueSource(strings = {"CREATE ROLE app_reader", "create user bob with password 'x'", "DROP ROLE IF EXISTS x", "ALTER ROLE app SET work_mem = '1MB'",
            "CREATE GROUP readers", "GRANT app_reader TO bob", "REVOKE app_reader FROM bob", "ALTER SYSTEM SET work_mem = '4MB'",
            "CREATE TABLESPACE fast LOCATION '/ssd'", "CREATE DATABASE other", "GRANT CONNECT ON DATABASE app TO bob",
            "COMMENT ON ROLE bob IS 'x'", "-- a comment first\nDROP ROLE x",
            "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'x') THEN CREATE ROLE x; END IF; END $$"})
    void clusterGlobalStatementsAreRecognised(String sql) {
        assertThat(ClusterGlobalStatements.isGlobal(sql)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"GRANT SELECT ON documents TO app_reader", "REVOKE ALL ON TABLE t FROM PUBLIC", "CREATE USER MAPPING FOR bob SERVER s",
            "ALTER TABLE t OWNER TO app", "CREATE POLICY p ON t TO app USING (true)", "CREATE TABLE roles (id int)",
            "DO $$ BEGIN PERFORM 1; END $$"})
    void databaseLocalStatementsAreNot(String sql) {
        assertThat(ClusterGlobalStatements.isGlobal(sql)).isFalse();
    }

    @Test
    void blankingKeepsLinesAndTheOtherStatements() {
        String script = "CREATE TABLE a (id int);\nCREATE ROLE app_reader\n  NOLOGIN;\nGRANT SELECT ON a TO PUBLIC;\n";

        String blanked = ClusterGlobalStatements.blank(script);

        assertThat(blanked.lines()).hasSize(4);
        assertThat(blanked).startsWith("CREATE TABLE a (id int);\n/* skipped */").doesNotContain("ROLE", "NOLOGIN")
                .endsWith("\nGRANT SELECT ON a TO PUBLIC;\n");
    }
}
