package dev.preflight.job.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The {@code --limit} budget partitions share: claims never exceed it, together or in parallel,
 * rows claimed but not found go back, and without a limit nothing is counted.
 *
 * <p>Mutations known to be killed (PIT): a claim larger than what is left, or a negative one
 * once the budget is spent; released rows lost, or added to an unlimited budget (which would
 * overflow it); a restart's partition count or the clear-issues switch not kept.
 */
class BackfillTaskTests {

    private static BackfillTask task(Long limit) {
        return new BackfillTask(null, null, null, null, 50, 2, false, limit, null, null);
    }

    @Test
    void claimsStopAtTheLimitAndReleasedRowsCanBeClaimedAgain() {
        BackfillTask task = task(120L);

        assertThat(task.claim(50)).isEqualTo(50);
        assertThat(task.claim(50)).isEqualTo(50);
        assertThat(task.claim(50)).isEqualTo(20);
        assertThat(task.claim(50)).isZero();
        // a partition that found 15 rows fewer than it claimed gives them back
        task.release(15);
        assertThat(task.claim(50)).isEqualTo(15);
        task.release(0);
        task.release(-3);
        assertThat(task.claim(50)).isZero();
    }

    @Test
    void withoutALimitEveryClaimIsGrantedAndReleasesDoNotOverflow() {
        BackfillTask task = task(null);

        task.release(1000);
        assertThat(task.claim(Integer.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE);
        assertThat(task.claim(50)).isEqualTo(50);
    }

    @Test
    void parallelClaimsNeverExceedTheBudget() throws Exception {
        BackfillTask task = task(10_000L);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> claimed = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                claimed.add(pool.submit(() -> {
                    int sum = 0;
                    for (int n; (n = task.claim(7)) > 0; ) {
                        sum += n;
                    }
                    return sum;
                }));
            }
            int total = 0;
            for (Future<Integer> f : claimed) {
                total += f.get(30, TimeUnit.SECONDS);
            }
            assertThat(total).isEqualTo(10_000);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRestartKeepsItsPartitionCountAndTheClearIssuesSwitch() {
        BackfillTask task = task(null);
        assertThat(task.resumePartitions()).isZero();
        assertThat(task.clearIssues()).isTrue();

        task.resumePartitions(4);
        task.clearIssues(false);

        assertThat(task.resumePartitions()).isEqualTo(4);
        assertThat(task.clearIssues()).isFalse();
        assertThat(task.chunkSize()).isEqualTo(50);
        assertThat(task.threads()).isEqualTo(2);
        assertThat(task.reembed()).isFalse();
    }

    @Test
    void aHeadStartIsAdoptedOnlyForItsOwnRangeAndOneDroppedMarksTheTargetAsHavingRecords() {
        BackfillTask task = task(null);
        task.hasRecords(false);

        task.headStart();
        Prefetch adopted = task.takeHeadStart(null, null);
        assertThat(adopted).as("the whole range, as the head start reads it").isNotNull();
        adopted.stop();
        assertThat(task.hasRecords()).as("an adopted head start's records are the reader's own").isFalse();
        assertThat(task.takeHeadStart(null, null)).as("adopted once").isNull();

        // a reader of another range (never the case today) gets none, and the rows the head start recorded ahead are not inserted twice
        task.headStart();
        assertThat(task.takeHeadStart("100", null)).isNull();
        assertThat(task.hasRecords()).isTrue();

        // nor when the job ended before its step took it
        task.hasRecords(false);
        task.headStart();
        task.dropHeadStart();
        assertThat(task.hasRecords()).isTrue();
        assertThat(task.takeHeadStart(null, null)).isNull();
    }
}
