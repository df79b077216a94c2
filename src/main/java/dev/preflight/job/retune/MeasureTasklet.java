package dev.preflight.job.retune;

import dev.preflight.db.Catalog;
import dev.preflight.report.DatabaseInfo.VectorIndex;
import dev.preflight.report.VectorIndexTuning.Decision;
import dev.preflight.report.VectorIndexTuning.Measurement;
import dev.preflight.run.RunContext;
import java.sql.Connection;
import java.util.Locale;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The retune job's first step: discovers every IVFFlat and HNSW index from the catalog, measures
 * it against exact search, and decides whether it needs a rebuild. Changes nothing.
 */
final class MeasureTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(MeasureTasklet.class);

    private final DataSource dataSource;
    private final RunContext run;
    private final RetuneState state;

    MeasureTasklet(DataSource dataSource, RunContext run, RetuneState state) {
        this.dataSource = dataSource;
        this.run = run;
        this.state = state;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        RetuneSettings settings = RetuneSettings.from(chunkContext.getStepContext().getJobParameters(), run.config().retune());
        state.start(settings);
        log.info("retune: {}", settings);
        IndexMeasurement measurement = new IndexMeasurement(settings);
        try (Connection c = dataSource.getConnection()) {
            for (VectorIndex vi : new Catalog(c, run.config().historyTable()).vectorIndexes()) {
                if (isRetuneLeftover(vi.name()) || !settings.selects(vi)) {
                    continue;
                }
                VectorIndexTarget ix = VectorIndexTarget.read(c, RetuneSettings.schemaOf(vi), vi.name());
                if (ix == null) {
                    continue; // dropped since the catalog was read
                }
                Measurement before = measurement.measure(c, ix, null, (rows, ladder) -> settings.dryRun() || IvfflatAdvice.decide(rows,
                        ix.lists(), ix.valid(), ladder, settings.targetRecall(), settings.config().minRows()).decision() != Decision.REBUILD);
                c.setAutoCommit(true);
                state.add(decide(ix, before, settings));
            }
        }
        return RepeatStatus.FINISHED;
    }

    private static IndexWork decide(VectorIndexTarget ix, Measurement before, RetuneSettings settings) {
        long minRows = settings.config().minRows();
        if (!ix.method().equals("ivfflat")) {
            if (before.rows() < minRows) {
                return new IndexWork(ix, before, Decision.EXACT_IS_FASTER, String.format(Locale.ROOT,
                        "%,d rows with a vector (under %,d): exact search is faster here than any ANN index", before.rows(), minRows));
            }
            HnswAdvice.Verdict v = HnswAdvice.decide(ix.m(), ix.efConstruction(), before, settings.targetRecall());
            log.info("{}: {} ({})", ix.name(), v.decision(), v.reason());
            return new IndexWork(ix, before, v.decision(), v.reason());
        }
        IvfflatAdvice.Verdict v = IvfflatAdvice.decide(before.rows(), ix.lists(), ix.valid(), before.ladder(), settings.targetRecall(), minRows);
        String reason = v.reason();
        if (v.decision() == Decision.REBUILD && settings.dryRun()) {
            reason = "dry run, would rebuild with lists=" + IvfflatAdvice.recommendedLists(before.rows()) + ": " + reason;
        }
        log.info("{}: {} ({})", ix.name(), v.decision(), reason);
        return new IndexWork(ix, before, v.decision(), reason);
    }

    /** Temporary names of an interrupted rebuild: cleaned up by that index's next rebuild, never measured themselves. */
    static boolean isRetuneLeftover(String name) {
        return name.endsWith(OnlineRebuild.TMP_SUFFIX) || name.endsWith(OnlineRebuild.OLD_SUFFIX);
    }
}
