package dev.preflight.job.lint;

import dev.preflight.check.lint.LintIssue;
import dev.preflight.check.lint.LintMerge;
import dev.preflight.check.lint.LintRules;
import dev.preflight.check.lint.StaticAnalysis;
import dev.preflight.check.lint.Suppressions;
import dev.preflight.config.ShadowSettings;
import dev.preflight.job.verify.ShadowDatabase;
import dev.preflight.job.verify.ShadowRoles;
import dev.preflight.job.verify.ShadowServer;
import dev.preflight.migration.Migration;
import dev.preflight.migration.MigrationSource;
import dev.preflight.migration.SqlStatement;
import dev.preflight.report.CheckOutcome;
import dev.preflight.report.Finding;
import dev.preflight.report.LintSection;
import dev.preflight.report.render.SarifRenderer;
import dev.preflight.run.RunContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/** The lint job's one step: decide what to analyse, run the rules and the measurement, merge, record. */
final class LintTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(LintTasklet.class);
    static final int SAMPLE_ROWS = 1000;

    private final RunContext run;
    private final DataSource dataSource;
    private final ShadowSettings shadowSettings;

    LintTasklet(RunContext run, DataSource dataSource, ShadowSettings shadowSettings) {
        this.run = run;
        this.dataSource = dataSource;
        this.shadowSettings = shadowSettings;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        Map<String, Object> params = chunkContext.getStepContext().getJobParameters();
        List<Migration> history = LintMigrations.read(run);
        int serverVersion;
        Set<String> applied;
        try (Connection c = dataSource.getConnection()) {
            serverVersion = c.getMetaData().getDatabaseMajorVersion() * 10000;
            applied = LintMigrations.applied(run, c);
        }
        String since = (String) params.get(LintJobConfiguration.SINCE);
        boolean all = "true".equals(params.get(LintJobConfiguration.ALL));
        Set<String> after = since == null ? Set.of() : LintMigrations.after(history, since);
        Predicate<Migration> analysed = since != null ? m -> after.contains(m.id()) : all ? m -> true : m -> !applied.contains(m.id());
        String scope = since != null ? "migrations after " + since : all ? "all migrations" : "pending migrations";
        List<Migration> chosen = history.stream().filter(analysed).toList();
        long t0 = System.nanoTime();
        // Flyway runs a file in one transaction unless every statement in it is non-transactional; Drizzle runs all in one.
        MigrationSource source = run.migrationFiles().require("lint");
        List<LintIssue> issues = StaticAnalysis.run(history, analysed,
                StaticAnalysis.Settings.of(source, serverVersion, run.severityPolicy()));
        long staticMs = (System.nanoTime() - t0) / 1_000_000;

        MeasuredAnalysis.Result measured = null;
        String note;
        if ("true".equals(params.get(LintJobConfiguration.STATIC_ONLY))) {
            note = "not measured (--static-only)";
        } else if (chosen.isEmpty()) {
            note = "nothing to measure: no migration in scope";
        } else {
            // The same shadow server as verify's replay: an isolated cluster by default, so the replay never touches the
            // target's cluster-wide objects (roles); the target's own cluster is refused for measuring.
            ShadowServer server = null;
            String refused = null;
            try {
                server = ShadowServer.resolve(shadowSettings, run.target());
                if (!server.replaysClusterGlobalStatements()) {
                    refused = "not measured: lint replays only in an isolated cluster or on another server (--shadow-url), not on the target's own cluster";
                }
            } catch (ShadowServer.RefusedException | SQLException e) {
                refused = "not measured: " + e.getMessage().lines().findFirst().orElse("");
            }
            if (refused != null) {
                note = refused;
            } else {
                note = measure(server, history, analysed, source.restoresSessionBetweenMigrations());
                measured = lastMeasured;
            }
        }
        Map<String, String> statements = new LinkedHashMap<>();
        Map<String, Map<String, String>> suppressions = new LinkedHashMap<>();
        for (Migration m : chosen) {
            for (SqlStatement s : m.statements()) {
                statements.put(m.file() + ":" + s.line(), s.summary(120));
                suppressions.put(m.file() + ":" + s.line(), Suppressions.of(s.comments()));
            }
        }
        List<LintIssue> merged = LintMerge.merge(issues, measured == null ? Map.of() : measured.measurements(), statements, suppressions,
                run.severityPolicy());
        record(merged, scope, chosen, statements.size(), measured, note, staticMs);
        log.info("lint: {} migration(s), {} statement(s) analysed ({}): {} hazard(s), {} suppressed; {}", chosen.size(), statements.size(),
                scope, merged.stream().filter(i -> !i.suppressed()).count(), merged.stream().filter(LintIssue::suppressed).count(), note);
        return RepeatStatus.FINISHED;
    }

    private MeasuredAnalysis.Result lastMeasured;

    private String measure(ShadowServer server, List<Migration> history, Predicate<Migration> analysed, boolean restoreSession) {
        try (ShadowRoles roles = ShadowRoles.prepare(server.adminUrl(), shadowSettings.roles());
             ShadowDatabase shadow = ShadowDatabase.create(server.adminUrl());
             Connection c = shadow.dataSource().getConnection()) {
            lastMeasured = new MeasuredAnalysis(SAMPLE_ROWS, restoreSession).run(c, history, analysed);
            if (dev.preflight.kernel.ShutdownGate.signalled()) {
                // what the signal cancelled did not fail on its own: nothing measured is reported
                lastMeasured = null;
                return "not measured: the run was stopped on a signal while the migrations were measured";
            }
            return lastMeasured.error() == null ? "measured on a shadow database in " + server.description() + " with " + SAMPLE_ROWS
                    + " generated rows per table" : "measurement stopped: " + lastMeasured.error();
        } catch (SQLException e) {
            lastMeasured = null;
            return "not measured: cannot create a shadow database in " + server.description() + " ("
                    + e.getMessage().lines().findFirst().orElse("") + "): the role needs CREATEDB";
        }
    }

    private void record(List<LintIssue> merged, String scope, List<Migration> chosen, int statements, MeasuredAnalysis.Result measured,
                        String note, long staticMs) {
        List<LintSection.Hazard> hazards = new ArrayList<>();
        List<LintSection.Hazard> suppressed = new ArrayList<>();
        Map<String, List<Finding>> byRule = new LinkedHashMap<>();
        LintRules.ids().forEach(id -> byRule.put(id, new ArrayList<>()));
        for (LintIssue i : merged) {
            String evidence = i.measured() == null ? null : LintMerge.evidence(i.measured());
            LintSection.Hazard h = new LintSection.Hazard(i.ruleId(), i.title(), i.severity(), i.file(), i.line(), i.statement(), i.message(),
                    i.remedy(), evidence, i.suppressedBecause());
            (i.suppressed() ? suppressed : hazards).add(h);
            if (!i.suppressed()) {
                byRule.get(i.ruleId()).add(new Finding(i.ruleId(), i.severity(), i.file() + ":" + i.line(), i.message(), null, evidence,
                        i.remedy()).at(i.file(), i.line()));
            }
        }
        Set<String> measuredRules = new HashSet<>(List.of(LintMerge.MEASURED_REWRITE, LintMerge.MEASURED_FAILURE, LintMerge.BROKEN_STATEMENT));
        byRule.forEach((id, findings) -> {
            boolean ran = measured != null || !measuredRules.contains(id);
            CheckOutcome.Status status = !ran ? CheckOutcome.Status.NOT_RUN
                    : findings.stream().anyMatch(f -> f.severity() != dev.preflight.report.Severity.INFO) ? CheckOutcome.Status.FAILED
                    : CheckOutcome.Status.PASSED;
            String evidence = !ran ? note : findings.isEmpty() ? "no hazard in " + chosen.size() + " migration(s)"
                    : findings.size() + " statement(s): " + findings.get(0).subject() + (findings.size() > 1 ? " ..." : "");
            run.ledger().add(new CheckOutcome(id, LintRules.title(id), LintJobConfiguration.JOB, status, evidence, findings));
        });
        LintSection section = new LintSection(scope, chosen.size(), statements, measured != null && measured.error() == null, note,
                measured == null ? 0 : SAMPLE_ROWS, measured == null ? List.of() : measured.sampleSkipped(), hazards, suppressed, staticMs,
                measured == null ? 0 : measured.replayMs(), measured == null ? 0 : measured.loadMs(), measured == null ? 0 : measured.measureMs());
        run.ledger().lint(section);
        run.ledger().attach(SarifRenderer.FILE, SarifRenderer.render(section));
    }
}
