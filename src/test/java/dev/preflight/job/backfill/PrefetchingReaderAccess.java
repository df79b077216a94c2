package dev.preflight.job.backfill;

/** Test access to the backfill's package-private read-ahead depth. */
public final class PrefetchingReaderAccess {

    public static final int AHEAD = PrefetchingReader.AHEAD;

    private PrefetchingReaderAccess() {
    }
}
