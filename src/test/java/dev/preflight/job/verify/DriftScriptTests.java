package dev.preflight.job.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.db.schema.SchemaDifference;
import dev.preflight.db.schema.SchemaDifference.Change;
import dev.preflight.db.schema.SchemaDifference.ObjectType;
import dev.preflight.report.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code drift.sql} from differences built in memory: the header naming the database and run, one
 * transaction around the repairs, DESTRUCTIVE above a drop, and a note where SQL cannot repair.
 *
 * <p>Mutations known to be killed (PIT): the no-drift script written for differences, or the
 * reverse; a destructive repair not marked (or every repair marked); a difference without SQL
 * given no note, or its null repair printed; an empty script.
 */
class DriftScriptTests {

    @Test
    void noDifferenceIsSaidAndNothingIsWrapped() {
        String sql = DriftScript.render(List.of(), "neonhub", "run-1");

        assertThat(sql).contains("-- Preflight drift repair: REVIEW BEFORE APPLYING.", "-- Database: neonhub\n", "-- Run:      run-1\n")
                .endsWith("-- No drift: the database matches its migrations.\n").doesNotContain("BEGIN;", "COMMIT;");
    }

    @Test
    void repairsRunInOneTransactionWithDropsMarkedAndUnrepairableOnesNoted() {
        // given an index no migration creates (a destructive drop), a missing column, and a changed owner SQL cannot express here
        var unexpected = new SchemaDifference(ObjectType.INDEX, Change.UNEXPECTED, "chunks_tmp_idx", "chunks", null, null, "btree (x)",
                Severity.MEDIUM, "DROP INDEX chunks_tmp_idx;", true);
        var missing = new SchemaDifference(ObjectType.COLUMN, Change.MISSING, "chunks.lang", "chunks", null, "text", null, Severity.HIGH,
                "ALTER TABLE chunks ADD COLUMN lang text;", false);
        var owner = new SchemaDifference(ObjectType.OWNER, Change.CHANGED, "table chunks", "chunks", "owner", "app", "postgres",
                Severity.LOW, null, false);

        String sql = DriftScript.render(List.of(unexpected, missing, owner), "neonhub", "run-2");

        // then
        String body = sql.substring(sql.indexOf("BEGIN;\n"));
        assertThat(body).isEqualTo("""
                BEGIN;

                -- index chunks_tmp_idx on chunks exists in the database but no migration creates it
                -- DESTRUCTIVE
                DROP INDEX chunks_tmp_idx;

                -- column chunks.lang is in the migrations but missing from the database
                ALTER TABLE chunks ADD COLUMN lang text;

                -- owner of table chunks differs from the migrations in its owner
                -- (not expressible in SQL: fix by hand)

                COMMIT;
                """);
        assertThat(sql).startsWith("-- ====").contains("-- Database: neonhub\n-- Run:      run-2\n").doesNotContain("null");
    }
}
