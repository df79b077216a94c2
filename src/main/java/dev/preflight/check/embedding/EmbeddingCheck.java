package dev.preflight.check.embedding;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.report.EmbeddingsSection;
import dev.preflight.report.EmbeddingsSection.Target;
import dev.preflight.report.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Base of the EMB checks: each verifies the backfill's measurements ({@link EmbeddingsSection} in
 * the check context) one target at a time, with a rule from a target to the finding it causes.
 */
public abstract class EmbeddingCheck implements Check {

    /** The finding this target causes, or null when it passes. */
    protected abstract Finding check(Target t);

    @Override
    public List<Finding> run(CheckContext context) {
        List<Finding> out = new ArrayList<>();
        for (Target t : context.fact(EmbeddingsSection.class).targets()) {
            Finding f = check(t);
            if (f != null) {
                out.add(f);
            }
        }
        return out;
    }

    /** True when the backfill measured the target (it exists, its dimension matches, the run was not a dry run). */
    static boolean measured(Target t) {
        return !"NOT_PRESENT".equals(t.status()) && !"DIMENSION_MISMATCH".equals(t.status()) && !"DRY_RUN".equals(t.status());
    }

    static String subject(Target t) {
        return t.table() + "." + t.column();
    }

    /** The recorded reasons of one kind of issue ("skipped", "failed"), with their rows and ids. */
    static String reasons(Target t, String kind) {
        String listed = t.issues().stream().filter(i -> i.kind().equals(kind))
                .map(i -> i.reason() + " (" + i.rows() + ": " + String.join(", ", i.ids()) + (i.rows() > i.ids().size() ? ", ..." : "") + ")")
                .collect(Collectors.joining("; "));
        return listed.isEmpty() ? "see preflight.embedding_issues for the ids and reasons" : listed;
    }
}
