package dev.preflight.job.retune;

import dev.preflight.report.VectorIndexTuning.HnswComparison;
import dev.preflight.report.VectorIndexTuning.Measurement;
import dev.preflight.report.VectorIndexTuning.ProbeResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --compare-hnsw}: copies an IVFFlat index's vectors into a scratch table in Preflight's own
 * schema, builds an HNSW index there with pgvector's defaults, measures it with vectors held out of
 * the copy ({@link HeldOutCopy}), and drops both. A copy, so the application's queries never meet
 * the temporary index.
 */
final class HnswComparer {

    private static final Logger log = LoggerFactory.getLogger(HnswComparer.class);
    /** pgvector's HNSW build defaults. */
    static final int M = 16;
    static final int EF_CONSTRUCTION = 64;

    private final DataSource dataSource;
    private final RetuneSettings settings;

    HnswComparer(DataSource dataSource, RetuneSettings settings) {
        this.dataSource = dataSource;
        this.settings = settings;
    }

    HnswComparison compare(IndexWork w) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Measurement m = new IndexMeasurement(settings).measureHeldOut(c, w.index, "hnsw", w.current().rows(), M, EF_CONSTRUCTION);
            c.setAutoCommit(true);
            log.info("{}: HNSW copy built in {} ms", w.index.name(), m.buildMillis());
            return new HnswComparison(M, EF_CONSTRUCTION, m.buildMillis(), m.sizeBytes(), m.ladder(),
                    verdict(w.current(), m, settings.targetRecall()));
        }
    }

    /** Which index suits this data, in one sentence: latency at the target first, then build time and size. */
    static String verdict(Measurement ivfflat, Measurement hnsw, double target) {
        ProbeResult i = IvfflatAdvice.smallestMeeting(ivfflat.ladder(), target);
        ProbeResult h = IvfflatAdvice.smallestMeeting(hnsw.ladder(), target);
        if (h == null) {
            return String.format(Locale.ROOT, "HNSW did not reach recall %.2f up to ef_search=%d: IVFFlat suits this data", target,
                    hnsw.ladder().stream().mapToInt(ProbeResult::value).max().orElse(0));
        }
        if (i == null) {
            return "IVFFlat did not reach the target at any probes while HNSW did: HNSW suits this data";
        }
        String build = ivfflat.buildMillis() == null ? "" : String.format(Locale.ROOT, ", builds in %.1fx the time",
                (double) hnsw.buildMillis() / Math.max(1, ivfflat.buildMillis()));
        String figures = String.format(Locale.ROOT, "HNSW reaches %.3f at ef_search=%d in %.2f ms p50 against IVFFlat's %.3f at probes=%d "
                + "in %.2f ms%s and is %.1fx the size", h.recall(), h.value(), h.p50Millis(), i.recall(), i.value(), i.p50Millis(),
                build, (double) hnsw.sizeBytes() / Math.max(1, ivfflat.sizeBytes()));
        return figures + (h.p50Millis() < 0.7 * i.p50Millis()
                ? ": HNSW suits when query latency matters more than build time and memory"
                : ": IVFFlat suits, as fast here and cheaper to build and keep");
    }
}
