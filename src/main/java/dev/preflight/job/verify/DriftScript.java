package dev.preflight.job.verify;

import dev.preflight.db.schema.SchemaDifference;
import java.util.List;

/** Renders {@code drift.sql}: the statements that bring the database back to its migrations, for review. */
public final class DriftScript {

    public static final String FILE = "drift.sql";

    private DriftScript() {
    }

    public static String render(List<SchemaDifference> differences, String database, String runId) {
        StringBuilder sb = new StringBuilder();
        sb.append("-- ============================================================================\n")
                .append("-- Preflight drift repair: REVIEW BEFORE APPLYING. Generated, not tested.\n")
                .append("-- Database: ").append(database).append("\n-- Run:      ").append(runId).append('\n')
                .append("-- Brings the database back to what its migrations build (replayed on a shadow\n")
                .append("-- database). If the database is right and the migrations are behind, write a\n")
                .append("-- migration instead. Statements marked DESTRUCTIVE drop objects and their data.\n")
                .append("-- Wrapped in one transaction: a failing statement changes nothing.\n")
                .append("-- ============================================================================\n");
        if (differences.isEmpty()) {
            return sb.append("-- No drift: the database matches its migrations.\n").toString();
        }
        sb.append("BEGIN;\n");
        for (SchemaDifference d : differences) {
            sb.append("\n-- ").append(d.describe().replace("\n", " ")).append('\n');
            if (d.repair() == null) {
                sb.append("-- (not expressible in SQL: fix by hand)\n");
            } else {
                if (d.destructive()) {
                    sb.append("-- DESTRUCTIVE\n");
                }
                sb.append(d.repair()).append('\n');
            }
        }
        return sb.append("\nCOMMIT;\n").toString();
    }
}
