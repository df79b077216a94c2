package dev.preflight.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.migration.SqlStatement.Mode;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlSplitterTests {

    @Test
    void splitsOnSemicolonsOutsideQuotesCommentsAndDollarBodies() {
        // given
        String script = """
                -- header; not a statement
                CREATE TABLE a (id int, note text DEFAULT 'x;y');
                /* block; /* nested; */ still comment */
                CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;
                INSERT INTO "we;ird" VALUES (E'it\\'s;', $$a;b$$);
                SELECT 1
                """;

        // when
        List<SqlStatement> s = SqlSplitter.split(script);

        // then
        assertThat(s).extracting(SqlStatement::line).containsExactly(2, 4, 5, 6);
        assertThat(s.get(0).sql()).isEqualTo("CREATE TABLE a (id int, note text DEFAULT 'x;y')");
        assertThat(s.get(0).comments()).isEqualTo("header; not a statement");
        assertThat(s.get(1).sql()).endsWith("LANGUAGE sql");
        assertThat(s.get(1).comments()).contains("nested");
        assertThat(s.get(2).sql()).isEqualTo("INSERT INTO \"we;ird\" VALUES (E'it\\'s;', $$a;b$$)");
        assertThat(s.get(3).sql()).isEqualTo("SELECT 1");
        assertThat(s).extracting(SqlStatement::mode).containsOnly(Mode.TRANSACTIONAL);
    }

    @Test
    void aSqlStandardFunctionBodyIsOneStatementAsForPsqlAndTheServer() {
        // given PostgreSQL 14's BEGIN ATOMIC bodies (a CASE ... END inside one), a parameter named begin, and a transaction
        String script = """
                CREATE FUNCTION add_one(i int) RETURNS int LANGUAGE sql
                BEGIN ATOMIC
                  SELECT CASE WHEN i > 0 THEN i + 1 ELSE 0 END;
                  SELECT i;
                END;
                create or replace procedure p() language sql begin atomic insert into t values (1); end;
                CREATE FUNCTION g(begin int) RETURNS int LANGUAGE sql RETURN begin;
                BEGIN;
                CREATE TABLE after_atomic (id int);
                END;
                """;

        // when
        List<SqlStatement> s = SqlSplitter.split(script);

        // then
        assertThat(s).extracting(SqlStatement::line).containsExactly(1, 6, 7, 8, 9, 10);
        assertThat(s.get(0).sql()).startsWith("CREATE FUNCTION add_one").endsWith("SELECT i;\nEND");
        assertThat(s.get(1).sql()).endsWith("insert into t values (1); end");
        assertThat(s.get(2).sql()).endsWith("RETURN begin");
        assertThat(s).extracting(SqlStatement::mode).containsExactly(Mode.TRANSACTIONAL, Mode.TRANSACTIONAL, Mode.TRANSACTIONAL,
                Mode.TRANSACTION_CONTROL, Mode.TRANSACTIONAL, Mode.TRANSACTION_CONTROL);
    }

    @Test
    void theDataAfterCopyFromStdinBelongsToTheCopyUpToItsBackslashDotLine() {
        // given pg_dump's form: data rows holding a semicolon, a dollar pair and a quote, CRLF in one row
        String script = "CREATE TABLE t (id int, name text);\n"
                + "COPY public.t (id, name) FROM stdin;\n"
                + "1\tbeta;gamma\n"
                + "2\t$$it's\r\n"
                + "\\.\n"
                + "\n"
                + "CREATE INDEX CONCURRENTLY t_name ON t (name);\n"
                + "copy t from STDIN with (format csv);\n"
                + "3,x\n";

        // when
        List<SqlStatement> s = SqlSplitter.split(script);

        // then the rows are the COPY's data, not statements, and the lines after them keep their numbers
        assertThat(s).extracting(SqlStatement::line).containsExactly(1, 2, 7, 8);
        assertThat(s.get(1).sql()).isEqualTo("COPY public.t (id, name) FROM stdin");
        assertThat(s.get(1).copyData()).isEqualTo("1\tbeta;gamma\n2\t$$it's\n");
        assertThat(s.get(2).mode()).isEqualTo(Mode.NON_TRANSACTIONAL);
        assertThat(s.get(2).copyData()).isNull();
        assertThat(s.get(3).copyData()).as("no \\. line: the data runs to the end, as for psql").isEqualTo("3,x\n");
        assertThat(SqlSplitter.split("COPY t TO stdout;\nSELECT 1;\n")).extracting(SqlStatement::copyData).containsOnlyNulls();
        assertThat(SqlSplitter.split("COPY t FROM '/tmp/stdin';\nSELECT 1;\n")).hasSize(2);
    }

    @Test
    void classifiesStatementsPostgresRefusesInATransaction() {
        // given
        String script = """
                BEGIN;
                ALTER TYPE mood ADD VALUE 'meh';
                COMMIT;
                create unique index
                  concurrently idx on t (a);
                DROP INDEX CONCURRENTLY IF EXISTS idx;
                REINDEX (VERBOSE) INDEX CONCURRENTLY idx;
                VACUUM ANALYZE t;
                ALTER SYSTEM SET work_mem = '8MB';
                CREATE INDEX idx2 ON t (b); -- concurrently in a comment does not count
                """;

        // when
        List<SqlStatement> s = SqlSplitter.split(script);

        // then
        assertThat(s).extracting(SqlStatement::mode).containsExactly(Mode.TRANSACTION_CONTROL, Mode.TRANSACTIONAL,
                Mode.TRANSACTION_CONTROL, Mode.NON_TRANSACTIONAL, Mode.NON_TRANSACTIONAL, Mode.NON_TRANSACTIONAL,
                Mode.NON_TRANSACTIONAL, Mode.NON_TRANSACTIONAL, Mode.TRANSACTIONAL);
        assertThat(s.get(3).line()).isEqualTo(4);
        assertThat(s.get(8).line()).isEqualTo(10);
    }

    @Test
    void dropsEmptyAndCommentOnlyParts() {
        assertThat(SqlSplitter.split(";;\n-- only a comment\n/* and this */")).isEmpty();
    }

    @Test
    void groupsTransactionalRunsAndIsolatesTheOthers() {
        // given
        List<SqlStatement> s = SqlSplitter.split("""
                CREATE TABLE t (a int);
                INSERT INTO t VALUES (1);
                CREATE INDEX CONCURRENTLY i ON t (a);
                COMMIT;
                UPDATE t SET a = 2;
                BEGIN;
                UPDATE t SET a = 3;
                """);

        // when
        List<List<SqlStatement>> groups = StatementGroups.of(s);

        // then
        assertThat(groups).extracting(List::size).containsExactly(2, 1, 1, 1);
        assertThat(groups.get(1).get(0).line()).isEqualTo(3);
    }
}
