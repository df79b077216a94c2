package dev.preflight.report;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How much a finding matters; blocker and high make a database NOT_READY. */
public enum Severity {
    BLOCKER, HIGH, MEDIUM, LOW, INFO;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the lower- or upper-case name; the error lists the accepted values. */
    public static Severity parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown severity '" + s + "' (expected blocker, high, medium, low or info)");
        }
    }

    public boolean blocksRelease() {
        return this == BLOCKER || this == HIGH;
    }

    public boolean isWarning() {
        return this == MEDIUM || this == LOW;
    }
}
