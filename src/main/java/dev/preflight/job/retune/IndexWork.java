package dev.preflight.job.retune;

import dev.preflight.report.VectorIndexTuning.Decision;
import dev.preflight.report.VectorIndexTuning.HnswComparison;
import dev.preflight.report.VectorIndexTuning.IndexTuning;
import dev.preflight.report.VectorIndexTuning.Measurement;
import dev.preflight.report.VectorIndexTuning.ProbeResult;

/** One index as it moves through the retune job's steps: measured, decided, maybe rebuilt, compared. */
final class IndexWork {

    final VectorIndexTarget index;
    final Measurement before;
    Decision decision;
    String reason;
    Measurement after;
    String error;
    HnswComparison hnsw;

    IndexWork(VectorIndexTarget index, Measurement before, Decision decision, String reason) {
        this.index = index;
        this.before = before;
        this.decision = decision;
        this.reason = reason;
    }

    boolean ivfflat() {
        return index.method().equals("ivfflat");
    }

    /** The measurement the recommendation rests on: after a rebuild, else before. */
    Measurement current() {
        return after != null ? after : before;
    }

    /** The smallest measured probes (IVFFlat) or ef_search (HNSW) whose recall interval meets the target on the current index, or null. */
    ProbeResult chosen(double target) {
        return IvfflatAdvice.smallestMeeting(current().ladder(), target);
    }

    IndexTuning toReport(double target) {
        ProbeResult chosen = chosen(target);
        return new IndexTuning(index.name(), index.displayTable(), index.keyExpression(), index.method(), index.opclass(),
                decision, reason, before, after, chosen == null ? null : chosen.probes(), chosen == null ? null : chosen.recall(),
                error, hnsw, chosen == null ? null : chosen.efSearch(), chosen == null ? null : chosen.recallLow(),
                chosen == null ? null : chosen.recallHigh(), chosen == null ? null : chosen.queries());
    }
}
