package dev.preflight.job.retune;

import dev.preflight.report.VectorIndexTuning.Decision;
import dev.preflight.run.RunContext;
import java.sql.Connection;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The retune job's second step: rebuilds online every IVFFlat index the first step marked, with
 * the recommended lists, then measures it again (k-means is random: recall differs from build to
 * build). A failed rebuild is recorded, not thrown: the other indexes still get theirs.
 */
final class RebuildTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(RebuildTasklet.class);

    private final DataSource dataSource;
    private final RunContext run;
    private final RetuneState state;

    RebuildTasklet(DataSource dataSource, RunContext run, RetuneState state) {
        this.dataSource = dataSource;
        this.run = run;
        this.state = state;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        RetuneSettings settings = state.settings();
        if (settings.dryRun()) {
            return RepeatStatus.FINISHED;
        }
        OnlineRebuild rebuild = new OnlineRebuild(dataSource, settings);
        IndexMeasurement measurement = new IndexMeasurement(settings);
        for (IndexWork w : state.indexes()) {
            if (w.decision != Decision.REBUILD) {
                continue;
            }
            int lists = IvfflatAdvice.recommendedLists(w.before.rows());
            try {
                OnlineRebuild.Result result = rebuild.rebuild(w.index, w.before.rows(), lists);
                try (Connection c = dataSource.getConnection()) {
                    VectorIndexTarget rebuilt = VectorIndexTarget.read(c, w.index.schema(), w.index.name());
                    w.after = measurement.measure(c, rebuilt, result.buildMillis());
                }
                w.decision = Decision.REBUILT;
                if (result.warning() != null) {
                    w.error = result.warning();
                    run.ledger().warn(result.warning());
                }
            } catch (OnlineRebuild.RebuildFailedException e) {
                log.warn(e.getMessage());
                w.decision = Decision.REBUILD_FAILED;
                w.error = e.getMessage();
            }
        }
        return RepeatStatus.FINISHED;
    }
}
