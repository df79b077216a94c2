package dev.preflight.plan;

import dev.preflight.config.ProjectLayout;
import dev.preflight.kernel.Console;
import dev.preflight.kernel.ExitCode;
import dev.preflight.kernel.Options;
import dev.preflight.kernel.PreflightException;
import dev.preflight.kernel.ShutdownGate;
import dev.preflight.report.CheckOutcome;
import dev.preflight.report.Finding;
import dev.preflight.report.Severity;
import dev.preflight.report.StepRecord;
import dev.preflight.run.Session;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a plan in one session: each step in order under the plan's advisory lock, failures handled
 * as the plan says, then the report. Re-running a plan with the run id of a failed run restarts
 * it: completed jobs are skipped and the failed one resumes where it stopped.
 */
public final class PlanRunner {

    private static final Logger log = LoggerFactory.getLogger(PlanRunner.class);

    private final Map<String, PlanStep> steps = new LinkedHashMap<>();

    public PlanRunner(List<? extends PlanStep> stepCommands) {
        stepCommands.forEach(s -> steps.put(s.name(), s));
    }

    private volatile Session current;
    private volatile boolean stopRequested;

    public ExitCode run(Plan plan, Options options, Console console) throws Exception {
        return run(plan, options, console, List.of());
    }

    /** Asks the step that is running to stop at its next safe point (SIGTERM); later steps are skipped. */
    public void stopCurrent() {
        stopRequested = true;
        Session s = current;
        if (s != null) {
            s.stopRunningJob();
        }
    }

    /** Runs the plan; {@code warnings} (for example missed scheduled runs) go into its report. */
    public ExitCode run(Plan plan, Options options, Console console, List<String> warnings) throws Exception {
        ProjectLayout project = new ProjectLayout(options.project(), options.reportsDir());
        for (Plan.Step step : plan.steps()) {
            validate(plan, step, project, options);
        }
        try (Session session = Session.open(plan.name(), options, console);
             PlanLock lock = PlanLock.acquire(session.target().ddlUrl(), plan.name())) {
            current = session;
            warnings.forEach(session.run().ledger()::warn);
            session.run().ledger().plan(plan.name());
            session.history().plan(session.run().ledger().runId(), plan.name());
            List<Finding> failures = new ArrayList<>();
            boolean stopped = false;
            for (Plan.Step step : plan.steps()) {
                if (stopped || stopRequested || ShutdownGate.signalled() || session.preflightBlocked()) {
                    session.run().ledger().step(new StepRecord(step.job(), step.job(), "SKIPPED",
                            ShutdownGate.signalled() ? "stopped on a signal" : "an earlier step failed", 0));
                    continue;
                }
                log.info("plan {}: step {} (line {})", plan.name(), step.job(), step.line());
                int stepsBefore = session.run().ledger().steps().size();
                long t0 = System.nanoTime();
                boolean ok;
                try {
                    ok = steps.get(step.job()).execute(session, options.withParams(step.params()));
                } catch (PreflightException e) {
                    throw e; // configuration problems end the run with exit code 2
                } catch (Exception e) {
                    log.error("plan {}: step {} failed: {}", plan.name(), step.job(), e.toString());
                    ok = false;
                }
                if (session.run().ledger().steps().size() == stepsBefore) {
                    // a step without a Batch job (report) still shows up as one step of the run
                    session.run().ledger().step(new StepRecord(step.job(), step.job(), ok ? "COMPLETED" : "FAILED",
                            ok ? "COMPLETED" : "FAILED", (System.nanoTime() - t0) / 1_000_000));
                }
                if (!ok) {
                    failures.add(failure(plan, step));
                    stopped = step.onFailure() == Plan.OnFailure.STOP;
                }
            }
            session.run().ledger().add(new CheckOutcome("PLAN001", "Every step of plan '" + plan.name() + "' completed", plan.name(),
                    failures.stream().anyMatch(f -> f.severity() != Severity.INFO) ? CheckOutcome.Status.FAILED : CheckOutcome.Status.PASSED,
                    plan.steps().size() + " step(s) from " + plan.file(), failures));
            return session.finish();
        } finally {
            current = null;
        }
    }

    /** Checks a step's inputs and option values before any step runs; an error names the plan file and the step's line. */
    void validate(Plan plan, Plan.Step step, ProjectLayout project, Options options) {
        try {
            steps.get(step.job()).validate(project, options.withParams(step.params()));
        } catch (PreflightException e) {
            String at = plan.file().startsWith("built-in") ? plan.file() : plan.file() + " line " + step.line();
            throw new PreflightException(e.exitCode(), at + " (step " + step.job() + "): " + e.getMessage(), e.remedy(), e.getCause());
        }
    }

    /** The PLAN001 finding for a failed step: blocker unless the step may fail (continue), at the plan file's line. */
    static Finding failure(Plan plan, Plan.Step step) {
        Severity severity = step.onFailure() == Plan.OnFailure.CONTINUE ? Severity.LOW : Severity.BLOCKER;
        String then = switch (step.onFailure()) {
            case STOP -> "the plan stopped there";
            case MARK_NOT_READY -> "the plan went on, the run is not ready";
            case CONTINUE -> "the plan went on (onFailure: continue)";
        };
        Finding f = new Finding("PLAN001", severity, "step " + step.job(), "step '" + step.job() + "' of plan '" + plan.name()
                + "' failed; " + then, "COMPLETED", "FAILED",
                "see the step's findings above; after fixing the cause, ./preflight restart <run-id> resumes from the failed step");
        return plan.file().startsWith("built-in") ? f : f.at(plan.file(), step.line());
    }
}
