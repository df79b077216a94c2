package dev.preflight.run;

import dev.preflight.config.DatabaseUrl;
import dev.preflight.report.CheckOutcome;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * SRV001, before anything else of a run: every URL of the target (and the direct URL) accepts a
 * connection with the given credentials. A failure is a PreflightException naming the server and
 * the remedy.
 */
final class Connectivity {

    private Connectivity() {
    }

    /**
     * Checks each URL and records SRV001; returns the DDL URL's connection when the run records
     * (it then holds the liveness lock: each new session costs a password exchange, SCRAM's 4,096
     * hash rounds, one of the dearer steps of a cold start), else null. The connections {@code ahead}
     * opened (null: none) are taken instead of connecting again.
     */
    static Connection check(RunContext run, String command, boolean keepDdl, ConnectAhead ahead) {
        List<DatabaseUrl> urls = ConnectAhead.urls(run.target());
        List<ConnectAhead.Attempt> attempts = ahead == null ? null : ahead.take(run.target());
        List<Connection> opened = new ArrayList<>();
        Connection kept = null;
        try {
            for (int i = 0; i < urls.size(); i++) {
                ConnectAhead.Attempt a = attempts != null && i < attempts.size() ? attempts.get(i) : ConnectAhead.Attempt.of(urls.get(i));
                if (a.failure() != null) {
                    throw a.failure(); // the attempts stop at their first failure, as this loop does
                }
                opened.add(a.connection());
                run.ledger().add(new CheckOutcome("SRV001", "Database is reachable with the given credentials", command,
                        CheckOutcome.Status.PASSED, "connected to " + a.url().masked() + " in " + a.millis() + " ms", List.of()));
                if (keepDdl && urls.get(i) == run.target().ddlUrl() && kept == null) {
                    kept = a.connection();
                }
            }
        } finally {
            for (Connection c : opened) {
                if (c != kept) {
                    closeQuietly(c);
                }
            }
        }
        return kept;
    }

    static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // a connection that only proved the server reachable
            }
        }
    }
}
