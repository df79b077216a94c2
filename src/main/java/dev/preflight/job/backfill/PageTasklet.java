package dev.preflight.job.backfill;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * A backfill partition's step work: one page of embedded rows (one chunk, {@code chunkSize} rows)
 * written per call, and so per transaction, with the reader's restart position saved in it. Pages,
 * not rows, go through Spring Batch: its chunk-oriented step wraps every item in a retry, an
 * observation and a JFR event, which cost a backfill more than its own reading and encoding
 * (measured: about 12 ms of a 38 ms cycle per 2,000 rows).
 */
public final class PageTasklet implements Tasklet {

    private final PrefetchingReader reader;
    private final ItemWriter<EmbeddedRow> writer;

    public PageTasklet(PrefetchingReader reader, ItemWriter<EmbeddedRow> writer) {
        this.reader = reader;
        this.writer = writer;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext context) throws Exception {
        Page page = reader.readPage();
        if (page == null) {
            return RepeatStatus.FINISHED;
        }
        writer.write(page);
        for (int i = 0; i < page.size(); i++) {
            contribution.incrementReadCount(); // Batch counts reads one at a time; rows, as before, not pages
        }
        contribution.incrementWriteCount(page.size());
        return RepeatStatus.CONTINUABLE;
    }
}
