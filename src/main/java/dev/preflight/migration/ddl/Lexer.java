package dev.preflight.migration.ddl;

import dev.preflight.migration.ddl.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Splits one SQL statement into tokens with file lines; comments are dropped. */
public final class Lexer {

    private Lexer() {
    }

    /** Tokens of {@code sql}, whose first character stands on {@code firstLine} of its file. */
    public static List<Token> tokens(String sql, int firstLine) {
        List<Token> out = new ArrayList<>();
        int line = firstLine;
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            int start = i;
            if (c == '\n') {
                line++;
                i++;
            } else if (Character.isWhitespace(c) || c == '\uFEFF') { // a byte order mark reads as nothing, whatever the layout runs
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int depth = 0;
                while (i < n) {
                    if (sql.startsWith("/*", i)) {
                        depth++;
                        i += 2;
                    } else if (sql.startsWith("*/", i)) {
                        depth--;
                        i += 2;
                        if (depth == 0) {
                            break;
                        }
                    } else {
                        i++;
                    }
                }
                line += newlines(sql, start, i);
            } else if (c == '\'' || ((c == 'E' || c == 'e') && i + 1 < n && sql.charAt(i + 1) == '\'')) {
                boolean escapes = c != '\'';
                int j = escapes ? i + 2 : i + 1;
                StringBuilder value = new StringBuilder();
                while (j < n) {
                    char d = sql.charAt(j);
                    if (escapes && d == '\\' && j + 1 < n) {
                        value.append(sql.charAt(j + 1));
                        j += 2;
                    } else if (d == '\'' && j + 1 < n && sql.charAt(j + 1) == '\'') {
                        value.append('\'');
                        j += 2;
                    } else if (d == '\'') {
                        j++;
                        break;
                    } else {
                        value.append(d);
                        j++;
                    }
                }
                out.add(new Token(Kind.STRING, sql.substring(i, j), value.toString(), line));
                line += newlines(sql, i, j);
                i = j;
            } else if (c == '"') {
                int j = i + 1;
                StringBuilder value = new StringBuilder();
                while (j < n) {
                    char d = sql.charAt(j);
                    if (d == '"' && j + 1 < n && sql.charAt(j + 1) == '"') {
                        value.append('"');
                        j += 2;
                    } else if (d == '"') {
                        j++;
                        break;
                    } else {
                        value.append(d);
                        j++;
                    }
                }
                out.add(new Token(Kind.QUOTED_IDENTIFIER, sql.substring(i, j), value.toString(), line));
                i = j;
            } else if (c == '$') {
                int j = i + 1;
                while (j < n && (Character.isLetter(sql.charAt(j)) || sql.charAt(j) == '_' || (j > i + 1 && Character.isDigit(sql.charAt(j))))) {
                    j++;
                }
                if (j < n && sql.charAt(j) == '$') {
                    String tag = sql.substring(i, j + 1);
                    int close = sql.indexOf(tag, j + 1);
                    int end = close < 0 ? n : close + tag.length();
                    out.add(new Token(Kind.DOLLAR_BODY, sql.substring(i, end), sql.substring(j + 1, close < 0 ? n : close), line));
                    line += newlines(sql, i, end);
                    i = end;
                } else {
                    j = i + 1;
                    while (j < n && Character.isDigit(sql.charAt(j))) {
                        j++;
                    }
                    out.add(new Token(Kind.PARAMETER, sql.substring(i, j), sql.substring(i, j), line));
                    i = j;
                }
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)))) {
                int j = i;
                while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '.')) {
                    j++;
                }
                out.add(new Token(Kind.NUMBER, sql.substring(i, j), sql.substring(i, j), line));
                i = j;
            } else if (Character.isLetter(c) || c == '_' || c > 127) {
                int j = i;
                while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_' || sql.charAt(j) == '$' || sql.charAt(j) > 127)) {
                    j++;
                }
                String word = sql.substring(i, j);
                out.add(new Token(Kind.WORD, word, word.toLowerCase(Locale.ROOT), line));
                i = j;
            } else if (c == ':' && i + 1 < n && sql.charAt(i + 1) == ':') {
                out.add(new Token(Kind.SYMBOL, "::", "::", line));
                i += 2;
            } else {
                out.add(new Token(Kind.SYMBOL, String.valueOf(c), String.valueOf(c), line));
                i++;
            }
        }
        return out;
    }

    private static int newlines(String s, int from, int to) {
        int k = 0;
        for (int i = from; i < to && i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                k++;
            }
        }
        return k;
    }
}
