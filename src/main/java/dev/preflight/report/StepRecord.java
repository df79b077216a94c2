package dev.preflight.report;

/** One executed job step with its status and duration, from the job repository. */
public record StepRecord(String job, String step, String status, String exitCode, long durationMs) {
}
