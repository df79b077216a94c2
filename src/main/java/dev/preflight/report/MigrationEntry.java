package dev.preflight.report;

/**
 * One migration, as resolved from the project's files and as recorded in the database. Checksums
 * are in the native tool's own format (Flyway's CRC32 as a number, Prisma's and Drizzle's SHA-256
 * hex), so they read as the tool shows them.
 */
public record MigrationEntry(String version, String description, String file, Integer lines, String checksum,
                             String appliedChecksum, String state, String installedOn, Integer executionTimeMs,
                             boolean appliedInThisRun) {

    /** Flyway's integer checksums. */
    public MigrationEntry(String version, String description, String file, Integer lines, Integer checksum,
                          Integer appliedChecksum, String state, String installedOn, Integer executionTimeMs, boolean appliedInThisRun) {
        this(version, description, file, lines, checksum == null ? null : checksum.toString(),
                appliedChecksum == null ? null : appliedChecksum.toString(), state, installedOn, executionTimeMs, appliedInThisRun);
    }
}
