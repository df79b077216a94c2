package dev.preflight.job.verify;

import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckRegistry;
import dev.preflight.check.CheckRunner;
import dev.preflight.check.drift.ClusterGlobalCheck;
import dev.preflight.check.drift.DriftCheck;
import dev.preflight.check.drift.ShadowReplay;
import dev.preflight.config.DomainMapping;
import dev.preflight.config.ShadowSettings;
import dev.preflight.db.schema.SchemaDifference;
import dev.preflight.db.schema.SchemaModel;
import dev.preflight.report.CheckOutcome;
import dev.preflight.report.Finding;
import dev.preflight.report.VerifySection;
import dev.preflight.report.VerifySection.DomainStatus;
import dev.preflight.report.VerifySection.DriftItem;
import dev.preflight.run.RunContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/** The verify job's drift step: replay, diff, the DRIFT checks' outcomes, drift.sql and the per-domain table counts. */
final class DriftTasklet implements Tasklet {

    private final RunContext run;
    private final DataSource dataSource;
    private final ShadowSettings shadowSettings;

    DriftTasklet(RunContext run, DataSource dataSource, ShadowSettings shadowSettings) {
        this.run = run;
        this.dataSource = dataSource;
        this.shadowSettings = shadowSettings;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        if (!run.migrationFiles().present()) {
            // a database-only project: nothing to replay, so drift is not measured (and not failed)
            String reason = "not compared: no migrations (" + run.migrationFiles().absentReason() + ")";
            List<CheckOutcome> none = new ArrayList<>();
            none.add(new CheckOutcome("DRIFT010", CheckRegistry.get().check("DRIFT010").title(), VerifyJobConfiguration.JOB, CheckOutcome.Status.NOT_RUN, reason, List.of()));
            DriftCheck.all().forEach(c -> none.add(new CheckOutcome(c.id(), c.title(), VerifyJobConfiguration.JOB,
                    CheckOutcome.Status.NOT_RUN, reason, List.of())));
            run.ledger().addAll(none);
            return RepeatStatus.FINISHED;
        }
        DriftReplay.Result r = new DriftReplay(run, dataSource, shadowSettings).run();
        if (r.error() != null && dev.preflight.kernel.ShutdownGate.signalled()) {
            // the replay failed because the signal cancelled it, not because the migrations do not replay
            String reason = "not compared: the run was stopped on a signal during the replay";
            run.ledger().add(new CheckOutcome("DRIFT010", CheckRegistry.get().check("DRIFT010").title(), VerifyJobConfiguration.JOB,
                    CheckOutcome.Status.NOT_RUN, reason, List.of()));
            DriftCheck.all().forEach(c -> run.ledger().add(new CheckOutcome(c.id(), c.title(), VerifyJobConfiguration.JOB,
                    CheckOutcome.Status.NOT_RUN, reason, List.of())));
            throw new IllegalStateException(reason);
        }
        CheckRunner runner = new CheckRunner(run.severityPolicy());
        DriftReplay.Shadow shadow = r.shadow();
        CheckContext ctx = CheckContext.of(null, run.target(), run.project(), run.migrationFiles()).with(new ShadowReplay(r.error(),
                shadow.skipped().stream().map(s -> new ClusterGlobalCheck.Skipped(s.file(), s.line(), s.statement())).toList(),
                shadow.orphansRemoved(), shadow.orphansLeft()), new DriftCheck.Compared(r.differences()));
        if (shadow.warning() != null) {
            run.ledger().warn(shadow.warning());
        }
        List<CheckOutcome> outcomes = new ArrayList<>(runner.run(VerifyJobConfiguration.JOB,
                CheckRegistry.get().checks("DRIFT010", "DRIFT008", "DRIFT009"), ctx));
        List<DriftCheck> checks = DriftCheck.all();
        if (r.error() == null) {
            outcomes.addAll(runner.run(VerifyJobConfiguration.JOB, checks, ctx));
            run.ledger().attach(DriftScript.FILE, DriftScript.render(r.differences(), run.target().url().masked(), run.ledger().runId()));
        } else {
            checks.forEach(c -> outcomes.add(new CheckOutcome(c.id(), c.title(), VerifyJobConfiguration.JOB, CheckOutcome.Status.NOT_RUN,
                    "not compared: the migrations could not be replayed (DRIFT010)", List.of())));
        }
        run.ledger().addAll(outcomes);
        List<DriftItem> items = new ArrayList<>();
        for (SchemaDifference d : r.differences()) {
            DriftCheck check = checks.stream().filter(c -> c.covers(d)).findFirst().orElseThrow();
            Finding f = run.severityPolicy().apply(check.toFinding(d));
            items.add(new DriftItem(check.id(), f.severity(), d.subject(), d.change().name().toLowerCase(Locale.ROOT)
                    + (d.aspect() == null ? "" : " (" + d.aspect() + ")"), d.expected(), d.actual(), d.repair() != null));
        }
        String where = r.shadowDatabase() == null || shadow.server() == null ? r.shadowDatabase() : r.shadowDatabase() + " in " + shadow.server();
        VerifySection.Drift drift = new VerifySection.Drift(where, r.expected() == null ? 0 : r.expected().size(), items,
                r.error() == null ? DriftScript.FILE : null, r.replayMs(), r.introspectMs(), r.diffMs(), r.error());
        VerifyJobConfiguration.update(run, s -> s.withDrift(drift, domains(DomainMapping.load(run.project()), r.actual())));
        return RepeatStatus.FINISHED;
    }

    /** Tables present per domain; tables of the database that no domain lists go to "Other". */
    static List<DomainStatus> domains(DomainMapping mapping, SchemaModel actual) {
        Set<String> present = actual.tables().stream().map(SchemaModel.Table::name).collect(Collectors.toSet());
        List<DomainStatus> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : mapping.domains().entrySet()) {
            List<String> missing = e.getValue().stream().filter(t -> !present.contains(t)).toList();
            out.add(new DomainStatus(e.getKey(), e.getValue(), e.getValue().size() - missing.size(), missing, 0, null, null, null));
        }
        List<String> other = present.stream().filter(t -> mapping.domainOf(t).equals(DomainMapping.OTHER)).sorted().toList();
        if (!other.isEmpty()) {
            out.add(new DomainStatus(DomainMapping.OTHER, other, other.size(), List.of(), 0, null, null, null));
        }
        return out;
    }
}
