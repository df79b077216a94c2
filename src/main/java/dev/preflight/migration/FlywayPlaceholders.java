package dev.preflight.migration;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flyway's placeholder replacement ({@code ${name}} and the built-in {@code ${flyway:...}} ones),
 * for the migrations Preflight applies itself, so they run exactly the SQL Flyway would run.
 */
final class FlywayPlaceholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}\\s]+)}");

    private final Map<String, String> values;

    /**
     * @param configured the project's placeholders
     * @param schema Flyway's default schema
     * @param table the history table
     * @param user the connected user
     * @param database the connected database
     */
    FlywayPlaceholders(Map<String, String> configured, String schema, String table, String user, String database) {
        values = new LinkedHashMap<>(configured);
        values.put("flyway:defaultSchema", schema);
        values.put("flyway:table", table);
        values.put("flyway:user", user);
        values.put("flyway:database", database);
        values.put("flyway:timestamp", LocalDateTime.now(java.time.ZoneId.systemDefault()).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")));
        values.put("flyway:environment", "default");
    }

    /** A placeholder without a value, with the line it stands on. */
    static final class MissingPlaceholderException extends RuntimeException {
        final String file;
        final int line;

        MissingPlaceholderException(String file, String name, int line) {
            super("migration " + file + " failed at line " + line + ": no value for placeholder ${" + name
                    + "}. Repair: set migrations.placeholders." + name + " in jobs/preflight.yaml");
            this.file = file;
            this.line = line;
        }
    }

    /** {@code script} with every placeholder replaced (line breaks are kept, so lines stay where they were). */
    String replace(String script, String fileName) {
        Matcher m = PLACEHOLDER.matcher(script);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = name.equals("flyway:filename") ? fileName : values.get(name);
            if (value == null) {
                int line = 1 + (int) script.substring(0, m.start()).chars().filter(ch -> ch == '\n').count();
                throw new MissingPlaceholderException(fileName, name, line);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
