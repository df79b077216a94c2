package dev.preflight.migration.dbmate;

import dev.preflight.kernel.PreflightException;
import dev.preflight.migration.SqlSplitter;
import dev.preflight.migration.SqlStatement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code -- migrate:up} and {@code -- migrate:down} sections of one dbmate file, read as dbmate 2 reads them. */
final class DbmateSections {

    // dbmate's upRegExp and downRegExp (pkg/dbmate/migration.go).
    private static final Pattern UP = Pattern.compile("(?m)^--\\s*migrate:up(\\s*$|\\s+\\S+)");
    private static final Pattern DOWN = Pattern.compile("(?m)^--\\s*migrate:down(\\s*$|\\s+\\S+)$");

    private DbmateSections() {
    }

    /** Whether the text has a {@code -- migrate:up} line, the mark of a dbmate file. */
    static boolean hasUpSection(String text) {
        return UP.matcher(text).find();
    }

    /**
     * The statements of the {@code -- migrate:up} section, with their lines in the whole file.
     * dbmate refuses a file without both sections, with the down section first, or with a statement
     * before the up section; so does Preflight, naming the file ({@code name}, relative to the project).
     */
    static List<SqlStatement> upStatements(String name, String text) {
        Matcher up = UP.matcher(text);
        Matcher down = DOWN.matcher(text);
        if (!up.find()) {
            throw parseError(name, "has no '-- migrate:up' section", "add a '-- migrate:up' line before the statements to apply");
        }
        if (!down.find()) {
            throw parseError(name, "has no '-- migrate:down' section (dbmate 2 requires one)", "add a '-- migrate:down' line after the up statements");
        }
        if (up.start() > down.start()) {
            throw parseError(name, "has its '-- migrate:down' section before '-- migrate:up'", "put the up section first");
        }
        for (String line : text.substring(0, up.start()).split("\n", -1)) {
            if (!line.isBlank() && !line.stripLeading().startsWith("--")) {
                throw parseError(name, "has a statement before '-- migrate:up' (line " + lineOf(text, text.indexOf(line)) + ")",
                        "move it into the up section");
            }
        }
        // Blank everything outside the up section but its line breaks, so statement lines stay file lines.
        StringBuilder script = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            script.append((i >= up.start() && i < down.start()) || c == '\n' ? c : ' ');
        }
        return SqlSplitter.split(script.toString());
    }

    /** The up section of a file {@link #upStatements} accepted: from its {@code -- migrate:up} line to the {@code -- migrate:down} line. */
    static String upSection(String text) {
        Matcher up = UP.matcher(text);
        Matcher down = DOWN.matcher(text);
        if (!up.find() || !down.find() || up.start() > down.start()) {
            throw new IllegalArgumentException("not a dbmate migration: " + text.lines().findFirst().orElse(""));
        }
        return text.substring(up.start(), down.start());
    }

    /**
     * dbmate's options of the up section ({@code -- migrate:up transaction:false}): whether dbmate
     * wraps the section in a transaction. Preflight runs statements by their own mode either way
     * (a section's transactional statements together, {@code CREATE INDEX CONCURRENTLY} alone), so
     * this only tells whether dbmate itself could run the file.
     */
    static boolean transactional(String text) {
        Matcher up = UP.matcher(text);
        if (!up.find()) {
            return true;
        }
        int end = text.indexOf('\n', up.start());
        String first = text.substring(up.start(), end < 0 ? text.length() : end);
        Map<String, String> options = new HashMap<>();
        for (String pair : first.trim().split("\\s+")) {
            String[] kv = pair.split(":", -1);
            if (kv.length == 2) {
                options.put(kv[0], kv[1]);
            }
        }
        return !"false".equals(options.get("transaction"));
    }

    private static PreflightException parseError(String name, String what, String remedy) {
        return PreflightException.config("the dbmate migration " + name + " " + what, remedy);
    }

    private static int lineOf(String text, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
