package dev.preflight.check.smoke;

import dev.preflight.check.Check;
import dev.preflight.report.Finding;
import dev.preflight.report.Severity;

/** Base of smoke checks: id, title and severity come from the check's YAML declaration. */
public abstract class SmokeCheck implements Check {

    protected final SmokeSpec spec;

    protected SmokeCheck(SmokeSpec spec) {
        this.spec = spec;
    }

    @Override
    public String id() {
        return spec.id();
    }

    @Override
    public String title() {
        return spec.title();
    }

    @Override
    public Severity defaultSeverity() {
        return spec.severity();
    }

    public SmokeSpec spec() {
        return spec;
    }

    /** A finding of this check whose remedy points at where the check is declared. */
    protected Finding fail(String subject, String message, String expected, String actual, String remedy) {
        return finding(subject, message, expected, actual, remedy + " (check declared in " + spec.where() + ")");
    }
}
