package dev.preflight.job.retune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.preflight.report.VectorIndexTuning.ProbeResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The recall arithmetic of the retune job on small in-memory inputs: held-out recall per query,
 * the interval over queries, and the choice of setting by the interval's lower bound.
 *
 * <p>Mutations these tests kill (each was applied by hand, seen to fail, and reverted):
 * <ul>
 *   <li>every recall overstated by +0.1 (in {@code TiedRecall}, in the interval's mean, or in {@code result});</li>
 *   <li>the query's own row counted as a neighbour (self-matches not removed from the exact or the index answer);</li>
 *   <li>the interval computed over n*k independent hits regardless of the between-query variance (too narrow);</li>
 *   <li>no allowance for an unseen failed query (a sample without failures claims n*k hits);</li>
 *   <li>the interval dropped (low = high = recall) or its bounds swapped;</li>
 *   <li>settings chosen by the point estimate instead of the interval's lower bound;</li>
 *   <li>HNSW results labelled as probes (or IVFFlat ones as ef_search).</li>
 * </ul>
 */
class RecallMeasurerTests {

    private static List<Double> repeat(double value, int times) {
        return new ArrayList<>(Collections.nCopies(times, value));
    }

    @Test
    void aQueryIsNeverCreditedForFindingItself() {
        // given: the exact answer starts with the query's own row, as it always does for a vector from the table
        List<RecallStatistics.Neighbour> exact = List.of(n("self", 0), n("a", 0.1), n("b", 0.2), n("c", 0.3));
        RecallStatistics.Neighbour self = n("self", 0);
        RecallStatistics.Neighbour x = n("x", 0.6);

        // then: with k = 3 the expected neighbours are a, b, c; the index found a and b (and itself, which does not count)
        assertThat(RecallStatistics.queryRecallByDistance("self", exact, List.of(self, n("a", 0.1), x, n("b", 0.2)), 3))
                .isCloseTo(2.0 / 3, within(1e-12));
        // an index answer without the own row keeps its first k rows
        assertThat(RecallStatistics.queryRecallByDistance("self", exact, List.of(n("a", 0.1), x, n("b", 0.2), n("c", 0.3)), 3))
                .isCloseTo(2.0 / 3, within(1e-12));
        // finding only itself is recall 0, not 1/k
        assertThat(RecallStatistics.queryRecallByDistance("self", exact, List.of(self, x, n("y", 0.7), n("z", 0.8)), 3)).isZero();
        assertThat(RecallStatistics.queryRecallByDistance("self", exact, List.of(self, n("c", 0.3), n("b", 0.2), n("a", 0.1)), 3))
                .isEqualTo(1.0);
        // a table with no other row: nothing to find
        assertThat(RecallStatistics.queryRecallByDistance("self", List.of(self), List.of(self), 3)).isEqualTo(1.0);
    }

    @Test
    void byDistanceARowAsNearAsTheExactKthIsAHitEvenWhenTheExactSearchPickedAnotherCopy() {
        // given: the exact top 3 (own row first) ends at distance 0.5, where rows b and t are tied
        List<RecallStatistics.Neighbour> exact = List.of(n("self", 0), n("a", 0.1), n("b", 0.2), n("c", 0.5), n("t", 0.5));

        // then the index's t stands for c; a row farther than the k-th is a miss; the own row never counts
        assertThat(RecallStatistics.queryRecallByDistance("self", exact, List.of(n("a", 0.1), n("b", 0.2), n("t", 0.5)), 3)).isEqualTo(1.0);
        assertThat(RecallStatistics.queryRecallByDistance("self", exact, List.of(n("self", 0), n("a", 0.1), n("x", 0.6), n("b", 0.2)), 3))
                .isCloseTo(2.0 / 3, within(1e-12));
        assertThat(RecallStatistics.queryRecallByDistance("self", exact, List.of(n("self", 0), n("x", 0.7), n("y", 0.8), n("z", 0.9)), 3))
                .isZero();
        // more tied rows than k cannot count past k
        assertThat(RecallStatistics.queryRecallByDistance("self", List.of(n("self", 0), n("a", 0), n("b", 0)),
                List.of(n("b", 0), n("a", 0), n("c", 0), n("d", 0)), 2)).isEqualTo(1.0);
        assertThat(RecallStatistics.queryRecallByDistance("self", List.of(n("self", 0)), List.of(n("self", 0)), 3)).isEqualTo(1.0);
    }

    private static RecallStatistics.Neighbour n(String row, double distance) {
        return new RecallStatistics.Neighbour(row, distance);
    }

    @Test
    void firstKKeepsTheFirstKOtherRows() {
        assertThat(RecallStatistics.firstK("s", List.of(n("a", 1), n("s", 0), n("b", 2), n("c", 3)), 2)).extracting(RecallStatistics.Neighbour::row)
                .containsExactly("a", "b");
        assertThat(RecallStatistics.firstK("s", List.of(n("a", 1), n("b", 2), n("c", 3)), 2)).extracting(RecallStatistics.Neighbour::row)
                .containsExactly("a", "b");
    }

    @Test
    void theIntervalIsWilsonOverTheEffectiveNumberOfHits() {
        // given: 50 queries of recall 0.9 each, k = 10: no between-query variance seen, but a query that found nothing
        // is allowed for, so about 327 of the 500 hits count
        RecallStatistics.Interval steady = RecallStatistics.interval(repeat(0.9, 50).stream().mapToDouble(d -> d).toArray(), 10);
        assertThat(steady.recall()).isCloseTo(0.9, within(1e-9));
        assertThat(steady.low()).isCloseTo(0.86268, within(1e-4));
        assertThat(steady.high()).isCloseTo(0.92802, within(1e-4));
        assertThat(steady.queries()).isEqualTo(50);

        // 100 queries alternating 1.0 and 0.8: the variance gives about 539 effective hits, a narrower interval
        double[] mixed = new double[100];
        for (int i = 0; i < mixed.length; i++) {
            mixed[i] = i % 2 == 0 ? 1.0 : 0.8;
        }
        RecallStatistics.Interval m = RecallStatistics.interval(mixed, 10);
        assertThat(m.low()).isCloseTo(0.87176, within(1e-4));
        assertThat(m.high()).isCloseTo(0.92257, within(1e-4));

        // all-or-nothing queries: hits are fully correlated, so only 50 trials count and the interval is wide
        double[] allOrNothing = new double[50];
        for (int i = 0; i < allOrNothing.length; i++) {
            allOrNothing[i] = i % 2 == 0 ? 1.0 : 0.0;
        }
        RecallStatistics.Interval wide = RecallStatistics.interval(allOrNothing, 10);
        assertThat(wide.recall()).isCloseTo(0.5, within(1e-9));
        assertThat(wide.low()).isCloseTo(0.36645, within(1e-4));
        assertThat(wide.high()).isCloseTo(0.63355, within(1e-4));
        assertThat(wide.halfWidth()).isGreaterThan(0.13);

        // perfect recall on 50 queries: a failure rarer than one query in 50 is not ruled out, so 50 trials, not 500
        RecallStatistics.Interval perfect = RecallStatistics.interval(repeat(1.0, 50).stream().mapToDouble(d -> d).toArray(), 10);
        assertThat(perfect.low()).isCloseTo(0.92865, within(1e-4));
        assertThat(perfect.high()).isEqualTo(1.0);
    }

    @Test
    void theLowerBoundHoldsWhenAFewQueriesFailBadly() {
        // given: 4% of queries find half their neighbours, the rest all (true recall 0.98), as near a cluster split between lists
        Random random = new Random(42);
        int samples = 2000;
        int overstated = 0;
        for (int s = 0; s < samples; s++) {
            double[] recalls = new double[50];
            for (int i = 0; i < recalls.length; i++) {
                recalls[i] = random.nextDouble() < 0.04 ? 0.5 : 1.0;
            }
            // when
            if (RecallStatistics.interval(recalls, 10).low() > 0.98) {
                overstated++;
            }
        }
        // then: the lower bound overstates recall about as rarely as a 95% interval may (it did in 13% of samples
        // when a sample without a failure claimed 500 independent hits)
        assertThat((double) overstated / samples).isLessThanOrEqualTo(0.05);
    }

    @Test
    void onIndependentHitsTheAllowanceFadesWithMoreQueries() {
        // given: 400 queries whose hits are independent (binomial, recall 0.9)
        Random random = new Random(7);
        double[] recalls = new double[400];
        for (int i = 0; i < recalls.length; i++) {
            int hits = 0;
            for (int j = 0; j < 10; j++) {
                hits += random.nextDouble() < 0.9 ? 1 : 0;
            }
            recalls[i] = hits / 10.0;
        }
        // when
        RecallStatistics.Interval iv = RecallStatistics.interval(recalls, 10);
        // then: hardly wider than over 4000 independent hits (half-width about 0.0093)
        double binomialHalf = RecallStatistics.Z * Math.sqrt(iv.recall() * (1 - iv.recall()) / 4000);
        assertThat(iv.halfWidth()).isLessThan(1.2 * binomialHalf);
    }

    @Test
    void aResultCarriesRecallIntervalQueriesAndTheMethodsWord() {
        // given: 40 queries, 30 of them perfect and 10 at 0.6: mean 0.9
        List<Double> recalls = repeat(1.0, 30);
        recalls.addAll(repeat(0.6, 10));
        List<Double> millis = repeat(2.0, 40);

        ProbeResult ivf = RecallStatistics.result(false, 4, recalls, millis, 10);
        ProbeResult hnsw = RecallStatistics.result(true, 40, recalls, millis, 10);

        assertThat(ivf.recall()).isEqualTo(0.9);
        assertThat(ivf.queries()).isEqualTo(40);
        assertThat(ivf.recallLow()).isLessThan(0.9).isGreaterThan(0.8);
        assertThat(ivf.recallHigh()).isGreaterThan(0.9).isLessThan(1.0);
        assertThat(ivf.probes()).isEqualTo(4);
        assertThat(ivf.efSearch()).isNull();
        assertThat(hnsw.efSearch()).isEqualTo(40);
        assertThat(hnsw.probes()).isNull();
        assertThat(hnsw.value()).isEqualTo(40);
        assertThat(ivf.p50Millis()).isEqualTo(2.0);
    }

    @Test
    void theSettingIsChosenByTheIntervalsLowerBound() {
        // given: probes 2 has the better point estimate than needed, but its interval reaches below the target
        List<ProbeResult> ladder = List.of(
                new ProbeResult(1, null, 0.90, 1, 1, 0.87, 0.93, 50),
                new ProbeResult(2, null, 0.96, 1, 1, 0.93, 0.98, 50),
                new ProbeResult(4, null, 0.98, 1, 1, 0.955, 0.99, 50),
                new ProbeResult(8, null, 0.99, 1, 1, 0.97, 1.0, 50));

        ProbeResult chosen = IvfflatAdvice.smallestMeeting(ladder, 0.95);

        assertThat(chosen.value()).isEqualTo(4);
        // probes 4 is narrow (+-0.0175), but probes 2 still straddles the target: more queries may show it is enough
        assertThat(IndexMeasurement.focus(ladder, 0.95).value()).isEqualTo(2);
        // no setting meets it, but the best one's interval still reaches it: measure more there
        assertThat(IndexMeasurement.focus(ladder.subList(0, 2), 0.95).value()).isEqualTo(2);
        // the target is clearly missed: no more queries
        assertThat(IndexMeasurement.focus(ladder.subList(0, 1), 0.95)).isNull();
        // the chosen setting is wider than +-0.02: more queries there
        List<ProbeResult> wide = List.of(new ProbeResult(2, null, 0.92, 1, 1, 0.90, 0.94, 50),
                new ProbeResult(4, null, 0.975, 1, 1, 0.951, 0.995, 50));
        assertThat(IndexMeasurement.focus(wide, 0.95).value()).isEqualTo(4);
        // the chosen setting is narrow and every cheaper one clearly misses: settled
        List<ProbeResult> settled = List.of(new ProbeResult(2, null, 0.92, 1, 1, 0.90, 0.94, 50),
                new ProbeResult(4, null, 0.975, 1, 1, 0.96, 0.99, 50));
        assertThat(IndexMeasurement.focus(settled, 0.95)).isNull();
    }

    @Test
    void theHnswLadderStartsAboveK() {
        assertThat(IndexMeasurement.efSearchLadder(10)).startsWith(20, 40).endsWith(1000);
        assertThat(IndexMeasurement.efSearchLadder(5)).startsWith(10);
    }
}
