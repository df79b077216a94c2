package dev.preflight.run;

import dev.preflight.config.DatabaseTarget;
import dev.preflight.config.ShadowSettings;
import dev.preflight.db.BatchSchema;
import dev.preflight.kernel.Console;
import dev.preflight.kernel.ExitCode;
import dev.preflight.kernel.Options;
import dev.preflight.kernel.PreflightException;
import dev.preflight.kernel.StartupTrace;
import dev.preflight.report.CheckOutcome;
import dev.preflight.report.ReadinessReport;
import java.nio.file.Path;
import java.sql.Connection;
import javax.sql.DataSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One run of Preflight against one database: resolves the target (starting the embedded cluster
 * when none is given), checks connectivity before anything else, starts the Spring context, runs
 * jobs, and ends by measuring the database and writing the readiness report.
 */
public final class Session implements AutoCloseable {

    private final String command;
    private final Options options;
    private final Console console;
    private final RunContext run;
    private final TargetResolver.Resolved resolved;
    /** The run's Spring side (context, jobs), started when the first job runs. */
    private RunJobs jobs;
    /** The run's pool, opened before (and without) Spring: commands that run no job never start a Spring context. */
    private com.zaxxer.hikari.HikariDataSource pool;
    private RunHistory history;
    private boolean finished;
    private SignalStop signalStop;
    private SessionMode mode = SessionMode.RECORDED;
    /** The run id of the newest session of this process, for an error that escapes it (a lost connection). */
    private static volatile String lastRunId;
    private RunLiveness liveness;
    /** The connectivity check's connection to the DDL URL, until the liveness lock takes it. */
    private Connection livenessConnection;
    private ShadowSettings shadowSettings = ShadowSettings.isolated();
    /** The report's renderers, made on a thread of their own from the first job on (null until then). */
    private dev.preflight.report.render.ReportRenderers.Prepared renderers;
    /** The Spring context's early start, until the run's jobs take it over (null when the session runs no job). */
    private SpringStart spring;
    /** Whether {@link #jobAhead} warmed the job launch. */
    private boolean jobWarmed;

    private Session(String command, Options options, Console console, RunContext run, TargetResolver.Resolved resolved) {
        this.command = command;
        this.options = options;
        this.console = console;
        this.run = run;
        this.resolved = resolved;
    }

    /**
     * Opens a session. A connection failure still writes a report (NOT_READY, the failure as a
     * blocker) before the error propagates with exit code 2.
     */
    public static Session open(String command, Options options, Console console) {
        return open(command, options, console, SessionMode.RECORDED, Session::noChecks);
    }

    /**
     * As {@link #open}, with a command's own checks of its inputs ({@code check}), run once the run's inputs are read and
     * before the database is resolved (an embedded cluster started), connected to for good or written: its failure ends
     * the command as the inputs' own would, with no report. Run here rather than before the session opens, so that they
     * overlap the Spring context's start and the connection, and read the project's settings and migrations once
     * (migrate: 140 ms before the session opened).
     */
    public static Session open(String command, Options options, Console console, java.util.function.Consumer<ProjectInputs> check) {
        return open(command, options, console, SessionMode.RECORDED, check);
    }

    /**
     * As {@link #open}, for a command whose work often launches no job (a backfill with nothing to embed): the context
     * still starts ahead, but the job machinery is warmed only once {@link #jobAhead} says a job will run.
     */
    public static Session openForLikelyNoJob(String command, Options options, Console console) {
        return open(command, options, console, SessionMode.RECORDED_JOB_UNLIKELY, Session::noChecks);
    }

    /** A session that writes (run history, report) but runs no job ({@code baseline}): it never starts a Spring context. */
    public static Session openWithoutJobs(String command, Options options, Console console) {
        return open(command, options, console, SessionMode.RECORDED_WITHOUT_JOBS, Session::noChecks);
    }

    /**
     * A session that measures and reports but writes nothing to the database (the {@code report}
     * command): no job repository, no run-history row, so a role that can only SELECT can run it.
     */
    public static Session openMeasuring(String command, Options options, Console console) {
        return open(command, options, console, SessionMode.MEASURING, Session::noChecks);
    }

    /**
     * A session for commands that only read (status, history, restart's look-up): it writes nothing to
     * the database (not even the job repository's schema) and no report, not even when it cannot connect.
     */
    public static Session openReadOnly(String command, Options options, Console console) {
        return open(command, options, console, SessionMode.READ_ONLY, Session::noChecks);
    }

    /** For the sessions of commands without checks of their own. */
    private static void noChecks(ProjectInputs inputs) {
    }

    private static Session open(String command, Options options, Console console, SessionMode mode,
            java.util.function.Consumer<ProjectInputs> check) {
        // A session that runs jobs builds its Spring context meanwhile, on a thread of its own: the context needs nothing
        // the inputs or the connection give until its first job, and on two cores the two overlap (status/report: none)
        SpringStart spring = mode.runsJobs ? SpringStart.begin(console, mode != SessionMode.RECORDED_JOB_UNLIKELY) : null;
        // and connects meanwhile: a connection is mostly the server's wait, the inputs are CPU work
        ConnectAhead ahead = ConnectAhead.start(options, console);
        RunInputs in;
        RunLedger ledger;
        RunContext run;
        try {
            in = RunInputs.read(command, options, console, mode.writesReport, check);
            ledger = new RunLedger(in.runId());
            run = new RunContext(in.resolved().target(), in.project(), in.config(), in.files(), ledger);
        } catch (RuntimeException | Error e) {
            if (spring != null) {
                spring.abandon();
            }
            if (ahead != null) {
                ahead.discard();
            }
            throw e;
        }
        Session session = new Session(command, options, console, run, in.resolved());
        session.mode = mode;
        session.shadowSettings = in.shadow();
        session.spring = spring;
        if (spring != null) {
            spring.inputs(run, in.shadow());
        }
        lastRunId = mode.writesDatabase ? in.runId() : null;
        in.warnings().forEach(w -> {
            console.err().println("[preflight] warning: " + w);
            ledger.warn(w);
        });
        StartupTrace.mark("inputs read (options, project, migrations)");
        if (!mode.runsJobs) {
            // no job to wait for (report): made while the session connects and measures, not on the main thread at the
            // end (report 1,170 -> 1,080 ms, 7 alternating runs; a job command gained nothing from starting them this early)
            session.prepareRenderers();
        }
        try {
            session.livenessConnection = Connectivity.check(run, command, mode.writesDatabase, ahead);
            StartupTrace.mark("connected");
            session.openRepository(ahead == null ? null : ahead.pool());
            StartupTrace.mark("pool and job repository");
            if (mode == SessionMode.RECORDED) {
                session.signalStop = SignalStop.install(run.target().ddlUrl(), console);
            }
        } catch (PreflightException e) {
            if (ahead != null) {
                ahead.discard(); // the pool made ahead, if the session has not taken it yet
            }
            if (mode.writesReport) {
                new ReportPublisher(in.project(), console).publishConnectionFailure(ledger, command, e);
            }
            session.close();
            throw e;
        }
        return session;
    }

    /**
     * Opens the pool (or takes the one made ahead, null if none), then (for commands that write) Preflight's job
     * repository and run history in schema {@code preflight}.
     */
    private void openRepository(com.zaxxer.hikari.HikariDataSource ahead) {
        pool = ahead != null ? ahead : new dev.preflight.db.DataSourceConfiguration().dataSource(run.target());
        jobs = new RunJobs(run, console, pool, shadowSettings, spring);
        if (spring != null) {
            spring.pool(pool);
            spring = null; // the jobs own it now
        }
        history = new RunHistory(pool);
        if (!mode.writesDatabase) {
            return; // read-only commands leave the database as they found it: no schema, no table, no row
        }
        try {
            BatchSchema.ensure(pool);
            // The lock first: a row that says RUNNING is then never without its proof of life.
            Connection kept = livenessConnection;
            livenessConnection = null;
            liveness = kept != null ? RunLiveness.hold(kept, run.ledger().runId()) : RunLiveness.hold(run.target().ddlUrl(), run.ledger().runId());
            history.markAbandoned().forEach(id -> console.err().println("[preflight] run " + id
                    + " was left RUNNING by a process that no longer exists: recorded as ABANDONED"));
            history.started(run.ledger().runId(), null, command);
        } catch (java.sql.SQLException e) {
            throw RunHistory.repositoryRefused(run.target().ddlUrl(), e);
        }
    }

    public RunContext run() {
        return run;
    }

    /** The run id of the newest recorded session of this process, or null: what {@code restart} takes. */
    public static String lastRunId() {
        return lastRunId;
    }

    /** Where commands print their own summaries (a step's table of counts, for example). */
    public Console console() {
        return console;
    }

    public DataSource dataSource() {
        return pool;
    }

    /** Where this run may replay migrations (verify's drift check, migrate's order check, baseline). */
    public ShadowSettings shadowSettings() {
        return shadowSettings;
    }

    /**
     * Starts a job identified by the run id (plus any identifying parameters given). When the run
     * id is that of an earlier failed run, Spring Batch restarts the failed instance where it
     * stopped; a job that already completed in that run is skipped.
     */
    public BatchStatus runJob(String jobName) throws Exception {
        return runJob(jobName, new JobParametersBuilder());
    }

    public BatchStatus runJob(String jobName, JobParametersBuilder parameters) throws Exception {
        prepareRenderers();
        return jobs.run(jobName, parameters);
    }

    /**
     * Starts making the report's renderers (templates parsed, classes loaded, earlier runs read for the trend chart) while
     * the jobs run: a job mostly waits on the database, and the second core is then free. A job, or a bean of the run's
     * context, starts them; a command whose work may launch no job (a backfill with nothing to embed) starts them itself.
     */
    public void prepareRenderers() {
        if (renderers == null && mode.writesReport) {
            renderers = dev.preflight.report.render.ReportRenderers.prepare(run.project().templatesOrNull(), run.project().reportsDir(),
                    () -> ReportAssembler.assemble(new RunLedger(run.ledger().runId()), command, run.project(), null, null));
        }
    }

    /**
     * Says that a job will run: warms Spring Batch's job launch (its JFR events) and runs {@code makeBeans}, which asks
     * the run's context for the job's beans, on threads of their own, while this thread prepares the job.
     */
    public void jobAhead(Runnable makeBeans) {
        if (mode == SessionMode.RECORDED_JOB_UNLIKELY && !jobWarmed) {
            jobWarmed = true;
            JfrWarmUp.start();
            beansAhead(makeBeans);
        }
    }

    /**
     * Runs {@code makeBeans} on a thread of its own (the context makes beans lazily, at first use): on the command's
     * thread the beans stood between its decision to launch a job and the job's first write.
     */
    private static void beansAhead(Runnable makeBeans) {
        Thread warm = new Thread(() -> {
            try {
                makeBeans.run();
            } catch (RuntimeException e) {
                // the job's own thread makes them again and reports what is wrong
            }
        }, "preflight:job-beans");
        warm.setDaemon(true);
        warm.start();
    }

    /** Records in the ledger that a job ran, with its steps (also for jobs started by their own launcher). */
    public void record(String jobName, JobExecution execution) {
        jobs.record(jobName, execution);
    }

    /** A bean of the run's Spring context (job operator, repository, jobs). */
    public <T> T bean(Class<T> type) {
        prepareRenderers();
        return jobs.context().getBean(type);
    }

    /** A bean of the run's context if the run has made it already, else null: starts and creates nothing (signal handlers). */
    public <T> T beanIfMade(Class<T> type) {
        ConfigurableApplicationContext started = jobs.contextIfStarted();
        if (started == null) {
            return null;
        }
        for (String name : started.getBeanNamesForType(type, false, false)) {
            if (started.getBeanFactory().containsSingleton(name)) {
                return started.getBean(name, type);
            }
        }
        return null;
    }

    public <T> T bean(String name, Class<T> type) {
        prepareRenderers();
        return jobs.context().getBean(name, type);
    }

    /** Asks the running job (if any) to stop at its next safe point: used on SIGTERM. */
    public void stopRunningJob() {
        jobs.stopRunning();
    }

    /** True when a pre-flight server or extension check failed: a configuration problem, exit code 2. */
    public boolean preflightBlocked() {
        return ExitDecision.preflightBlocker(run.ledger().outcomes().stream().flatMap(o -> o.findings().stream()).toList()).isPresent();
    }

    /**
     * Measures the migration state and the catalog, runs the end-of-run checks, writes the report
     * and returns the exit code.
     */
    public ExitCode finish() throws Exception {
        if (signalStop != null) {
            CheckOutcome stopped = signalStop.reporting(command, run.ledger().runId());
            if (stopped != null) {
                run.ledger().add(stopped); // a stopped run is never READY, whatever its steps found before the stop
            }
        }
        dev.preflight.embedded.SharedClusters.release(); // the jobs are done: the shadow cluster stops while the run reports
        ReadinessReport report = RunEnd.measure(run, dataSource(), command);
        StartupTrace.mark("end-of-run checks and catalog");
        Path written = new ReportPublisher(run.project(), console).publish(report, run.ledger().attachments(), renderers);
        StartupTrace.mark("report written");
        ExitCode exit = ExitDecision.of(report, options.failOnWarning());
        ExitDecision.preflightBlocker(report.findings()).ifPresent(f -> console.error(f.message() + " -> " + f.remedy()));
        finished = true;
        if (mode.writesDatabase) {
            history.finished(run.ledger().runId(), run.ledger().steps().stream().anyMatch(s -> s.status().equals("FAILED")) ? "FAILED" : "FINISHED",
                    report.verdict().name(), exit.code(), run.project().relative(written));
        }
        return exit;
    }

    public RunHistory history() {
        return history;
    }

    @Override
    public void close() {
        if (history != null && mode.writesDatabase && !finished) {
            try {
                history.finished(run.ledger().runId(), "FAILED", null, ExitCode.USAGE_OR_CONNECTION.code(), null);
            } catch (java.sql.SQLException | RuntimeException ignored) {
                // the run is ending on an error already; its history row stays RUNNING at worst
            }
        }
        if (liveness != null) {
            liveness.close();
            liveness = null;
        }
        Connectivity.closeQuietly(livenessConnection);
        livenessConnection = null;
        if (spring != null) {
            spring.abandon(); // the session failed before its pool opened
            spring = null;
        }
        if (jobs != null) {
            jobs.close();
        }
        if (pool != null) {
            pool.close();
            pool = null;
        }
        resolved.stop(console, options.has("keep"));
        if (signalStop != null) {
            signalStop.close();
            signalStop = null;
        }
    }

    public DatabaseTarget target() {
        return run.target();
    }
}
