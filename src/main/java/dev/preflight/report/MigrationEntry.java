package dev.preflight.report;

/** One migration, as resolved from the project's files and as recorded in the database. */
public record MigrationEntry(String version, String description, String file, Integer lines, Integer checksum,
                             Integer appliedChecksum, String state, String installedOn, Integer executionTimeMs,
                             boolean appliedInThisRun) {
}
