package dev.preflight.job.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The partitions of a backfill without a database: a restart gets exactly the names the
 * interrupted execution had (Spring Batch then gives each unfinished one its saved range and skips
 * the finished ones), and one thread is one partition open at both ends. The ranges of a first
 * start with several threads come from SQL: {@link IdRangePartitionerIntegrationTests} (equal
 * pending rows over skewed ids), {@link BackfillIntegrationTests}.
 *
 * <p>Mutations known to be killed (PIT): a restart given new ranges, fewer or more partitions, or
 * other names (which would strand the rows of the old ranges); a single partition given a bound.
 */
class IdRangePartitionerTests {

    private static BackfillTasks tasks(int threads, int resumePartitions) {
        BackfillTask task = new BackfillTask(null, null, null, null, 50, threads, false, null, null, null);
        task.resumePartitions(resumePartitions);
        BackfillTasks tasks = new BackfillTasks();
        tasks.current(task);
        return tasks;
    }

    @Test
    void aRestartReusesThePartitionNamesWithoutRanges() {
        // given an interrupted execution of 3 partitions, restarted with --threads 8 (no database is asked)
        Map<String, ExecutionContext> partitions = new IdRangePartitioner(null, tasks(8, 3)).partition(8);

        assertThat(partitions).containsOnlyKeys("partition0", "partition1", "partition2");
        assertThat(partitions.values()).allSatisfy(ctx -> assertThat(ctx.isEmpty()).isTrue());
    }

    @Test
    void oneThreadIsOnePartitionOpenAtBothEnds() {
        Map<String, ExecutionContext> partitions = new IdRangePartitioner(null, tasks(1, 0)).partition(1);

        assertThat(partitions).containsOnlyKeys("partition0");
        assertThat(partitions.get("partition0").containsKey(PrefetchingReader.LOW)).isFalse();
        assertThat(partitions.get("partition0").containsKey(PrefetchingReader.HIGH)).isFalse();
    }
}
