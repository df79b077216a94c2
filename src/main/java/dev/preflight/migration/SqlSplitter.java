package dev.preflight.migration;

import dev.preflight.migration.SqlStatement.Mode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits a PostgreSQL script into statements the way the server's lexer sees them: semicolons
 * inside quotes, quoted identifiers, dollar-quoted bodies and comments do not end a statement, and
 * the data lines after a {@code COPY ... FROM stdin} (up to {@code \.}) belong to it, as in psql.
 * Each statement keeps the line it starts on and is classified as transactional or not.
 */
public final class SqlSplitter {

    // Statements PostgreSQL refuses inside a transaction block (PostgreSQL 12+; ALTER TYPE ... ADD
    // VALUE has been allowed in a transaction since 12, so it stays transactional).
    private static final Pattern NON_TRANSACTIONAL = Pattern.compile(
            "^(?:CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+CONCURRENTLY\\b"
                    + "|DROP\\s+INDEX\\s+CONCURRENTLY\\b"
                    + "|REINDEX\\b.*\\bCONCURRENTLY\\b"
                    + "|ALTER\\s+TABLE\\b.*\\bDETACH\\s+PARTITION\\b.*\\bCONCURRENTLY\\b"
                    + "|VACUUM\\b"
                    + "|(?:CREATE|DROP)\\s+DATABASE\\b"
                    + "|(?:CREATE|DROP)\\s+TABLESPACE\\b"
                    + "|ALTER\\s+SYSTEM\\b"
                    + "|(?:CREATE|DROP)\\s+SUBSCRIPTION\\b)",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private static final Pattern COPY_FROM_STDIN = Pattern.compile("^\\s*COPY\\b.*\\bFROM\\s+STDIN\\b", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern CONTROL = Pattern.compile(
            "^(?:BEGIN|START\\s+TRANSACTION|COMMIT|END|ROLLBACK|ABORT)(?:\\s+(?:WORK|TRANSACTION))?(?:\\s+ISOLATION\\b.*|\\s+READ\\b.*)?$",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private SqlSplitter() {
    }

    /** The statements of {@code script}, in order; blank and comment-only parts are dropped. */
    public static List<SqlStatement> split(String script) {
        List<SqlStatement> out = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        StringBuilder code = new StringBuilder(); // the statement without comments, to classify it
        StringBuilder comments = new StringBuilder();
        int line = 1;
        int startLine = -1;
        int i = 0;
        int n = script.length();
        AtomicBody atomic = new AtomicBody();
        while (i < n) {
            char c = script.charAt(i);
            if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
                int end = script.indexOf('\n', i);
                end = end < 0 ? n : end;
                appendComment(comments, script.substring(i + 2, end));
                if (startLine >= 0) {
                    sql.append(script, i, end);
                }
                i = end;
                continue;
            }
            if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
                int end = blockCommentEnd(script, i);
                String text = script.substring(i, end);
                appendComment(comments, text.substring(2, Math.max(2, text.length() - 2)));
                if (startLine >= 0) {
                    sql.append(text);
                }
                line += count(text, '\n');
                i = end;
                code.append(' ');
                continue;
            }
            if (c == ';' && atomic.inBody()) {
                sql.append(c); // inside a BEGIN ATOMIC ... END body: part of the function, as for psql and the server
                code.append(c);
                i++;
                continue;
            }
            if (c == ';') {
                atomic = new AtomicBody();
                boolean copyIn = startLine >= 0 && COPY_FROM_STDIN.matcher(code).find();
                flush(out, sql, code, comments, startLine);
                sql.setLength(0);
                code.setLength(0);
                comments.setLength(0);
                startLine = -1;
                i++;
                int eol = copyIn ? script.indexOf('\n', i) : -1;
                if (eol >= 0) {
                    // psql's and Flyway's COPY ... FROM stdin: the lines after it, up to a line "\.", are its data
                    int j = eol + 1;
                    line++;
                    StringBuilder data = new StringBuilder();
                    while (j < n) {
                        int end = script.indexOf('\n', j);
                        String row = script.substring(j, end < 0 ? n : end);
                        j = end < 0 ? n : end + 1;
                        line += end < 0 ? 0 : 1;
                        if (row.stripTrailing().equals("\\.")) {
                            break;
                        }
                        data.append(row.endsWith("\r") ? row.substring(0, row.length() - 1) : row).append('\n');
                    }
                    SqlStatement copy = out.remove(out.size() - 1);
                    out.add(new SqlStatement(copy.sql(), copy.line(), copy.comments(), copy.mode(), data.toString()));
                    i = j;
                }
                continue;
            }
            if (Character.isWhitespace(c)) {
                if (c == '\n') {
                    line++;
                }
                if (startLine >= 0) {
                    sql.append(c);
                }
                code.append(' ');
                i++;
                continue;
            }
            if (startLine < 0) {
                startLine = line;
            }
            int end = tokenEnd(script, i);
            String token = script.substring(i, end);
            atomic.token(token);
            sql.append(token);
            code.append(token);
            line += count(token, '\n');
            i = end;
        }
        flush(out, sql, code, comments, startLine);
        return out;
    }

    /**
     * Whether a statement is inside a SQL-standard function body ({@code CREATE [OR REPLACE] FUNCTION|PROCEDURE ... BEGIN
     * ATOMIC ... END}, PostgreSQL 14+), whose semicolons do not end the statement: psql's heuristic (psqlscan.l), made
     * stricter. In a statement that starts so, outside parentheses, BEGIN ATOMIC opens the body (psql counts any BEGIN, so
     * {@code RETURN begin} of a parameter named begin would swallow the script), CASE inside it opens a block, END closes one.
     */
    private static final class AtomicBody {

        private int identifiers;
        private boolean create;
        private boolean orReplace;
        private boolean routine;
        private int parens;
        private int depth;
        private boolean previousBegin;

        boolean inBody() {
            return depth > 0;
        }

        void token(String token) {
            if (token.equals("(")) {
                parens++;
                return;
            }
            if (token.equals(")")) {
                parens = Math.max(0, parens - 1);
                return;
            }
            if (!Character.isLetter(token.charAt(0)) && token.charAt(0) != '_') {
                return;
            }
            String word = token.toLowerCase(java.util.Locale.ROOT);
            boolean routineWord = word.equals("function") || word.equals("procedure");
            switch (identifiers++) {
                case 0 -> create = word.equals("create");
                case 1 -> {
                    routine = create && routineWord;
                    orReplace = create && word.equals("or");
                }
                case 2 -> orReplace = orReplace && word.equals("replace");
                case 3 -> routine = routine || (orReplace && routineWord);
                default -> {
                }
            }
            boolean afterBegin = previousBegin;
            previousBegin = word.equals("begin");
            if (!routine || parens > 0) {
                return;
            }
            if (word.equals("atomic") && afterBegin && depth == 0) {
                depth = 1;
            } else if (word.equals("case") && depth > 0) {
                depth++;
            } else if (word.equals("end") && depth > 0) {
                depth--;
            }
        }
    }

    private static void flush(List<SqlStatement> out, StringBuilder sql, StringBuilder code, StringBuilder comments, int startLine) {
        if (startLine < 0) {
            return;
        }
        String text = sql.toString().stripTrailing();
        String normalized = WHITESPACE.matcher(code.toString().trim()).replaceAll(" "); // compiled once: a history has thousands of statements
        Mode mode = CONTROL.matcher(normalized).matches() ? Mode.TRANSACTION_CONTROL
                : NON_TRANSACTIONAL.matcher(normalized).find() ? Mode.NON_TRANSACTIONAL : Mode.TRANSACTIONAL;
        out.add(new SqlStatement(text, startLine, comments.toString().strip(), mode));
    }

    private static void appendComment(StringBuilder comments, String text) {
        if (!comments.isEmpty()) {
            comments.append('\n');
        }
        comments.append(text.strip());
    }

    /** End (exclusive) of the quoted string, identifier, dollar-quoted body or plain run starting at {@code i}. */
    private static int tokenEnd(String s, int i) {
        char c = s.charAt(i);
        int n = s.length();
        if (c == '\'') {
            boolean backslashEscapes = i > 0 && (s.charAt(i - 1) == 'E' || s.charAt(i - 1) == 'e')
                    && (i < 2 || (!Character.isLetterOrDigit(s.charAt(i - 2)) && s.charAt(i - 2) != '_'));
            return quotedEnd(s, i, '\'', backslashEscapes);
        }
        if (c == '"') {
            return quotedEnd(s, i, '"', false);
        }
        if (c == '$') {
            String tag = dollarTag(s, i);
            if (tag != null) {
                int close = s.indexOf(tag, i + tag.length());
                return close < 0 ? n : close + tag.length();
            }
            return i + 1;
        }
        // A plain run: up to the next character that can start something else.
        int j = i + 1;
        if (isIdentifierChar(c)) {
            while (j < n && (isIdentifierChar(s.charAt(j)) || s.charAt(j) == '$')) {
                j++;
            }
        }
        return j;
    }

    private static int quotedEnd(String s, int i, char quote, boolean backslashEscapes) {
        int n = s.length();
        int j = i + 1;
        while (j < n) {
            char c = s.charAt(j);
            if (backslashEscapes && c == '\\') {
                j += 2;
                continue;
            }
            if (c == quote) {
                if (j + 1 < n && s.charAt(j + 1) == quote) {
                    j += 2;
                    continue;
                }
                return j + 1;
            }
            j++;
        }
        return n; // unterminated: the rest of the script belongs to it, as for the server
    }

    /** {@code $tag$} or {@code $$} starting at {@code i}, or null when the dollar is something else ({@code $1}). */
    private static String dollarTag(String s, int i) {
        int j = i + 1;
        while (j < s.length() && (Character.isLetter(s.charAt(j)) || s.charAt(j) == '_' || (j > i + 1 && Character.isDigit(s.charAt(j))))) {
            j++;
        }
        return j < s.length() && s.charAt(j) == '$' ? s.substring(i, j + 1) : null;
    }

    private static int blockCommentEnd(String s, int i) {
        int depth = 0;
        int j = i;
        while (j < s.length() - 1) {
            if (s.charAt(j) == '/' && s.charAt(j + 1) == '*') {
                depth++;
                j += 2;
            } else if (s.charAt(j) == '*' && s.charAt(j + 1) == '/') {
                depth--;
                j += 2;
                if (depth == 0) {
                    return j;
                }
            } else {
                j++;
            }
        }
        return s.length();
    }

    private static boolean isIdentifierChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static int count(String s, char c) {
        int k = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                k++;
            }
        }
        return k;
    }
}
