package dev.preflight.plan;

import dev.preflight.config.DatabaseUrl;
import dev.preflight.db.Connections;
import dev.preflight.kernel.Console;
import dev.preflight.kernel.ExitCode;
import dev.preflight.kernel.Options;
import dev.preflight.kernel.PreflightException;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.support.CronExpression;

/**
 * Starts plans on their cron schedules. Each tick is claimed once in {@code preflight.schedule_ticks}
 * (its primary key makes it exactly once however many schedulers watch the database) and the plan
 * runs under its advisory lock; ticks missed while no scheduler ran are reported, not skipped silently.
 */
public final class Scheduler {

    private static final Logger log = LoggerFactory.getLogger(Scheduler.class);
    private static final int MAX_MISSED_REPORTED = 100;

    static final String CLAIM = "INSERT INTO preflight.schedule_ticks (plan, tick, claimed_by) VALUES (?, ?, ?) ON CONFLICT DO NOTHING";
    static final String MARK_MISSED = "INSERT INTO preflight.schedule_ticks (plan, tick, claimed_by, outcome) VALUES (?, ?, ?, 'MISSED') "
            + "ON CONFLICT DO NOTHING";
    static final String OUTCOME = "UPDATE preflight.schedule_ticks SET outcome = ? WHERE plan = ? AND tick = ?";
    static final String LAST_TICK = "SELECT max(tick) FROM preflight.schedule_ticks WHERE plan = ?";

    private final List<Plan> plans;
    private final PlanRunner runner;
    private final DatabaseUrl url;
    private final Options options;
    private final Console console;
    private final String name;
    private volatile boolean stopping;

    public Scheduler(List<Plan> plans, PlanRunner runner, DatabaseUrl url, Options options, Console console) {
        this.plans = List.copyOf(plans);
        this.runner = runner;
        this.url = url;
        this.options = options;
        this.console = console;
        this.name = host() + ":" + ProcessHandle.current().pid();
    }

    /** Asks the loop to end; a running plan's job is stopped at its next safe point. */
    public void stop() {
        stopping = true;
        runner.stopCurrent();
    }

    /** Runs until {@link #stop()} or until {@code until} (null: forever). */
    public void run(Instant until) throws Exception {
        ZoneId zone = ZoneOffset.UTC;
        List<String> missed = reportMissed(zone);
        log.info("scheduler {} watching {} plan(s): {}", name, plans.size(),
                plans.stream().map(p -> p.name() + " [" + p.schedule() + "]").toList());
        Instant from = Instant.now();
        while (!stopping && (until == null || Instant.now().isBefore(until))) {
            Next next = next(plans, from, zone);
            if (next == null) {
                return;
            }
            if (!sleepUntil(next.tick(), until)) {
                return;
            }
            from = next.tick();
            if (claim(next.plan(), next.tick())) {
                String outcome = runOnce(next.plan(), next.tick(), missed);
                missed = List.of();
                record(next.plan(), next.tick(), outcome);
            } else {
                log.info("tick {} of plan {} was claimed by another scheduler", next.tick(), next.plan().name());
            }
        }
    }

    /** The plan that ticks first after {@code from} and that tick (the earlier plan on a tie); null when none ticks again. */
    record Next(Plan plan, Instant tick) {
    }

    static Next next(List<Plan> plans, Instant from, ZoneId zone) {
        Next next = null;
        for (Plan p : plans) {
            ZonedDateTime t = PlanLoader.Schedules.parse(p.schedule()).next(from.atZone(zone));
            if (t != null && (next == null || t.toInstant().isBefore(next.tick()))) {
                next = new Next(p, t.toInstant());
            }
        }
        return next;
    }

    private String runOnce(Plan plan, Instant tick, List<String> warnings) {
        String runId = plan.name() + "-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(tick);
        log.info("starting plan {} for tick {} as run {}", plan.name(), tick, runId);
        try {
            ExitCode code = runner.run(plan, options.withRunId(runId), console, warnings);
            return "EXIT_" + code.code();
        } catch (PreflightException e) {
            log.warn("plan {} did not run: {}", plan.name(), e.oneLine());
            return e.getMessage().contains("already running") ? "BUSY" : "ERROR";
        } catch (Exception e) {
            log.error("plan {} failed: {}", plan.name(), e.toString());
            return "ERROR";
        }
    }

    private boolean claim(Plan plan, Instant tick) throws SQLException {
        try (Connection c = Connections.open(url); PreparedStatement ps = c.prepareStatement(CLAIM)) {
            ps.setString(1, plan.name());
            ps.setTimestamp(2, Timestamp.from(tick));
            ps.setString(3, name);
            return ps.executeUpdate() == 1;
        }
    }

    private void record(Plan plan, Instant tick, String outcome) {
        try (Connection c = Connections.open(url); PreparedStatement ps = c.prepareStatement(OUTCOME)) {
            ps.setString(1, outcome);
            ps.setString(2, plan.name());
            ps.setTimestamp(3, Timestamp.from(tick));
            ps.executeUpdate();
        } catch (SQLException e) {
            log.warn("could not record the outcome of plan {}: {}", plan.name(), e.getMessage());
        }
    }

    /** Ticks between each plan's last claimed tick and now had no scheduler: say so, and mark them. */
    List<String> reportMissed(ZoneId zone) throws SQLException {
        List<String> warnings = new ArrayList<>();
        try (Connection c = Connections.open(url)) {
            for (Plan p : plans) {
                Instant last;
                try (PreparedStatement ps = c.prepareStatement(LAST_TICK)) {
                    ps.setString(1, p.name());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        Timestamp t = rs.getTimestamp(1);
                        last = t == null ? null : t.toInstant();
                    }
                }
                if (last == null) {
                    continue;
                }
                List<Instant> missedTicks = missedTicks(PlanLoader.Schedules.parse(p.schedule()), last, Instant.now(), zone);
                if (missedTicks.isEmpty()) {
                    continue;
                }
                String w = missedWarning(p.name(), missedTicks);
                log.warn(w);
                console.err().println("[preflight] warning: " + w);
                warnings.add(w);
                try (PreparedStatement ps = c.prepareStatement(MARK_MISSED)) {
                    for (Instant m : missedTicks) {
                        ps.setString(1, p.name());
                        ps.setTimestamp(2, Timestamp.from(m));
                        ps.setString(3, name);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
        }
        return warnings;
    }

    /** The ticks after {@code last} and before {@code now}: at most {@value #MAX_MISSED_REPORTED}, the earliest. */
    static List<Instant> missedTicks(CronExpression cron, Instant last, Instant now, ZoneId zone) {
        List<Instant> missed = new ArrayList<>();
        ZonedDateTime t = cron.next(last.atZone(zone));
        while (t != null && t.toInstant().isBefore(now) && missed.size() < MAX_MISSED_REPORTED) {
            missed.add(t.toInstant());
            t = cron.next(t);
        }
        return missed;
    }

    /** The warning for missed ticks (not empty); "100+" when the count was capped. */
    static String missedWarning(String plan, List<Instant> missed) {
        return "plan " + plan + " missed " + missed.size() + (missed.size() == MAX_MISSED_REPORTED ? "+" : "")
                + " scheduled run(s) between " + missed.get(0) + " and " + missed.get(missed.size() - 1) + " (no scheduler was running)";
    }

    private boolean sleepUntil(Instant tick, Instant until) throws InterruptedException {
        while (!stopping) {
            Instant now = Instant.now();
            if (!now.isBefore(tick)) {
                return true;
            }
            if (until != null && !now.isBefore(until)) {
                return false;
            }
            // short naps so SIGTERM is answered promptly
            Thread.sleep(Math.min(500, Math.max(1, Duration.between(now, tick).toMillis())));
        }
        return false;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "localhost";
        }
    }
}
