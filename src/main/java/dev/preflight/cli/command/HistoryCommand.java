package dev.preflight.cli.command;

import dev.preflight.cli.Command;
import dev.preflight.kernel.Console;
import dev.preflight.kernel.ExitCode;
import dev.preflight.kernel.Options;
import dev.preflight.run.RunHistory;
import dev.preflight.run.Session;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.stream.Collectors;

/** {@code history}: past runs against this database (plan, steps, status, start, duration, verdict, report). */
public final class HistoryCommand implements Command {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    @Override
    public String name() {
        return "history";
    }

    @Override
    public String summary() {
        return "list past runs from the job repository: plan, steps, status, start, duration, verdict";
    }

    @Override
    public ExitCode run(Options options, Console console) throws Exception {
        try (Session session = Session.openReadOnly(name(), options, console)) {
            var out = console.out();
            out.printf("%-28s %-9s %-9s %-20s %9s %-20s %s%n", "RUN", "PLAN", "STATUS", "STARTED (UTC)", "DURATION", "VERDICT", "STEPS / REPORT");
            for (RunHistory.Run r : session.history().recent(50)) {
                Duration d = r.duration();
                String steps = r.jobs().stream().map(j -> j.job() + ":" + j.status()).collect(Collectors.joining(" "));
                out.printf("%-28s %-9s %-9s %-20s %9s %-20s %s%s%n", r.runId(), r.plan() == null ? r.command() : r.plan(), r.status(),
                        TIME.format(r.started()), d == null ? "-" : d.toMillis() / 1000.0 + "s", r.verdict() == null ? "-" : r.verdict(),
                        steps.isEmpty() ? "" : steps + " ", r.reportDir() == null ? "" : r.reportDir() + "/readiness.html");
            }
            return ExitCode.READY;
        }
    }
}
