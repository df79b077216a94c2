package dev.preflight.check;

import dev.preflight.report.CheckOutcome;
import dev.preflight.report.Finding;
import dev.preflight.report.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs checks one by one: a check that throws is recorded as an ERROR outcome with a high finding
 * (an unverified item must not let a report say READY) and the others still run.
 */
public final class CheckRunner {

    private static final Logger log = LoggerFactory.getLogger(CheckRunner.class);

    private final SeverityPolicy policy;

    public CheckRunner(SeverityPolicy policy) {
        this.policy = policy;
    }

    /** Fails at start when two checks share an id: ids are the stable contract of findings. */
    public static void requireUniqueIds(List<? extends Check> checks) {
        Set<String> seen = new HashSet<>();
        for (Check c : checks) {
            if (!seen.add(c.id())) {
                throw new IllegalStateException("two checks share the id " + c.id() + ": ids must be unique");
            }
        }
    }

    public List<CheckOutcome> run(String job, List<? extends Check> checks, CheckContext context) {
        requireUniqueIds(checks);
        List<CheckOutcome> outcomes = new ArrayList<>();
        for (Check check : checks) {
            outcomes.add(runOne(job, check, context));
        }
        return outcomes;
    }

    public CheckOutcome runOne(String job, Check check, CheckContext context) {
        try {
            String notRun = check.notRunReason(context);
            if (notRun != null) {
                log.debug("{} {}: NOT_RUN ({})", check.id(), check.title(), notRun);
                return new CheckOutcome(check.id(), check.title(), job, CheckOutcome.Status.NOT_RUN, notRun, List.of());
            }
            List<Finding> findings = check.run(context).stream().map(policy::apply).toList();
            CheckOutcome.Status status = findings.stream().anyMatch(f -> f.severity() != Severity.INFO)
                    ? CheckOutcome.Status.FAILED : CheckOutcome.Status.PASSED;
            log.debug("{} {}: {}", check.id(), check.title(), status);
            return new CheckOutcome(check.id(), check.title(), job, status, null, findings);
        } catch (Exception e) {
            log.warn("check {} crashed: {}", check.id(), e.toString());
            Finding crash = policy.apply(new Finding(check.id(), Severity.HIGH, check.title(),
                    "check " + check.id() + " crashed, so this item is unverified: " + e, null, null,
                    "fix the cause above and re-run; report the crash if it persists"));
            return new CheckOutcome(check.id(), check.title(), job, CheckOutcome.Status.ERROR, null, List.of(crash));
        }
    }
}
