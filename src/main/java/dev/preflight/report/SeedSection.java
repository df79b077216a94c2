package dev.preflight.report;

import java.util.List;

/**
 * Report section "Seed status", filled by the seed job: what the seed files did to each table and,
 * per organization, the rows the seed document promises, all measured by queries after the load
 * (for a dry run, inside the transaction before it is rolled back).
 *
 * @param status        APPLIED, DRY_RUN (validated and measured, then rolled back), INVALID (bad seed input,
 *                      nothing written), FAILED (the load failed, rolled back) or NO_SEED_FILES
 * @param files         the seed files read, relative to the project
 * @param seededRows    rows the files describe (generated fixture rows included)
 * @param organizations per organization, or empty when the schema has no organizations table
 * @param errors        what was wrong with the input, each naming file and line or record
 */
public record SeedSection(String status, boolean dryRun, List<String> files, long seededRows, long durationMs,
                          long inserted, long updated, long unchanged, List<TableCounts> tables,
                          List<OrganizationCounts> organizations, OrganizationCounts organizationTotals,
                          List<String> errors, String remedy) implements ReportSection {

    public SeedSection {
        files = List.copyOf(files);
        tables = List.copyOf(tables);
        organizations = List.copyOf(organizations);
        errors = List.copyOf(errors);
    }

    /**
     * One table: rows in the seed, what the run did with them, the table's row count afterwards, and the sequences
     * its columns own that were moved past the seeded values.
     */
    public record TableCounts(String table, long seeded, long inserted, long updated, long unchanged, long rowsAfter,
                              List<SequenceAdvance> sequences) {

        public TableCounts {
            sequences = sequences == null ? List.of() : List.copyOf(sequences); // null in reports written before sequences were
        }
    }

    /** A sequence owned by {@code column} (serial or identity) restarted at {@code next}, past the column's largest value. */
    public record SequenceAdvance(String column, String sequence, long next) {
    }

    /** Rows belonging to one organization (users through memberships, messages through conversations, metrics through campaigns). */
    public record OrganizationCounts(String id, String name, long organizations, long users, long brands, long agents,
                                     long datasets, long documents, long chunks, long conversations, long messages,
                                     long campaigns, long metrics) {
    }

    public SeedSection withDurationMs(long ms) {
        return new SeedSection(status, dryRun, files, seededRows, ms, inserted, updated, unchanged, tables, organizations,
                organizationTotals, errors, remedy);
    }

    /** True for input errors: the files must be fixed; exit code 2. */
    public boolean invalid() {
        return "INVALID".equals(status);
    }
}
