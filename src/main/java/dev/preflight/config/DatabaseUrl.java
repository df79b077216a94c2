package dev.preflight.config;

import dev.preflight.kernel.PreflightException;
import dev.preflight.kernel.Secrets;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * A parsed database URL in either the libpq form ({@code postgresql://user:pass@host:port/db?...},
 * what Prisma, Neon, Heroku and CI secrets hold) or the JDBC form ({@code jdbc:postgresql://...}).
 *
 * <p>The password never leaves this object except through {@link #connectionProperties()}; its
 * {@link #toString()} and {@link #masked()} forms are safe to log.
 */
public final class DatabaseUrl {

    /** Query parameters whose values are secrets and must be masked. */
    private static final Set<String> SECRET_PARAMS = Set.of("password", "sslpassword", "apikey", "api_key", "token");

    /** libpq or Prisma parameter names and their pgJDBC equivalents. */
    private static final Map<String, String> LIBPQ_TO_JDBC = Map.of(
            "connect_timeout", "connectTimeout",
            "application_name", "ApplicationName",
            "sslrootcert", "sslrootcert",
            "schema", "currentSchema",
            "target_session_attrs", "targetServerType");

    /** Prisma and libpq parameters that pgJDBC does not understand; dropped with no effect on the connection. */
    private static final Set<String> DROPPED = Set.of("pgbouncer", "connection_limit", "pool_timeout",
            "channel_binding", "statement_cache_size", "socket_timeout", "sslaccept");

    private final String hosts;
    private final String database;
    private final String user;
    private final String password;
    private final Map<String, String> params;
    private final boolean poolerHint;

    private DatabaseUrl(String hosts, String database, String user, String password,
                        Map<String, String> params, boolean poolerHint) {
        this.hosts = hosts;
        this.database = database;
        this.user = user;
        this.password = password;
        this.params = params;
        this.poolerHint = poolerHint;
        Secrets.register(password);
        params.forEach((k, v) -> {
            if (SECRET_PARAMS.contains(k.toLowerCase(Locale.ROOT))) {
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
        if (raw == null || raw.isBlank()) {
            throw PreflightException.config("database URL is empty",
                    "give --db-url postgresql://user:password@host:5432/db or set DATABASE_URL");
        }
        String s = raw.trim();
        String rest;
        if (s.startsWith("jdbc:postgresql://")) {
            rest = s.substring("jdbc:postgresql://".length());
        } else if (s.startsWith("postgresql://")) {
            rest = s.substring("postgresql://".length());
        } else if (s.startsWith("postgres://")) {
            rest = s.substring("postgres://".length());
        } else {
            throw PreflightException.config("database URL has an unsupported scheme (expected postgresql://, postgres:// or jdbc:postgresql://)",
                    "write it as postgresql://user:password@host:5432/db?sslmode=require");
        }
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        // The userinfo ends at the last '@' before the path: passwords may hold '@' when not encoded.
        int slash = rest.indexOf('/', Math.max(0, rest.lastIndexOf('@')));
        String authority = slash >= 0 ? rest.substring(0, slash) : rest;
        String path = slash >= 0 ? rest.substring(slash + 1) : "";
        String user = null;
        String password = null;
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = userInfo.indexOf(':');
            if (colon >= 0) {
                user = decode(userInfo.substring(0, colon));
                password = decode(userInfo.substring(colon + 1));
            } else {
                user = decode(userInfo);
            }
        }
        if (authority.isBlank()) {
            throw PreflightException.config("database URL names no host", "write it as postgresql://user:password@host:5432/db");
        }
        checkPorts(authority);
        Map<String, String> params = new LinkedHashMap<>();
        boolean pooler = false;
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq >= 0 ? pair.substring(0, eq) : pair);
            String value = eq >= 0 ? decode(pair.substring(eq + 1)) : "";
            String lower = key.toLowerCase(Locale.ROOT);
            if (lower.equals("user")) {
                user = value;
            } else if (lower.equals("password")) {
                password = value;
            } else if (lower.equals("pgbouncer")) {
                pooler = pooler || value.equalsIgnoreCase("true");
            } else if (!DROPPED.contains(lower)) {
                params.put(LIBPQ_TO_JDBC.getOrDefault(lower, key), value);
            }
        }
        String database = decode(path);
        if (database.isBlank()) {
            database = user != null ? user : "postgres";
        }
        return new DatabaseUrl(authority, database, user, password, params, pooler);
    }

    /** Each {@code host[:port]} of the authority must have a port of 1 to 65535, checked here so no driver warning is printed. */
    private static void checkPorts(String authority) {
        for (String host : authority.split(",")) {
            int colon = host.lastIndexOf(':');
            if (colon < 0 || host.endsWith("]")) {
                continue; // no port, or a bare IPv6 address in brackets
            }
            String port = host.substring(colon + 1);
            boolean valid = port.matches("[0-9]{1,5}") && Integer.parseInt(port) >= 1 && Integer.parseInt(port) <= 65535;
            if (!valid) {
                String shown = port.length() > 12 ? port.substring(0, 12) + "..." : port;
                throw PreflightException.config("database URL has an invalid port '" + shown + "' for host " + host.substring(0, colon),
                        "the port is a number from 1 to 65535, for example postgresql://user:password@" + host.substring(0, colon) + ":5432/db");
            }
        }
    }

    private static String decode(String s) {
        // '+' is literal in URL userinfo and paths; only %XX escapes are decoded.
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The JDBC URL without credentials; user and password travel in {@link #connectionProperties()}. */
    public String jdbcUrl() {
        StringBuilder sb = new StringBuilder("jdbc:postgresql://").append(hosts).append('/').append(encodePath(database));
        String sep = "?";
        for (Map.Entry<String, String> e : params.entrySet()) {
            sb.append(sep).append(e.getKey()).append('=').append(e.getValue());
            sep = "&";
        }
        return sb.toString();
    }

    private static String encodePath(String db) {
        return db.replace("%", "%25").replace("/", "%2F").replace("?", "%3F");
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
        StringBuilder sb = new StringBuilder("postgresql://");
        if (user != null) {
            sb.append(user);
            if (password != null) {
                sb.append(":****");
            }
            sb.append('@');
        }
        sb.append(hosts).append('/').append(database);
        String sep = "?";
        for (Map.Entry<String, String> e : params.entrySet()) {
            boolean secret = SECRET_PARAMS.contains(e.getKey().toLowerCase(Locale.ROOT));
            sb.append(sep).append(e.getKey()).append('=').append(secret ? "****" : e.getValue());
            sep = "&";
        }
        return sb.toString();
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
        StringBuilder sb = new StringBuilder("postgresql://");
        if (user != null) {
            sb.append(encode(user));
            if (password != null) {
                sb.append(':').append(encode(password));
            }
            sb.append('@');
        }
        sb.append(hosts).append('/').append(encodePath(database));
        String sep = "?";
        for (Map.Entry<String, String> e : params.entrySet()) {
            sb.append(sep).append(encode(e.getKey())).append('=').append(encode(e.getValue()));
            sep = "&";
        }
        return sb.toString();
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
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
