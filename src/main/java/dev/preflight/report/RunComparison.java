package dev.preflight.report;

import dev.preflight.report.VerifySection.Comparison;
import dev.preflight.report.VerifySection.DomainStatus;
import dev.preflight.report.VerifySection.FindingRef;
import dev.preflight.report.VerifySection.PreviousRun;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Completes the verify section once the run's findings are final: findings new, fixed and still
 * open against the previous run (matched by check id and subject), and open findings per schema
 * domain (a finding belongs to a domain when its subject names one of the domain's tables).
 */
public final class RunComparison {

    private RunComparison() {
    }

    public static VerifySection complete(VerifySection section, List<Finding> findings) {
        List<FindingRef> now = findings.stream().map(f -> new FindingRef(f.id(), f.severity(), f.subject(), f.message())).toList();
        PreviousRun prev = section.previous();
        Comparison comparison = null;
        if (prev != null) {
            Set<String> before = prev.findings().stream().map(RunComparison::key).collect(Collectors.toSet());
            Set<String> after = now.stream().map(RunComparison::key).collect(Collectors.toSet());
            comparison = new Comparison(prev.runId(), prev.generatedAt(), prev.verdict(),
                    now.stream().filter(f -> !before.contains(key(f))).toList(),
                    prev.findings().stream().filter(f -> !after.contains(key(f))).toList(),
                    now.stream().filter(f -> before.contains(key(f))).toList());
        }
        List<DomainStatus> domains = new ArrayList<>();
        for (DomainStatus d : section.domains()) {
            int open = (int) now.stream().filter(f -> names(f.subject(), d.tables())).count();
            DomainStatus p = prev == null ? null : prev.domains().stream().filter(x -> x.domain().equals(d.domain())).findFirst().orElse(null);
            domains.add(d.with(open, p == null ? null : p.tablesPresent(), p == null ? null : p.openFindings(), change(d, open, p)));
        }
        return section.withComparison(comparison, domains);
    }

    private static String key(FindingRef f) {
        return f.id() + "|" + f.subject();
    }

    static boolean names(String subject, List<String> tables) {
        return subject != null && Arrays.stream(subject.split("[^A-Za-z0-9_]+")).anyMatch(tables::contains);
    }

    private static String change(DomainStatus d, int open, DomainStatus p) {
        if (p == null) {
            return "first measured";
        }
        boolean better = d.tablesPresent() > p.tablesPresent() || open < p.openFindings();
        boolean worse = d.tablesPresent() < p.tablesPresent() || open > p.openFindings();
        return better && !worse ? "improved" : worse && !better ? "regressed" : better ? "mixed" : "unchanged";
    }
}
