package dev.preflight.report;

/**
 * A section of the readiness report that a job fills: a model record, held by the report under its
 * key and rendered by its template fragment, both declared once in {@link ReportSections}.
 */
public interface ReportSection {
}
