package dev.preflight.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NextStepsTests {

    private static Finding f(String id, Severity severity, String subject, String remedy) {
        return new Finding(id, severity, subject, "message", null, null, remedy);
    }

    @Test
    void remediesBecomeCommandsInPipelineOrderWithTheIdsTheyClear() {
        // given: findings in severity order, as a report lists them
        List<Finding> findings = List.of(
                f("GIT001", Severity.BLOCKER, "migration migrations/V6__tags.sql", "git add migrations/V6__tags.sql && git commit"),
                f("MIG003", Severity.HIGH, "migration 6", "run ./preflight migrate"),
                f("SEED002", Severity.HIGH, "seed", "run ./preflight seed"),
                f("EMB001", Severity.HIGH, "chunks.embedding", "run ./preflight backfill"),
                f("IDX002", Severity.MEDIUM, "column app.Docs.embedding", "store NULL instead of a zero vector and embed the text "
                        + "(UPDATE app.\"Docs\" SET embedding = NULL WHERE embedding IS NOT NULL AND vector_norm(embedding) = 0; then ./preflight backfill)"),
                f("IDX102", Severity.MEDIUM, "index chunks_idx", "run ./preflight retune without --dry-run"),
                f("IDX001", Severity.MEDIUM, "index chunks_idx", "run ./preflight retune to measure it, rebuild it online and choose ivfflat.probes"),
                f("IDX001", Severity.MEDIUM, "index tiny_idx", "on a table this small, REINDEX INDEX CONCURRENTLY tiny_idx (or drop the index)"),
                f("IDX104", Severity.LOW, "database", "./preflight retune --apply-settings, or SET LOCAL ..."),
                f("DRIFT003", Severity.MEDIUM, "index x", "see drift.sql"),
                f("MIG001", Severity.BLOCKER, "database", "run ./preflight migrate"),
                f("CI002", Severity.MEDIUM, "DATABASE_URL", "set the secret in the CI settings"),
                f("SMOKE099", Severity.INFO, "info only", "nothing"));

        // when
        NextSteps plan = NextSteps.plan(findings, "reports/run-1");

        // then: commit before deploying, migrate before seeding, seed before the backfill, backfill before retuning, confirm last
        assertThat(plan.steps()).extracting(NextSteps.Step::command).containsExactly(
                "git add migrations/V6__tags.sql && git commit -m \"Add migrations/V6__tags.sql\"",
                "./preflight migrate",
                "psql \"$DATABASE_URL\" -f reports/run-1/drift.sql",
                "./preflight seed",
                "psql \"$DATABASE_URL\" -c 'UPDATE app.\"Docs\" SET embedding = NULL WHERE embedding IS NOT NULL AND vector_norm(embedding) = 0'",
                "./preflight backfill",
                "psql \"$DATABASE_URL\" -c 'REINDEX INDEX CONCURRENTLY tiny_idx'",
                "./preflight retune",
                "./preflight retune --apply-settings",
                "./preflight gate");
        assertThat(plan.steps().get(1).clears()).containsExactly("MIG001", "MIG003");
        assertThat(plan.steps().get(4).clears()).containsExactly("IDX002");
        assertThat(plan.steps().get(7).clears()).containsExactly("IDX001", "IDX102");
        assertThat(plan.steps()).extracting(NextSteps.Step::order).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(plan.steps()).extracting(NextSteps.Step::tool).containsExactly("git", "preflight", "psql", "preflight", "psql",
                "preflight", "psql", "preflight", "preflight", "preflight");
        // a secret to set in CI is a decision, not a command; info findings need nothing
        assertThat(plan.manual()).extracting(NextSteps.Manual::id).containsExactly("CI002");
    }

    @Test
    void nothingOpenIsNoPlan() {
        assertThat(NextSteps.plan(List.of(f("X", Severity.INFO, "s", "r")), "reports/r")).isNull();
    }
}
