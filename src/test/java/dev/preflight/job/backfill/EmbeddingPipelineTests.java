package dev.preflight.job.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmbeddingPipelineTests {

    @Test
    void emptyAndOverLongTextsAreSkippedWithAReasonNotTruncated() {
        assertThat(EmbeddingPipeline.skipReason(null, 10)).isEqualTo("empty text");
        assertThat(EmbeddingPipeline.skipReason(" \n ", 10)).isEqualTo("empty text");
        assertThat(EmbeddingPipeline.skipReason("x".repeat(41), 10)).isEqualTo("text too long: ~11 tokens estimated, the model's limit is 10");
        assertThat(EmbeddingPipeline.skipReason("x".repeat(40), 10)).isNull();
    }

    @Test
    void progressLineShowsDoneTotalRateAndEta() {
        try (BackfillProgress p = new BackfillProgress("chunks", 1000, null)) {
            p.add(250);
            assertThat(p.line()).startsWith("backfill chunks: 250/1,000 rows (25%), ").contains(" rows/s, ETA ");
        }
        assertThat(BackfillProgress.format(java.time.Duration.ofSeconds(3725))).isEqualTo("1:02:05");
        assertThat(BackfillProgress.format(java.time.Duration.ofSeconds(65))).isEqualTo("1:05");
    }
}
