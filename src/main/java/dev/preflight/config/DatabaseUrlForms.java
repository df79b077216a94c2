package dev.preflight.config;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Writes a database URL's parts back out: as a JDBC URL without credentials, masked for logs, or whole for a child process. */
final class DatabaseUrlForms {

    /** Query parameters whose values are secrets and must be masked. */
    private static final Set<String> SECRET_PARAMS = Set.of("password", "sslpassword", "apikey", "api_key", "token");

    private DatabaseUrlForms() {
    }

    static boolean isSecretParam(String key) {
        return SECRET_PARAMS.contains(key.toLowerCase(Locale.ROOT));
    }

    static String jdbc(String hosts, String database, Map<String, String> params) {
        StringBuilder sb = new StringBuilder("jdbc:postgresql://").append(hosts).append('/').append(encodePath(database));
        String sep = "?";
        for (Map.Entry<String, String> e : params.entrySet()) {
            sb.append(sep).append(e.getKey()).append('=').append(e.getValue());
            sep = "&";
        }
        return sb.toString();
    }

    /** The libpq form with the password (when there is one) and secret parameters replaced by {@code ****}. */
    static String masked(String user, boolean hasPassword, String hosts, String database, Map<String, String> params) {
        StringBuilder sb = new StringBuilder("postgresql://");
        if (user != null) {
            sb.append(user);
            if (hasPassword) {
                sb.append(":****");
            }
            sb.append('@');
        }
        sb.append(hosts).append('/').append(database);
        String sep = "?";
        for (Map.Entry<String, String> e : params.entrySet()) {
            sb.append(sep).append(e.getKey()).append('=').append(isSecretParam(e.getKey()) ? "****" : e.getValue());
            sep = "&";
        }
        return sb.toString();
    }

    /** The full libpq form, password included, percent-encoded. */
    static String secret(String user, String password, String hosts, String database, Map<String, String> params) {
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

    private static String encodePath(String db) {
        return db.replace("%", "%25").replace("/", "%2F").replace("?", "%3F");
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
