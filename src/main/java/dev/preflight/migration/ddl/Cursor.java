package dev.preflight.migration.ddl;

import dev.preflight.migration.ddl.Ddl.Name;
import dev.preflight.migration.ddl.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A position in a token list with the small vocabulary the recognizer is written in. */
final class Cursor {

    private final List<Token> tokens;
    private int pos;

    Cursor(List<Token> tokens) {
        this.tokens = tokens;
    }

    boolean atEnd() {
        return pos >= tokens.size();
    }

    Token peek() {
        if (atEnd()) {
            throw new ParseException("the statement ends too early");
        }
        return tokens.get(pos);
    }

    Token next() {
        Token t = peek();
        pos++;
        return t;
    }

    boolean peekIs(String word) {
        return !atEnd() && tokens.get(pos).is(word);
    }

    boolean peekIsSymbol(String symbol) {
        return !atEnd() && tokens.get(pos).isSymbol(symbol);
    }

    /** Consumes the words when all of them come next, in order. */
    boolean accept(String... words) {
        for (int i = 0; i < words.length; i++) {
            if (pos + i >= tokens.size() || !tokens.get(pos + i).is(words[i])) {
                return false;
            }
        }
        pos += words.length;
        return true;
    }

    boolean acceptSymbol(String symbol) {
        if (peekIsSymbol(symbol)) {
            pos++;
            return true;
        }
        return false;
    }

    void expect(String word) {
        if (!accept(word)) {
            throw new ParseException("expected " + word.toUpperCase(Locale.ROOT) + (atEnd() ? " at the end" : " before '" + peek().text() + "'"));
        }
    }

    String identifier() {
        Token t = next();
        if (!t.isIdentifier()) {
            throw new ParseException("expected a name, found '" + t.text() + "'");
        }
        return t.value();
    }

    Name name() {
        String first = identifier();
        if (acceptSymbol(".")) {
            return new Name(first, identifier());
        }
        return new Name(null, first);
    }

    /** One token, or a whole parenthesized group. */
    List<Token> term() {
        List<Token> out = new ArrayList<>();
        int depth = 0;
        do {
            Token t = next();
            out.add(t);
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
            }
        } while (depth > 0 && !atEnd());
        return out;
    }

    /** The comma-separated elements of the parenthesized group that comes next, each without the commas. */
    List<List<Token>> parenthesizedList() {
        if (!acceptSymbol("(")) {
            throw new ParseException("expected '('" + (atEnd() ? " at the end" : " before '" + peek().text() + "'"));
        }
        List<List<Token>> out = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        int depth = 0;
        while (true) {
            Token t = next();
            if (depth == 0 && t.isSymbol(")")) {
                break;
            }
            if (depth == 0 && t.isSymbol(",")) {
                out.add(current);
                current = new ArrayList<>();
                continue;
            }
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
            }
            current.add(t);
        }
        out.add(current);
        return out;
    }

    /** The rest of the statement split at top-level commas. */
    List<List<Token>> commaSeparatedRest() {
        List<List<Token>> out = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        int depth = 0;
        while (!atEnd()) {
            Token t = next();
            if (depth == 0 && t.isSymbol(",")) {
                out.add(current);
                current = new ArrayList<>();
                continue;
            }
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
            }
            current.add(t);
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    List<Token> rest() {
        List<Token> out = new ArrayList<>(tokens.subList(pos, tokens.size()));
        pos = tokens.size();
        return out;
    }

    /** Tokens back to text: words spaced, no space inside parentheses or around dots and casts. */
    static String render(List<Token> tokens) {
        StringBuilder sb = new StringBuilder();
        Token previous = null;
        for (Token t : tokens) {
            boolean tight = previous == null || previous.isSymbol("(") || previous.isSymbol(".") || previous.isSymbol("::")
                    || previous.isSymbol("[") || t.isSymbol(")") || t.isSymbol(",") || t.isSymbol(".") || t.isSymbol("::")
                    || t.isSymbol("[") || t.isSymbol("]")
                    || (t.isSymbol("(") && previous.kind() != Kind.SYMBOL);
            if (!tight) {
                sb.append(' ');
            }
            sb.append(t.text());
            previous = t;
        }
        return sb.toString();
    }
}
