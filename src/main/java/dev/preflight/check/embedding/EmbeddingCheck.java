package dev.preflight.check.embedding;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.report.EmbeddingsSection;
import dev.preflight.report.Finding;
import dev.preflight.report.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * A check over the backfill's measurements, one target at a time: the rule is a function from a
 * target to the finding it causes (or null). The EMB checks themselves are listed in
 * {@link EmbeddingChecks}.
 */
public final class EmbeddingCheck implements Check {

    private final String id;
    private final String title;
    private final Severity severity;
    private final EmbeddingsSection section;
    private final BiFunction<EmbeddingCheck, EmbeddingsSection.Target, Finding> rule;

    EmbeddingCheck(String id, String title, Severity severity, EmbeddingsSection section,
                   BiFunction<EmbeddingCheck, EmbeddingsSection.Target, Finding> rule) {
        this.id = id;
        this.title = title;
        this.severity = severity;
        this.section = section;
        this.rule = rule;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public Severity defaultSeverity() {
        return severity;
    }

    @Override
    public List<Finding> run(CheckContext context) {
        List<Finding> out = new ArrayList<>();
        for (EmbeddingsSection.Target t : section.targets()) {
            Finding f = rule.apply(this, t);
            if (f != null) {
                out.add(f);
            }
        }
        return out;
    }
}
