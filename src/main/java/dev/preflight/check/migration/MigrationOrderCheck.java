package dev.preflight.check.migration;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.report.Finding;
import dev.preflight.report.Severity;
import java.util.List;

/**
 * MIG005: the migrations apply cleanly in the order the native tool applies them, measured by
 * replaying them on an empty shadow database before anything is applied. A project whose folder
 * names sort an ALTER before the CREATE it needs (the NeonHub Prisma folders) cannot build a fresh
 * environment, and its deploy would stop half-way.
 */
public final class MigrationOrderCheck implements Check {

    /** What the order replay found: the problem, or null when the migrations apply in order. */
    public record Replay(OrderProblem problem) {
    }

    /**
     * The first migration that fails in native order, where, why, and the later migration that
     * creates what it needs (null when none does).
     */
    public record OrderProblem(String layout, String file, int line, String error, String missingObject, String createdBy,
                               Integer createdAtLine, String remedy) {
    }

    @Override
    public String id() {
        return "MIG005";
    }

    @Override
    public String title() {
        return "Migrations apply in the order the migration tool applies them";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.BLOCKER;
    }

    @Override
    public List<Finding> run(CheckContext ctx) {
        OrderProblem problem = ctx.fact(Replay.class).problem();
        if (problem == null) {
            return List.of();
        }
        String message = problem.layout() + " applies the migrations in name order, and on an empty database " + problem.file()
                + " fails at line " + problem.line() + ": " + problem.error()
                + (problem.createdBy() == null ? "" : "; " + problem.missingObject() + " is created later, by " + problem.createdBy()
                + (problem.createdAtLine() == null ? "" : " line " + problem.createdAtLine()));
        return List.of(finding("migration order", message, "each migration applies after the ones before it",
                "fails in native order", problem.remedy()).at(problem.file(), problem.line()));
    }
}
