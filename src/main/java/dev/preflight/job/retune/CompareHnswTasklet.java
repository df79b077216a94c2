package dev.preflight.job.retune;

import dev.preflight.report.VectorIndexTuning.Decision;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/** The retune job's optional step ({@code --compare-hnsw}): an HNSW index on the same data for each measured IVFFlat index. */
final class CompareHnswTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(CompareHnswTasklet.class);

    private final DataSource dataSource;
    private final RetuneState state;

    CompareHnswTasklet(DataSource dataSource, RetuneState state) {
        this.dataSource = dataSource;
        this.state = state;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        RetuneSettings settings = state.settings();
        if (!settings.compareHnsw()) {
            return RepeatStatus.FINISHED;
        }
        HnswComparer comparer = new HnswComparer(dataSource, settings);
        for (IndexWork w : state.indexes()) {
            if (w.ivfflat() && w.decision != Decision.EXACT_IS_FASTER && !w.current().ladder().isEmpty()) {
                w.hnsw = comparer.compare(w);
                log.info("{}: {}", w.index.name(), w.hnsw.verdict());
            }
        }
        return RepeatStatus.FINISHED;
    }
}
