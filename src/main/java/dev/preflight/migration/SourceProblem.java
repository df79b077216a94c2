package dev.preflight.migration;

/**
 * Something in a project's migrations folder that the native tool would ignore or refuse (a SQL
 * file missing from Drizzle's journal, ...): reported as a finding, never acted on silently.
 *
 * @param file the file, relative to the project folder
 */
public record SourceProblem(String file, String message, String remedy) {
}
