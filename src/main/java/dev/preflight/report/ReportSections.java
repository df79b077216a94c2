package dev.preflight.report;

import java.util.List;

/**
 * The one place report sections are registered: each section's JSON key (the JSON report is a public
 * contract: keys never change within {@code schemaVersion} 1), its model record and its Markdown
 * fragment with where the fragment goes. A new section is a record implementing {@link ReportSection},
 * a fragment under {@code templates/sections/} and one line here.
 */
public final class ReportSections {

    /** Where a section's fragment goes in the Markdown report. */
    public enum Placement {
        /** Before the other job sections: what to know before reading them (lint's hazards). */
        LEAD,
        /** With the other job sections, in registry order. */
        BODY,
        /** At the end, after the checklist (the ordered next steps). */
        END
    }

    /** One registered section. */
    public record Kind(String key, Class<? extends ReportSection> type, String template, Placement placement) {
    }

    /** Every section, in the order of the JSON report. */
    public static final List<Kind> ALL = List.of(
            new Kind("seed", SeedSection.class, "sections/seed.md.ftl", Placement.BODY),
            new Kind("embeddings", EmbeddingsSection.class, "sections/embeddings.md.ftl", Placement.BODY),
            new Kind("vectorIndexTuning", VectorIndexTuning.class, "sections/vector-index-tuning.md.ftl", Placement.BODY),
            new Kind("verify", VerifySection.class, "sections/verify.md.ftl", Placement.BODY),
            new Kind("nextSteps", NextSteps.class, "sections/next-steps.md.ftl", Placement.END),
            new Kind("lint", LintSection.class, "sections/lint.md.ftl", Placement.LEAD));

    private ReportSections() {
    }

    /** The registered kind of a section record; an unregistered record is a programming error. */
    public static Kind of(Class<?> type) {
        return ALL.stream().filter(k -> k.type() == type).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(type.getName() + " is not registered in ReportSections.ALL"));
    }

    /** The sections of one placement, in registry order: what the Markdown template includes there. */
    public static List<Kind> placed(Placement placement) {
        return ALL.stream().filter(k -> k.placement() == placement).toList();
    }
}
