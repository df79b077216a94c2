package dev.preflight.seed;

import java.util.List;

/**
 * Rows of one table from one seed file that all mention the same columns, each row remembering
 * where it came from so every error can name the file and the line or record.
 *
 * @param file      the file, relative to the project root
 * @param columns   the columns the rows mention, in file order; columns not listed are never written
 * @param rows      values as text (PostgreSQL converts them to the column types), {@code null} for SQL NULL
 * @param lines     1-based line of each row in the file
 * @param records   1-based record number of each row within its table in the file (generated row number for fixtures)
 * @param generated true when the rows come from a fixture template rather than written out
 * @param cellLines line of each value ({@code [row][column]}) for YAML records, else null (a CSV row is on its line)
 * @param constants per column, true when every row holds the same value (a fixture column without placeholders),
 *                  so checks need to look at one row only; null when not known
 */
public record SeedBlock(String table, String file, List<String> columns, List<String[]> rows, int[] lines, int[] records,
                        boolean generated, int[][] cellLines, boolean[] constants) {

    public boolean constant(int column) {
        return constants != null && constants[column];
    }

    public int size() {
        return rows.size();
    }

    public int columnIndex(String column) {
        return columns.indexOf(column);
    }

    /** Where row {@code i} came from, for messages: {@code jobs/seed/agents.yaml line 12 (agents record 2)}. */
    public String where(int i) {
        return file + " line " + lines[i] + " (" + table + (generated ? " generated row " : " record ") + records[i] + ")";
    }

    /** Where one value came from: the line of the value itself when known (YAML), else of its row. */
    public String where(int i, String column) {
        int c = columns.indexOf(column);
        if (cellLines == null || c < 0) {
            return where(i);
        }
        return file + " line " + cellLines[i][c] + " (" + table + " record " + records[i] + ", column " + column + ")";
    }

    /** Where the block as a whole came from. */
    public String where() {
        return file + " line " + lines[0] + " (" + table + ")";
    }
}
