package dev.preflight.cli.command;

import dev.preflight.cli.Command;
import dev.preflight.cli.StepCommand;
import dev.preflight.config.DatabaseUrl;
import dev.preflight.config.ProjectLayout;
import dev.preflight.db.BatchSchema;
import dev.preflight.db.Connections;
import dev.preflight.kernel.Console;
import dev.preflight.kernel.ExitCode;
import dev.preflight.kernel.Options;
import dev.preflight.kernel.PreflightException;
import dev.preflight.plan.Plan;
import dev.preflight.plan.PlanLoader;
import dev.preflight.plan.PlanRunner;
import dev.preflight.plan.Scheduler;
import dev.preflight.run.SignalStop;
import dev.preflight.run.TargetResolver;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code schedule}: stays running and starts the project's plans on their cron schedules; ends
 * cleanly on SIGTERM (the running step stops at a safe point and can be restarted).
 */
public final class ScheduleCommand implements Command {

    private final Supplier<List<StepCommand>> steps;

    public ScheduleCommand(Supplier<List<StepCommand>> steps) {
        this.steps = steps;
    }

    @Override
    public String name() {
        return "schedule";
    }

    /** A scheduled plan passes its steps' options on; --duration bounds the scheduler. */
    @Override
    public java.util.Set<String> flags() {
        java.util.Set<String> out = new java.util.HashSet<>(RunCommand.stepFlags(steps.get()));
        out.add("duration");
        return out;
    }

    @Override
    public String summary() {
        return "stay running and start plans on their cron schedules (one run per tick across schedulers)";
    }

    @Override
    public ExitCode run(Options options, Console console) throws Exception {
        // the direct URL when one is given: the scheduler's locks and the job repository need a real session
        DatabaseUrl url = TargetResolver.lasting(options, console, "the scheduler needs a database: scheduled plans run against a lasting one")
                .ddlUrl();
        ProjectLayout project = new ProjectLayout(options.project(), options.reportsDir());
        PlanLoader loader = new PlanLoader(project, steps.get());
        List<Plan> plans = loader.available().stream().map(loader::load).filter(p -> p.schedule() != null).toList();
        if (plans.isEmpty()) {
            throw PreflightException.config("no plan in " + project.relative(project.jobs()) + " has a schedule",
                    "add for example schedule: \"0 3 * * *\" to jobs/nightly.yaml");
        }
        try (Connections.Pooled ds = Connections.dataSource(url)) {
            BatchSchema.ensure(ds.dataSource());
        }
        SignalStop.handledElsewhere(); // the scheduler stops after its current step, not by cancelling it
        Scheduler scheduler = new Scheduler(plans, new PlanRunner(steps.get()), url, options, console);
        Thread loop = Thread.currentThread();
        Thread hook = new Thread(() -> {
            console.err().println("[preflight] SIGTERM: stopping the scheduler after the current step...");
            scheduler.stop();
            try {
                loop.join(120_000);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "preflight-scheduler-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            String duration = options.flag("duration");
            scheduler.run(duration == null ? null : Instant.now().plusSeconds(Long.parseLong(duration)));
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waits for this thread
            }
        }
        return ExitCode.READY;
    }
}
