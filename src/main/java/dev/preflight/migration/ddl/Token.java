package dev.preflight.migration.ddl;

/**
 * One lexical token of a statement: its kind, the text as written, the normalized value
 * (unquoted identifiers and keywords folded to lower case, quoted identifiers and strings
 * unquoted) and the line of the file it stands on.
 */
public record Token(Kind kind, String text, String value, int line) {

    /** Lexical categories, as PostgreSQL's lexer distinguishes them. */
    public enum Kind {
        WORD, QUOTED_IDENTIFIER, STRING, NUMBER, DOLLAR_BODY, PARAMETER, SYMBOL
    }

    public boolean is(String word) {
        return kind == Kind.WORD && value.equals(word);
    }

    public boolean isSymbol(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    public boolean isIdentifier() {
        return kind == Kind.WORD || kind == Kind.QUOTED_IDENTIFIER;
    }
}
