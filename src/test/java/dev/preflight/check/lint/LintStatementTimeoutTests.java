package dev.preflight.check.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.check.SeverityPolicy;
import dev.preflight.migration.Migration;
import dev.preflight.migration.SqlSplitter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * LINT022 at its edges: which statements hold a write-blocking lock for a time that grows with the
 * rows, which {@code SET statement_timeout} bounds them, and one hit per file.
 *
 * <p>Kills: a statement kind not read (index, type change, SET NOT NULL, each constraint kind, volatile
 * default); a non-blocking form flagged (CONCURRENTLY, NOT VALID, VALIDATE, USING INDEX, SET NOT NULL
 * after a validated check, constant default, a table created in the same migration); {@code 0} or
 * {@code DEFAULT} taken for a bound; an earlier SET winning over a later one; lock_timeout taken
 * for statement_timeout; a hit per statement instead of per file.
 */
class LintStatementTimeoutTests {

    private static final String HISTORY = """
            CREATE TABLE items (id bigint PRIMARY KEY, owner bigint, status text, code text);
            CREATE TABLE owners (id bigint PRIMARY KEY);
            """;

    private static List<Integer> lines(String sql) {
        Migration setup = new Migration("1", "setup", Path.of("V1__setup.sql"), null, SqlSplitter.split(HISTORY));
        Migration change = new Migration("2", "change", Path.of("V2__change.sql"), null, SqlSplitter.split(sql));
        return StaticAnalysis.run(List.of(setup, change), change::equals, new StaticAnalysis.Settings(true, 150000, SeverityPolicy.defaults()))
                .stream().filter(i -> i.ruleId().equals("LINT022")).map(LintIssue::line).toList();
    }

    @Test
    void everyStatementThatWorksThroughTheRowsUnderAWriteBlockingLockIsFlagged() {
        assertThat(lines("CREATE INDEX items_owner_idx ON items (owner);\n")).containsExactly(1);
        assertThat(lines("CREATE UNIQUE INDEX items_code_idx ON items (code);\n")).containsExactly(1);
        assertThat(lines("ALTER TABLE items ALTER COLUMN owner TYPE numeric;\n")).containsExactly(1);
        assertThat(lines("ALTER TABLE items ALTER COLUMN status SET NOT NULL;\n")).containsExactly(1);
        assertThat(lines("ALTER TABLE items ADD CONSTRAINT items_owner_fk FOREIGN KEY (owner) REFERENCES owners (id);\n")).containsExactly(1);
        assertThat(lines("ALTER TABLE items ADD CONSTRAINT items_status_check CHECK (status <> '');\n")).containsExactly(1);
        assertThat(lines("ALTER TABLE items ADD CONSTRAINT items_code_key UNIQUE (code);\n")).containsExactly(1);
        assertThat(lines("ALTER TABLE items ADD COLUMN token uuid DEFAULT gen_random_uuid();\n")).containsExactly(1);
    }

    @Test
    void nonBlockingFormsAndNewTablesAreNot() {
        assertThat(lines("CREATE INDEX CONCURRENTLY items_owner_idx ON items (owner);\n")).isEmpty();
        assertThat(lines("ALTER TABLE items ADD CONSTRAINT items_owner_fk FOREIGN KEY (owner) REFERENCES owners (id) NOT VALID;\n")).isEmpty();
        assertThat(lines("ALTER TABLE items VALIDATE CONSTRAINT items_owner_fk;\n")).isEmpty();
        assertThat(lines("ALTER TABLE items ADD CONSTRAINT items_code_key UNIQUE USING INDEX items_code_idx;\n")).isEmpty();
        assertThat(lines("ALTER TABLE items ADD CONSTRAINT items_status_nn CHECK (status IS NOT NULL) NOT VALID;\n"
                + "ALTER TABLE items VALIDATE CONSTRAINT items_status_nn;\nALTER TABLE items ALTER COLUMN status SET NOT NULL;\n")).isEmpty();
        assertThat(lines("ALTER TABLE items ADD COLUMN active boolean NOT NULL DEFAULT true;\n")).isEmpty();
        assertThat(lines("ALTER TABLE items DROP COLUMN code;\n")).as("quick, however big the table").isEmpty();
        assertThat(lines("CREATE TABLE fresh (id bigint, v text);\nCREATE INDEX fresh_v_idx ON fresh (v);\n")).isEmpty();
    }

    @Test
    void aBoundingStatementTimeoutBeforeSilencesItAndZeroOrDefaultDoNot() {
        String index = "CREATE INDEX items_owner_idx ON items (owner);\n";
        assertThat(lines("SET statement_timeout = '15min';\n" + index)).isEmpty();
        assertThat(lines("SET LOCAL statement_timeout TO 900000;\n" + index)).isEmpty();
        assertThat(lines("SET statement_timeout = 0;\n" + index)).containsExactly(2);
        assertThat(lines("SET statement_timeout TO DEFAULT;\n" + index)).containsExactly(2);
        assertThat(lines("SET statement_timeout = '15min';\nSET statement_timeout = 0;\n" + index)).as("the last SET wins").containsExactly(3);
        assertThat(lines("SET lock_timeout = '5s';\n" + index)).as("lock_timeout bounds only the wait").containsExactly(2);
        assertThat(lines(index + "SET statement_timeout = '15min';\n")).as("too late for the statement before it").containsExactly(1);
    }

    @Test
    void oneHitPerFileAtTheFirstLongStatement() {
        assertThat(lines("ALTER TABLE items ADD COLUMN note text;\nCREATE INDEX items_owner_idx ON items (owner);\n"
                + "ALTER TABLE items ALTER COLUMN owner TYPE numeric;\n")).containsExactly(2);
    }
}
