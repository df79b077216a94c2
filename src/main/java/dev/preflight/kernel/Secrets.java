package dev.preflight.kernel;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one secret scrubber of the process: every secret value Preflight learns (database passwords,
 * API keys, secret environment variables) is registered once, in every encoding it may travel in
 * (raw, percent-encoded, form-encoded, JSON-, HTML- and Markdown-escaped), and every path out
 * (console, logs, reports, CI outputs, the job repository, run history) replaces them by {@value #MASK}.
 */
public final class Secrets {

    /** What a secret is replaced by. */
    public static final String MASK = "****";
    /**
     * Shorter values are not scrubbed: a one-character password would otherwise turn every report
     * into asterisks. Preflight never prints a password on purpose; this guard is about echoes.
     */
    public static final int MIN_LENGTH = 4;

    private static final Pattern SECRET_ENV_NAME = Pattern.compile("(?i).*(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_KEY|CREDENTIAL).*");
    private static final Set<String> VALUES = new LinkedHashSet<>();
    private static volatile Pattern pattern;

    private Secrets() {
    }

    /** Registers a secret value (null, blank and values under {@value #MIN_LENGTH} characters are ignored). */
    public static synchronized void register(String secret) {
        if (secret == null || secret.isBlank() || secret.length() < MIN_LENGTH) {
            return;
        }
        boolean added = false;
        for (String form : forms(secret)) {
            if (form.length() >= MIN_LENGTH) {
                added |= VALUES.add(form);
            }
        }
        if (added) {
            List<String> longestFirst = new ArrayList<>(VALUES);
            longestFirst.sort(Comparator.comparingInt(String::length).reversed());
            StringBuilder re = new StringBuilder();
            for (String v : longestFirst) {
                re.append(re.isEmpty() ? "" : "|").append(Pattern.quote(v));
            }
            pattern = Pattern.compile(re.toString());
        }
    }

    /** Registers the values of environment variables whose names say they hold secrets (…PASSWORD, …TOKEN, …API_KEY). */
    public static void registerSecretEnvironment(java.util.Map<String, String> env) {
        env.forEach((name, value) -> {
            if (SECRET_ENV_NAME.matcher(name).matches()) {
                register(value);
            }
        });
    }

    /** The text with every registered secret replaced by {@value #MASK}; null stays null. */
    public static String scrub(String text) {
        Pattern p = pattern;
        if (text == null || p == null || text.length() < MIN_LENGTH) {
            return text;
        }
        Matcher m = p.matcher(text);
        return m.find() ? m.replaceAll(Matcher.quoteReplacement(MASK)) : text;
    }

    /** True when the text holds a registered secret in any of its forms. */
    public static boolean contains(String text) {
        Pattern p = pattern;
        return text != null && p != null && p.matcher(text).find();
    }

    /** Forgets every secret: for tests that run several command lines in one JVM. */
    public static synchronized void clear() {
        VALUES.clear();
        pattern = null;
    }

    /** The forms a secret can take on its way out. */
    static Set<String> forms(String s) {
        Set<String> out = new LinkedHashSet<>();
        out.add(s);
        String form = URLEncoder.encode(s, StandardCharsets.UTF_8);
        out.add(form);
        String percent = form.replace("+", "%20");
        out.add(percent);
        out.add(lowerHex(percent));
        out.add(lowerHex(form));
        out.add(json(s));
        for (String quote : new String[] {"&#39;", "&#x27;", "'"}) {
            out.add(html(s, quote));
            out.add(html(json(s), quote));
        }
        out.add(markdown(s));
        return out;
    }

    private static String lowerHex(String encoded) {
        Matcher m = Pattern.compile("%[0-9A-F]{2}").matcher(encoded);
        return m.replaceAll(r -> r.group().toLowerCase(Locale.ROOT));
    }

    private static String json(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> b.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return b.toString();
    }

    private static String html(String s, String apostrophe) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", apostrophe);
    }

    /** As the report templates escape free text: a backslash before ASCII punctuation. */
    private static String markdown(String s) {
        return Markdown.escapeInline(s);
    }
}
