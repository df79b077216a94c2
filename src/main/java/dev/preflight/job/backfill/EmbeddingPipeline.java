package dev.preflight.job.backfill;

import dev.preflight.db.Connections;
import dev.preflight.job.backfill.provider.EmbeddingProvider;
import dev.preflight.job.backfill.provider.ProviderException;
import dev.preflight.job.backfill.provider.TokenEstimate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The producer of one partition: reads the rows that need work by keyset pagination (id > last,
 * never OFFSET) on its own connection, applies the skip policy, embeds the rest and hands each page
 * to the reader as one chunk. Three rejected chunks in a row fail the step: the provider is
 * misconfigured, and going on would only spend requests.
 */
final class EmbeddingPipeline implements Runnable {

    /** A page ready to write; {@code rows == null} ends the partition, {@code error} fails the step. */
    record Batch(Page rows, Exception error) {
    }

    private static final Logger log = LoggerFactory.getLogger(EmbeddingPipeline.class);
    private static final int MAX_REJECTED_IN_A_ROW = 3;

    private final BackfillTask task;
    private final String high;
    private final BlockingQueue<Batch> queue;
    private String last;
    private volatile boolean stopped;

    EmbeddingPipeline(BackfillTask task, String after, String high, BlockingQueue<Batch> queue) {
        this.task = task;
        this.last = after;
        this.high = high;
        this.queue = queue;
    }

    void stop() {
        stopped = true;
    }

    @Override
    public void run() {
        try (Connection c = Connections.open(task.readUrl())) {
            int rejectedInARow = 0;
            while (!stopped) {
                int wanted = task.claim(task.chunkSize());
                List<EmbeddedRow> page = wanted == 0 ? List.of() : unrecordRowsWithoutVector(c, embed(read(c, wanted)));
                task.release(wanted - page.size());
                if (page.isEmpty()) {
                    queue.put(new Batch(null, null));
                    return;
                }
                boolean rejected = page.stream().anyMatch(r -> r.issue() == EmbeddedRow.Issue.FAILED);
                rejectedInARow = rejected ? rejectedInARow + 1 : 0;
                queue.put(new Batch(new Page(page, task.provider().dimensions()), null));
                if (rejectedInARow >= MAX_REJECTED_IN_A_ROW) {
                    String reason = page.stream().filter(r -> r.issue() == EmbeddedRow.Issue.FAILED).findFirst().orElseThrow().reason();
                    queue.put(new Batch(null, new ProviderException.Unavailable(MAX_REJECTED_IN_A_ROW
                            + " chunks in a row were rejected (last: " + reason + "); stopping this partition", null)));
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the reader closed: the step is over
        } catch (Exception e) {
            try {
                queue.put(new Batch(null, e));
            } catch (InterruptedException closed) {
                Thread.currentThread().interrupt(); // the reader closed before taking the error: the step is over anyway
            }
        }
    }

    /**
     * Reads the next page; the statement also commits the records of its rows that had neither a vector
     * nor a record, before the writer gets the page: the writer's chunk statement then only updates the
     * vectors, and the records are written while it writes the previous chunk. Safe because those rows
     * stay NULL until their chunk commits, and a NULL vector is redone whatever its record says (see
     * {@link EmbeddedRow.StateRecord}).
     */
    private List<PendingRow> read(Connection c, int limit) throws Exception {
        boolean reembed = task.reembed();
        boolean records = task.hasRecords();
        try (PreparedStatement ps = c.prepareStatement(task.sql().page(reembed, records, last != null, high != null))) {
            int i = 1;
            if (records) {
                ps.setString(i++, task.target().name());
                if (!reembed) {
                    ps.setString(i++, task.provider().model());
                }
            }
            if (last != null) {
                ps.setString(i++, last);
            }
            if (high != null) {
                ps.setString(i++, high);
            }
            ps.setInt(i++, limit);
            ps.setString(i++, task.target().name());
            ps.setString(i, task.provider().model());
            List<PendingRow> rows = new ArrayList<>(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    boolean had = rs.getBoolean(4);
                    EmbeddedRow.StateRecord record = rs.getBoolean(5) ? EmbeddedRow.StateRecord.EXISTING
                            : had ? EmbeddedRow.StateRecord.NONE : EmbeddedRow.StateRecord.WRITTEN_AHEAD;
                    rows.add(new PendingRow(rs.getString(1), rs.getString(2), rs.getString(3), had, record));
                }
            }
            if (!rows.isEmpty()) {
                last = rows.get(rows.size() - 1).id();
            }
            return rows;
        }
    }

    /**
     * Deletes the records the page read wrote for rows that got no vector after all (skipped, or in a
     * rejected chunk): a record stands for a vector, written or in flight, never for a row left NULL.
     */
    private List<EmbeddedRow> unrecordRowsWithoutVector(Connection c, List<EmbeddedRow> page) throws Exception {
        List<String> ids = page.stream().filter(r -> r.vector() == null && r.record() == EmbeddedRow.StateRecord.WRITTEN_AHEAD)
                .map(EmbeddedRow::id).toList();
        if (!ids.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(BackfillSql.UNRECORD)) {
                ps.setString(1, task.target().name());
                ps.setArray(2, c.createArrayOf("text", ids.toArray()));
                ps.executeUpdate();
            }
        }
        return page;
    }

    /** Skip policy, then one provider call for the page; a rejected answer fails every row of the page. */
    private List<EmbeddedRow> embed(List<PendingRow> rows) {
        EmbeddingProvider provider = task.provider();
        List<EmbeddedRow> out = new ArrayList<>(rows.size());
        List<PendingRow> toEmbed = new ArrayList<>(rows.size());
        for (PendingRow r : rows) {
            String why = skipReason(r.text(), provider.maxTokensPerInput());
            if (why != null) {
                out.add(EmbeddedRow.issue(r.id(), r.hash(), r.hadVector(), r.record(), EmbeddedRow.Issue.SKIPPED, why));
            } else {
                toEmbed.add(r);
            }
        }
        if (toEmbed.isEmpty()) {
            return out;
        }
        try {
            List<float[]> vectors = provider.embed(toEmbed.stream().map(PendingRow::text).toList());
            if (vectors.size() != toEmbed.size()) {
                throw new ProviderException.Rejected("expected " + toEmbed.size() + " vectors, got " + vectors.size());
            }
            for (int i = 0; i < vectors.size(); i++) {
                if (vectors.get(i).length != provider.dimensions()) {
                    throw new ProviderException.Rejected("wrong dimension: expected " + provider.dimensions() + ", got " + vectors.get(i).length);
                }
                PendingRow r = toEmbed.get(i);
                out.add(EmbeddedRow.embedded(r.id(), r.hash(), r.hadVector(), r.record(), vectors.get(i)));
            }
        } catch (ProviderException.Rejected e) {
            log.warn("backfill {}: chunk of {} row(s) from id {} rejected, nothing of it is written: {}", task.target().name(),
                    rows.size(), rows.get(0).id(), e.getMessage());
            List<EmbeddedRow> failed = new ArrayList<>(out.stream().filter(r -> r.issue() == EmbeddedRow.Issue.SKIPPED).toList());
            toEmbed.forEach(r -> failed.add(EmbeddedRow.issue(r.id(), r.hash(), r.hadVector(), r.record(), EmbeddedRow.Issue.FAILED, e.getMessage())));
            return failed;
        }
        return out;
    }

    /** Empty text cannot be embedded meaningfully; too long text is skipped, not truncated (see EmbeddingProvider). */
    static String skipReason(String text, int maxTokens) {
        if (text == null || text.isBlank()) {
            return "empty text";
        }
        int tokens = TokenEstimate.of(text);
        return tokens > maxTokens ? "text too long: ~" + tokens + " tokens estimated, the model's limit is " + maxTokens : null;
    }

    /** A row as read: id, text, md5 of the text, whether it had a vector, its state record. */
    record PendingRow(String id, String text, String hash, boolean hadVector, EmbeddedRow.StateRecord record) {
    }
}
