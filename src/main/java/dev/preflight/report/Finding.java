package dev.preflight.report;

/**
 * One thing a check found: a stable check id, what it is about, what was expected against what
 * was measured, and what to do about it; optionally the file and line it points at (CI systems
 * show those as annotations).
 */
public record Finding(String id, Severity severity, String subject, String message,
                      String expected, String actual, String remedy, String file, Integer line) {

    /** A finding about no particular file. */
    public Finding(String id, Severity severity, String subject, String message, String expected, String actual, String remedy) {
        this(id, severity, subject, message, expected, actual, remedy, null, null);
    }

    public static Finding of(String id, Severity severity, String subject, String message, String remedy) {
        return new Finding(id, severity, subject, message, null, null, remedy);
    }

    public Finding withSeverity(Severity other) {
        return new Finding(id, other, subject, message, expected, actual, remedy, file, line);
    }

    /** The same finding pointing at a file (relative to the project) and line. */
    public Finding at(String path, Integer lineNumber) {
        return new Finding(id, severity, subject, message, expected, actual, remedy, path, lineNumber);
    }
}
