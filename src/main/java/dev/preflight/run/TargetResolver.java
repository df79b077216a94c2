package dev.preflight.run;

import dev.preflight.config.DatabaseTarget;
import dev.preflight.config.DatabaseUrl;
import dev.preflight.config.ProjectLayout;
import dev.preflight.embedded.EmbeddedPostgres;
import dev.preflight.kernel.Console;
import dev.preflight.kernel.Options;
import dev.preflight.kernel.PreflightException;

/**
 * Chooses the run's database: {@code --db-url}, else {@code DATABASE_URL}, else a throwaway
 * embedded cluster; and the direct URL from {@code --direct-url} or {@code DIRECT_DATABASE_URL}.
 */
public final class TargetResolver {

    private TargetResolver() {
    }

    /** The resolved target and, when one was started, the embedded cluster to stop at the end. */
    public record Resolved(DatabaseTarget target, EmbeddedPostgres embedded) {

        /** Stops the embedded cluster, if one was started; with {@code --keep} it keeps running and how to reach and stop it is printed. */
        void stop(Console console, boolean keep) {
            if (embedded == null) {
                return;
            }
            if (keep) {
                console.out().println("Embedded database kept running: " + embedded.url().secretUri());
                console.out().println("Its URL, password included: " + embedded.writeConnectionFile());
                console.out().println("Stop it with: " + embedded.installation().bin("pg_ctl") + " -D " + embedded.dataDir().resolve("data")
                        + " stop");
            }
            embedded.close();
        }
    }

    /**
     * The lasting database a long-running command (the scheduler) works on: as {@link #resolve}, but
     * never an embedded cluster, which would vanish with the process.
     */
    public static DatabaseTarget lasting(Options options, Console console, String why) {
        if (options.flag("db-url") == null && console.env("DATABASE_URL") == null) {
            throw PreflightException.config(why, "give --db-url or set DATABASE_URL");
        }
        return resolve(options, console, null).target();
    }

    public static Resolved resolve(Options options, Console console, ProjectLayout project) {
        DatabaseTarget given = given(options, console);
        if (given != null) {
            return new Resolved(given, null);
        }
        console.err().println("[preflight] no --db-url or DATABASE_URL: starting an embedded PostgreSQL with pgvector...");
        EmbeddedPostgres pg = EmbeddedPostgres.start(project.stateDir(), options.has("keep"));
        console.err().println("[preflight] embedded PostgreSQL " + pg.majorVersion() + " at " + pg.url().masked()
                + " (data in " + pg.dataDir() + (options.has("keep") ? ", kept" : ", removed at exit") + ")");
        return new Resolved(DatabaseTarget.of(pg.url(), null, DatabaseTarget.Source.EMBEDDED), pg);
    }

    /** The database the options or the environment name, or null when none is named (a run then starts an embedded cluster). */
    static DatabaseTarget given(Options options, Console console) {
        String flag = options.flag("db-url");
        String env = console.env("DATABASE_URL");
        String direct = options.flag("direct-url") != null ? options.flag("direct-url") : console.env("DIRECT_DATABASE_URL");
        DatabaseUrl directUrl = direct == null ? null : DatabaseUrl.parse(direct);
        if (flag == null && env == null) {
            return null;
        }
        return flag != null ? DatabaseTarget.of(DatabaseUrl.parse(flag), directUrl, DatabaseTarget.Source.FLAG)
                : DatabaseTarget.of(DatabaseUrl.parse(env), directUrl, DatabaseTarget.Source.ENVIRONMENT);
    }
}
