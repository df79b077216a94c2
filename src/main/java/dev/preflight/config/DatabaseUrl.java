package dev.preflight.config;

import dev.preflight.kernel.Secrets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * A parsed database URL in either the libpq form ({@code postgresql://user:pass@host:port/db?...},
 * what Prisma, Neon, Heroku and CI secrets hold) or the JDBC form ({@code jdbc:postgresql://...}).
 *
 * <p>The password never leaves this object except through {@link #connectionProperties()}; its
 * {@link #toString()} and {@link #masked()} forms are safe to log.
 */
public final class DatabaseUrl {

    private final String hosts;
    private final String database;
    private final String user;
    private final String password;
    private final Map<String, String> params;
    private final boolean poolerHint;

    DatabaseUrl(String hosts, String database, String user, String password,
            Map<String, String> params, boolean poolerHint) {
        this.hosts = hosts;
        this.database = database;
        this.user = user;
        this.password = password;
        this.params = params;
        this.poolerHint = poolerHint;
        Secrets.register(password);
        params.forEach((k, v) -> {
            if (DatabaseUrlForms.isSecretParam(k)) {
                Secrets.register(v);
            }
        });
    }

    /** Builds a URL for a local server from its parts (used by the embedded cluster). */
    public static DatabaseUrl of(String host, int port, String database, String user, String password) {
        return new DatabaseUrl(host + ":" + port, database, user, password, new LinkedHashMap<>(), false);
    }

    /** Parses either URL form; the error names the problem without echoing the URL. */
    public static DatabaseUrl parse(String raw) {
        return DatabaseUrlParser.parse(raw);
    }

    /** The JDBC URL without credentials; user and password travel in {@link #connectionProperties()}. */
    public String jdbcUrl() {
        return DatabaseUrlForms.jdbc(hosts, database, params);
    }

    /** Credentials as pgJDBC properties. */
    public Properties connectionProperties() {
        Properties p = new Properties();
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        return p;
    }

    /** The URL in libpq form with the password and secret parameters replaced by {@code ****}. */
    public String masked() {
        return DatabaseUrlForms.masked(user, password != null, hosts, database, params);
    }

    /** True when the URL looks like a transaction-mode pooler (PgBouncer, Neon or Supabase pooler hosts). */
    public boolean looksLikePooler() {
        String h = hosts.toLowerCase(Locale.ROOT);
        return poolerHint || h.contains("pooler") || h.contains("pgbouncer") || h.matches(".*:6432(,.*)?$");
    }

    public String hosts() {
        return hosts;
    }

    public String database() {
        return database;
    }

    public String user() {
        return user;
    }

    public Map<String, String> params() {
        return Map.copyOf(params);
    }

    /**
     * The full libpq URL with the password, percent-encoded: only for handing to the user who asked
     * for it ({@code --keep}) or to a child process. Never log it.
     */
    public String secretUri() {
        return DatabaseUrlForms.secret(user, password, hosts, database, params);
    }

    /** The password, for code that must hand it to another program's environment (never to a log). */
    public String secretPassword() {
        return password;
    }

    /** Same server and credentials, another database (used for shadow and test databases). */
    public DatabaseUrl withDatabase(String otherDatabase) {
        return new DatabaseUrl(hosts, otherDatabase, user, password, new LinkedHashMap<>(params), poolerHint);
    }

    @Override
    public String toString() {
        return masked();
    }
}
