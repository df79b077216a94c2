package dev.preflight.config;

import dev.preflight.kernel.PreflightException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a database URL in the libpq form or the JDBC form into its parts, translating libpq and
 * Prisma parameters to pgJDBC's; its errors never echo the URL, which may hold a password.
 */
final class DatabaseUrlParser {

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

    private DatabaseUrlParser() {
    }

    /** Parses either URL form; the error names the problem without echoing the URL. */
    static DatabaseUrl parse(String raw) {
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
        int q = queryStart(rest);
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
        checkPorts(authority, !query.contains("@"));
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

    /**
     * Where the query starts: at the first '?', unless that '?' is in the password (libpq reads a '?' before the
     * userinfo's '@' as part of it too): no '/' before it, an '@' after it, and no '=' or '&' between them, which a query
     * would have ({@code host?user=u&password=p@ss} stays a query).
     */
    private static int queryStart(String rest) {
        int q = rest.indexOf('?');
        if (q < 0 || rest.lastIndexOf('@', q) >= 0 || rest.lastIndexOf('/', q) >= 0) {
            return q;
        }
        int at = rest.indexOf('@', q);
        if (at < 0 || rest.substring(q, at).matches(".*[=&].*")) {
            return q;
        }
        return rest.indexOf('?', at);
    }

    /** Each {@code host[:port]} of the authority must have a port of 1 to 65535, checked here so no driver warning is printed. */
    private static void checkPorts(String authority, boolean showable) {
        for (String host : authority.split(",")) {
            int colon = host.lastIndexOf(':');
            if (colon < 0 || host.endsWith("]")) {
                continue; // no port, or a bare IPv6 address in brackets
            }
            String port = host.substring(colon + 1);
            boolean valid = port.matches("[0-9]{1,5}") && Integer.parseInt(port) >= 1 && Integer.parseInt(port) <= 65535;
            if (!valid) {
                // the port is shown only when it is a short number and no '@' follows in the query: when the password holds an
                // unencoded '@', '/' or '?', what reads as "host:port" here is the user and part of the password
                String shown = showable && port.matches("[0-9]{0,5}") ? " '" + port + "' for host " + host.substring(0, colon) : "";
                throw PreflightException.config("database URL has an invalid port" + shown + " (not a number from 1 to 65535)",
                        "write it as postgresql://user:password@host:5432/db; a password that holds '@', '/', '?', '#' or ':' must be "
                                + "percent-encoded (%40, %2F, %3F, %23, %3A)");
            }
        }
    }

    /**
     * Decodes %XX escapes; '+' is literal in URL userinfo and paths. A '%' that starts no escape is kept as written, as
     * an unencoded '@' in a password is: throwing here would print a stack trace naming part of the password.
     */
    static String decode(String s) {
        StringBuilder out = new StringBuilder(s.length());
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                bytes.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
                i += 2;
                continue;
            }
            out.append(bytes.toString(StandardCharsets.UTF_8));
            bytes.reset();
            out.append(ch);
        }
        return out.append(bytes.toString(StandardCharsets.UTF_8)).toString();
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
