package dev.preflight.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The database a run works on: the main URL, the direct URL used for DDL and locks (a
 * transaction-mode pooler breaks advisory locks and session settings), and where it came from.
 */
public record DatabaseTarget(DatabaseUrl url, DatabaseUrl directUrl, Source source, List<String> warnings) {

    /** Where the URL came from, shown in the report. */
    public enum Source { FLAG, ENVIRONMENT, EMBEDDED }

    public DatabaseTarget {
        warnings = List.copyOf(warnings);
    }

    /** Builds a target and adds the pooler warning when it applies. */
    public static DatabaseTarget of(DatabaseUrl url, DatabaseUrl directUrl, Source source) {
        List<String> warnings = new ArrayList<>();
        if (directUrl == null && url.looksLikePooler()) {
            warnings.add("the database URL (" + url.masked() + ") looks like a connection pooler and DIRECT_DATABASE_URL is not set: "
                    + "migrations take advisory locks and set session options, which a transaction-mode pooler breaks. "
                    + "Set DIRECT_DATABASE_URL to the direct (non-pooled) connection.");
        }
        return new DatabaseTarget(url, directUrl, source, warnings);
    }

    /** The URL for DDL, locking and the job repository: the direct one when given. */
    public DatabaseUrl ddlUrl() {
        return directUrl != null ? directUrl : url;
    }

    public boolean embedded() {
        return source == Source.EMBEDDED;
    }
}
