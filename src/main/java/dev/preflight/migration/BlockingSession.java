package dev.preflight.migration;

import java.time.Instant;

/**
 * A session that held a lock a migration statement waited for, as {@code pg_blocking_pids} and
 * {@code pg_stat_activity} showed it while the statement waited.
 *
 * @param pid the blocking backend's process id
 * @param applicationName its {@code application_name} (empty when the client set none)
 * @param state its {@code state}, for example {@code idle in transaction}
 * @param transactionStart when its transaction began (null when it is in none)
 * @param query its current or last query, shortened
 */
public record BlockingSession(int pid, String applicationName, String state, Instant transactionStart, String query) {

    /** One line for messages: {@code pid 4242 (application 'psql', idle in transaction since ..., last query: ...)}. */
    public String describe() {
        StringBuilder s = new StringBuilder("pid ").append(pid).append(" (");
        s.append("application '").append(applicationName == null ? "" : applicationName).append("', ");
        s.append(state == null ? "state unknown" : state);
        if (transactionStart != null) {
            s.append(", in a transaction since ").append(transactionStart);
        }
        if (query != null && !query.isBlank()) {
            s.append(", ").append("active".equals(state) ? "query" : "last query").append(": ").append(query);
        }
        return s.append(')').toString();
    }
}
