package dev.preflight.job.retune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.report.VectorIndexTuning.Decision;
import dev.preflight.report.VectorIndexTuning.ProbeResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * pgvector's IVFFlat guidance as the retune job applies it, on in-memory ladders.
 *
 * <p>Mutations known to be killed (PIT): a setting whose interval's lower bound equals the target
 * not taken as meeting it; the first measured setting taken instead of the smallest meeting one, or
 * instead of the one at sqrt(lists); bisecting below the smallest setting; a table of exactly
 * {@code minRows} rows, recall exactly at the target, or lists exactly 2x off the recommendation
 * decided the other way; the build memory estimate off by any term.
 */
class IvfflatAdviceTests {

    private static ProbeResult p(int probes, double recall) {
        return new ProbeResult(probes, recall, 1, 2);
    }

    @Test
    void recommendedListsFollowsPgvectorsGuidanceWithinBounds() {
        assertThat(IvfflatAdvice.recommendedLists(0)).isEqualTo(1);
        assertThat(IvfflatAdvice.recommendedLists(999)).isEqualTo(1);
        assertThat(IvfflatAdvice.recommendedLists(20_000)).isEqualTo(20);
        assertThat(IvfflatAdvice.recommendedLists(1_000_000)).isEqualTo(1000);
        assertThat(IvfflatAdvice.recommendedLists(4_000_000)).isEqualTo(2000); // sqrt above 1M
        assertThat(IvfflatAdvice.recommendedLists(Long.MAX_VALUE / 4)).isEqualTo(IvfflatAdvice.MAX_LISTS);
    }

    @Test
    void ladderDoublesUpToListsAndIncludesSqrtAndLists() {
        assertThat(IvfflatAdvice.ladder(100)).containsExactly(1, 2, 4, 8, 10, 16, 32, 64, 100);
        assertThat(IvfflatAdvice.ladder(20)).containsExactly(1, 2, 4, 5, 8, 16, 20);
        assertThat(IvfflatAdvice.ladder(1)).containsExactly(1);
    }

    @Test
    void choosesTheSmallestProbesMeetingTheTargetAndBisectsTheGap() {
        List<ProbeResult> ladder = List.of(p(1, 0.5), p(2, 0.7), p(4, 0.9), p(8, 0.97), p(16, 1.0));

        assertThat(IvfflatAdvice.smallestMeeting(ladder, 0.95).probes()).isEqualTo(8);
        assertThat(IvfflatAdvice.bisect(ladder, 0.95)).isEqualTo(6);
        assertThat(IvfflatAdvice.bisect(List.of(p(1, 0.9), p(2, 0.96)), 0.95)).isNull(); // adjacent
        assertThat(IvfflatAdvice.smallestMeeting(ladder, 1.01)).isNull();
    }

    @Test
    void rebuildsWhenRecallAtSqrtListsIsLowOrListsFarOffAndKeepsAGoodIndex() {
        var untrained = IvfflatAdvice.decide(20_000, 100, true, List.of(p(10, 0.51)), 0.95, 5000);
        assertThat(untrained.decision()).isEqualTo(Decision.REBUILD);
        assertThat(untrained.reason()).contains("0.510", "probes=10");

        var tooManyLists = IvfflatAdvice.decide(20_000, 100, true, List.of(p(10, 0.99)), 0.95, 5000);
        assertThat(tooManyLists.decision()).isEqualTo(Decision.REBUILD);
        assertThat(tooManyLists.reason()).contains("lists=100", "5.0x", "20 recommended");

        var good = IvfflatAdvice.decide(20_000, 25, true, List.of(p(5, 0.97)), 0.95, 5000);
        assertThat(good.decision()).isEqualTo(Decision.KEEP);

        assertThat(IvfflatAdvice.decide(1_200, 100, true, List.of(), 0.95, 5000).decision()).isEqualTo(Decision.EXACT_IS_FASTER);
        assertThat(IvfflatAdvice.decide(20_000, 20, false, List.of(), 0.95, 5000).decision()).isEqualTo(Decision.REBUILD);
    }

    @Test
    void buildMemoryGrowsWithListsAndDimensions() {
        long small = IvfflatAdvice.buildMemoryBytes(20_000, 20, 384);
        long large = IvfflatAdvice.buildMemoryBytes(1_000_000, 1000, 1536);
        assertThat(large).isGreaterThan(small).isGreaterThan(50L * 1000 * 1536 * 4);
    }

    @Test
    void theTargetItselfIsMetAndTheOrderOfTheLadderDoesNotMatter() {
        // a lower bound exactly at the target meets it
        assertThat(IvfflatAdvice.smallestMeeting(List.of(p(2, 0.9), p(4, 0.95), p(8, 0.99)), 0.95).probes()).isEqualTo(4);
        // the smallest meeting setting, not the first one listed
        assertThat(IvfflatAdvice.smallestMeeting(List.of(p(16, 1.0), p(8, 0.97), p(32, 1.0)), 0.95).probes()).isEqualTo(8);
        // nothing meets it: nothing to bisect
        assertThat(IvfflatAdvice.bisect(List.of(p(1, 0.5), p(2, 0.7)), 0.95)).isNull();
        // the smallest setting tried already meets it: nothing below to bisect towards
        assertThat(IvfflatAdvice.bisect(List.of(p(4, 0.97), p(8, 0.99)), 0.95)).isNull();
        assertThat(IvfflatAdvice.bisect(List.of(p(32, 1.0), p(2, 0.6), p(16, 0.96), p(8, 0.9)), 0.95)).isEqualTo(12);
    }

    @Test
    void decisionsAtTheirBoundaries() {
        // exactly minRows rows: measured, not left to exact search
        assertThat(IvfflatAdvice.decide(5000, 5, true, List.of(p(3, 0.99)), 0.95, 5000).decision()).isEqualTo(Decision.KEEP);
        assertThat(IvfflatAdvice.decide(4999, 5, true, List.of(p(3, 0.99)), 0.95, 5000).decision()).isEqualTo(Decision.EXACT_IS_FASTER);
        // recall exactly at the target at sqrt(lists) is enough; the other settings measured do not count
        var atTarget = IvfflatAdvice.decide(20_000, 25, true, List.of(p(1, 0.3), p(5, 0.95), p(25, 1.0)), 0.95, 5000);
        assertThat(atTarget.decision()).isEqualTo(Decision.KEEP);
        assertThat(atTarget.reason()).isEqualTo("recall@k is 0.950 at probes=5 and lists=25 is within 2x of the 20 recommended: left alone");
        assertThat(IvfflatAdvice.decide(20_000, 25, true, List.of(p(1, 0.99), p(5, 0.94)), 0.95, 5000).decision())
                .isEqualTo(Decision.REBUILD);
        // lists exactly 2x off either way is kept; beyond it, rebuilt
        assertThat(IvfflatAdvice.decide(20_000, 40, true, List.of(p(7, 0.99)), 0.95, 5000).decision()).isEqualTo(Decision.KEEP);
        assertThat(IvfflatAdvice.decide(20_000, 10, true, List.of(p(4, 0.99)), 0.95, 5000).decision()).isEqualTo(Decision.KEEP);
        assertThat(IvfflatAdvice.decide(20_000, 9, true, List.of(p(3, 0.99)), 0.95, 5000).reason()).startsWith("lists=9 is 2.2x off");
        // not measured at sqrt(lists): decided on lists alone, and the reason says so
        assertThat(IvfflatAdvice.decide(20_000, 25, true, List.of(), 0.95, 5000).reason()).startsWith("recall@k is NaN at probes=5");
    }

    @Test
    void buildMemoryIsTwiceTheSampleAndCentresPlus16MiB() {
        // 10,000 sampled vectors (the floor) of 8 + 4 * 384 bytes, and 2 * 20 centres
        assertThat(IvfflatAdvice.buildMemoryBytes(20_000, 20, 384)).isEqualTo(2L * (10_000 + 40) * 1544 + (16L << 20));
        // fewer rows than the floor: all of them
        assertThat(IvfflatAdvice.buildMemoryBytes(5000, 5, 3)).isEqualTo(2L * (5000 + 10) * 20 + (16L << 20));
        // 50 per list above the floor
        assertThat(IvfflatAdvice.buildMemoryBytes(1_000_000, 1000, 1536)).isEqualTo(2L * (50_000 + 2000) * 6152 + (16L << 20));
    }

    @Test
    void percentileUsesNearestRank() {
        double[] v = {5, 1, 4, 2, 3, 6, 7, 8, 9, 10};
        assertThat(RecallStatistics.percentile(v, 0.5)).isEqualTo(5);
        assertThat(RecallStatistics.percentile(v, 0.95)).isEqualTo(10);
        assertThat(RecallStatistics.percentile(new double[0], 0.5)).isZero();
    }

    @Test
    void derivedNamesFitPostgresIdentifiers() {
        String longName = "x".repeat(63);
        assertThat(OnlineRebuild.derivedName(longName, OnlineRebuild.TMP_SUFFIX)).hasSize(63).endsWith("_retune_tmp");
        assertThat(OnlineRebuild.derivedName("items_idx", OnlineRebuild.OLD_SUFFIX)).isEqualTo("items_idx_retune_old");
    }

    @Test
    void rebuildStatementKeepsTheDefinitionAndChangesOnlyLists() {
        VectorIndexTarget ix = new VectorIndexTarget(1, true, "app", "Items", "items_idx", "embedding", "(kind = 'doc'::text)", "ivfflat",
                "vector_cosine_ops", "vector(384)", 384, 0, null, 100, null, null);

        assertThat(OnlineRebuild.createStatement(ix, "items_idx_retune_tmp", 20)).isEqualTo("CREATE INDEX CONCURRENTLY \"items_idx_retune_tmp\" "
                + "ON \"app\".\"Items\" USING ivfflat (embedding vector_cosine_ops) WITH (lists = 20) WHERE (kind = 'doc'::text)");
        assertThat(ix.rowFilter()).isEqualTo("embedding IS NOT NULL AND ((kind = 'doc'::text))");
        assertThat(ix.operator()).isEqualTo("<=>");
    }
}
