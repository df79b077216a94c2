package dev.preflight.report;

/**
 * One thing a check found: a stable check id, what it is about, what was expected against what
 * was measured, and what to do about it.
 */
public record Finding(String id, Severity severity, String subject, String message,
                      String expected, String actual, String remedy) {

    public static Finding of(String id, Severity severity, String subject, String message, String remedy) {
        return new Finding(id, severity, subject, message, null, null, remedy);
    }

    public Finding withSeverity(Severity other) {
        return new Finding(id, other, subject, message, expected, actual, remedy);
    }
}
