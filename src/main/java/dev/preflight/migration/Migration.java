package dev.preflight.migration;

import java.nio.file.Path;
import java.util.List;

/**
 * One migration of a project as its own tool sees it.
 *
 * @param id what the native history table keys on (Flyway's version, Prisma's folder name,
 *     Drizzle's journal tag, golang-migrate's and dbmate's version, ...)
 * @param description the human part of the name
 * @param file the SQL file, relative to the project folder where possible
 * @param checksum the checksum in the native tool's own format (null when the tool keeps none)
 * @param statements the statements to run, in order, with their lines in {@code file}
 */
public record Migration(String id, String description, Path file, String checksum, List<SqlStatement> statements) {

    public Migration {
        statements = List.copyOf(statements);
    }
}
