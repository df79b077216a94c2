package dev.preflight.check.drift;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.report.Finding;
import dev.preflight.report.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * DRIFT009: no shadow left behind. A run killed during its replay leaves its shadow database (or
 * its isolated shadow cluster) behind; the next verify finds those whose run is dead and removes
 * them. Each removal is reported for the record (info); one that could not be removed is a
 * warning naming the database and why.
 */
public final class OrphanShadowCheck implements Check {

    @Override
    public String id() {
        return "DRIFT009";
    }

    @Override
    public String title() {
        return "No shadow database or cluster left by a killed run";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.INFO;
    }

    @Override
    public List<Finding> run(CheckContext context) {
        List<String> removed = context.fact(ShadowReplay.class).orphansRemoved();
        List<String> left = context.fact(ShadowReplay.class).orphansLeft();
        List<Finding> out = new ArrayList<>();
        removed.forEach(r -> out.add(finding(r, "removed orphan " + r + ", left by a killed run", "absent", "removed now",
                "nothing to do; a run killed during verify leaves one, the next verify removes it")));
        left.forEach(l -> out.add(new Finding(id(), Severity.LOW, l, "orphan " + l, "absent", "still present",
                "drop it as its owner (DROP DATABASE ... WITH (FORCE)) or as a superuser")));
        return out;
    }
}
