package dev.preflight.check.lint;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code -- preflight:nolint LINT006 <reason>} comments: rule id to reason. */
public final class Suppressions {

    private static final Pattern NOLINT = Pattern.compile("preflight:nolint\\s+((?:LINT\\d{3}\\s*,?\\s*)+)(.*)", Pattern.CASE_INSENSITIVE);

    private Suppressions() {
    }

    public static Map<String, String> of(String comments) {
        Map<String, String> out = new LinkedHashMap<>();
        if (comments == null || comments.isEmpty()) {
            return out;
        }
        for (String line : comments.split("\n")) {
            Matcher m = NOLINT.matcher(line);
            if (m.find()) {
                String reason = m.group(2).trim();
                for (String id : m.group(1).split("[\\s,]+")) {
                    if (!id.isBlank()) {
                        out.put(id.trim().toUpperCase(Locale.ROOT), reason.isEmpty() ? "(no reason given)" : reason);
                    }
                }
            }
        }
        return out;
    }
}
