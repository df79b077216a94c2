package dev.preflight.kernel;

/**
 * Escaping of untrusted text (database values, file names, error messages) for Markdown, shared by
 * the report templates and the GitHub step summary: the text stays one line and one table cell,
 * and neither raw HTML nor Markdown in it takes effect.
 */
public final class Markdown {

    /** ASCII punctuation that starts Markdown or HTML constructs; CommonMark lets a backslash escape each. */
    private static final String SPECIAL = "\\`*_[]<|~&";

    private Markdown() {
    }

    /** Free text for a paragraph, list item or table cell: one line, every special character backslash-escaped. */
    public static String escapeInline(String s) {
        if (s == null) {
            return "";
        }
        String line = oneLine(s);
        StringBuilder b = new StringBuilder(line.length() + 8);
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            // an underscore between two letters or digits never starts emphasis: snake_case names stay readable
            boolean intraword = c == '_' && i > 0 && i + 1 < line.length()
                    && Character.isLetterOrDigit(line.charAt(i - 1)) && Character.isLetterOrDigit(line.charAt(i + 1));
            if (SPECIAL.indexOf(c) >= 0 && !intraword) {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }

    /**
     * A code span that shows the text literally: the fence is one backtick longer than the longest
     * run of backticks inside, and a pipe is written {@code \|} so that a table cell holding the span
     * is not split (GFM removes that backslash before it parses the span).
     */
    public static String codeSpan(String s) {
        String line = oneLine(s == null ? "" : s).replace("|", "\\|");
        int longest = 0;
        int run = 0;
        for (int i = 0; i < line.length(); i++) {
            run = line.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(longest + 1);
        String pad = line.startsWith("`") || line.endsWith("`") ? " " : "";
        return fence + pad + line + pad + fence;
    }

    private static String oneLine(String s) {
        return s.strip().replaceAll("\\s*(\\r\\n|\\r|\\n)\\s*", " ");
    }
}
