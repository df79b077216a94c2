package dev.preflight.run;

import dev.preflight.kernel.Console;
import dev.preflight.kernel.ExitCode;
import dev.preflight.kernel.Options;
import dev.preflight.kernel.PreflightException;
import dev.preflight.config.DatabaseTarget;
import dev.preflight.config.KnownSecrets;
import dev.preflight.config.ProjectConfig;
import dev.preflight.config.ProjectLayout;
import dev.preflight.config.ShadowSettings;
import dev.preflight.db.BatchSchema;
import dev.preflight.db.Connections;
import dev.preflight.kernel.StartupTrace;
import dev.preflight.migration.MigrationFiles;
import dev.preflight.report.CheckOutcome;
import dev.preflight.report.Finding;
import dev.preflight.report.ReadinessReport;
import dev.preflight.report.Severity;
import dev.preflight.report.StepRecord;
import dev.preflight.report.render.ReportWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.metrics.ApplicationStartup;

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
    private ConfigurableApplicationContext context;
    /** The run's pool, opened before (and without) Spring: commands that run no job never start a Spring context. */
    private com.zaxxer.hikari.HikariDataSource pool;
    private RunHistory history;
    private boolean finished;
    private Mode mode = Mode.RECORDED;
    /** The run id of the newest session of this process, for an error that escapes it (a lost connection). */
    private static volatile String lastRunId;
    private RunLiveness liveness;
    /** The connectivity check's connection to the DDL URL, until the liveness lock takes it. */
    private Connection livenessConnection;
    private ShadowSettings shadowSettings = ShadowSettings.isolated();

    private Session(String command, Options options, Console console, RunContext run, TargetResolver.Resolved resolved) {
        this.command = command;
        this.options = options;
        this.console = console;
        this.run = run;
        this.resolved = resolved;
    }

    /** What a session may write: the database (job repository, run history) and the report files. */
    private enum Mode {
        /** Jobs run: the job repository and run history are created and written, and the report. */
        RECORDED(true, true),
        /** Measures only ({@code report}): nothing is written to the database, the report is written. */
        MEASURING(false, true),
        /** Reads only ({@code status}, {@code history}): nothing is written anywhere. */
        READ_ONLY(false, false);

        final boolean writesDatabase;
        final boolean writesReport;

        Mode(boolean writesDatabase, boolean writesReport) {
            this.writesDatabase = writesDatabase;
            this.writesReport = writesReport;
        }
    }

    /**
     * Opens a session. A connection failure still writes a report (NOT_READY, the failure as a
     * blocker) before the error propagates with exit code 2.
     */
    public static Session open(String command, Options options, Console console) {
        return open(command, options, console, Mode.RECORDED);
    }

    /**
     * A session that measures and reports but writes nothing to the database (the {@code report}
     * command): no job repository, no run-history row, so a role that can only SELECT can run it.
     */
    public static Session openMeasuring(String command, Options options, Console console) {
        return open(command, options, console, Mode.MEASURING);
    }

    /**
     * A session for commands that only read (status, history, restart's look-up): it writes nothing to
     * the database (not even the job repository's schema) and no report, not even when it cannot connect.
     */
    public static Session openReadOnly(String command, Options options, Console console) {
        return open(command, options, console, Mode.READ_ONLY);
    }

    private static Session open(String command, Options options, Console console, Mode mode) {
        // Inputs first, before any connection or job: a bad run id or an unusable reports folder costs nothing.
        String runId = options.flag("run-id") != null ? RunId.check(options.flag("run-id")) : RunId.generate(command);
        ProjectLayout project = new ProjectLayout(options.project(), options.reportsDir());
        if (mode.writesReport) {
            ReportWriter.checkFolder(project, runId);
        }
        ProjectConfig config = ProjectConfig.load(project);
        KnownSecrets.registerEnvironmentValue(console.env(), config.embeddings().openai().apiKeyEnv());
        MigrationFiles files = MigrationFiles.resolve(project, config);
        ShadowSettings shadowSettings = ShadowSettings.of(options.flag("shadow-url"), console.env("SHADOW_DATABASE_URL"),
                options.has("shadow-same-cluster"), project);
        TargetResolver.Resolved resolved = TargetResolver.resolve(options, console, project);
        RunLedger ledger = new RunLedger(runId);
        RunContext run = new RunContext(resolved.target(), project, config, files, ledger);
        Session session = new Session(command, options, console, run, resolved);
        session.mode = mode;
        lastRunId = mode.writesDatabase ? runId : null;
        session.shadowSettings = shadowSettings;
        java.util.stream.Stream.concat(resolved.target().warnings().stream(), files.warnings().stream()).forEach(w -> {
            console.err().println("[preflight] warning: " + w);
            ledger.warn(w);
        });
        StartupTrace.mark("inputs read (options, project, migrations)");
        try {
            session.checkConnectivity();
            StartupTrace.mark("connected");
            session.openRepository();
            StartupTrace.mark("pool and job repository");
        } catch (PreflightException e) {
            if (mode.writesReport) {
                session.publishAfterConnectionFailure(e);
            }
            session.close();
            throw e;
        }
        return session;
    }

    private void checkConnectivity() {
        for (var url : run.target().directUrl() == null ? List.of(run.target().url()) : List.of(run.target().url(), run.target().directUrl())) {
            long t0 = System.nanoTime();
            Connection c = null;
            try {
                c = Connections.open(url); // a failure is a PreflightException that names the server and the remedy
                long ms = Duration.ofNanos(System.nanoTime() - t0).toMillis();
                run.ledger().add(new CheckOutcome("SRV001", "Database is reachable with the given credentials", command,
                        CheckOutcome.Status.PASSED, "connected to " + url.masked() + " in " + ms + " ms", List.of()));
                // A recording run keeps its DDL connection for the liveness lock: each new session costs a password
                // exchange (SCRAM's 4,096 hash rounds), one of the dearer steps of a cold start.
                if (mode.writesDatabase && url == run.target().ddlUrl() && livenessConnection == null) {
                    livenessConnection = c;
                    c = null;
                }
            } finally {
                closeQuietly(c);
            }
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (java.sql.SQLException ignored) {
                // a connection that only proved the server reachable
            }
        }
    }

    /**
     * The Spring context, started on first use: only commands that run a job pay for Spring and
     * Spring Batch (about half of start-up); status, report and history never start it. Beans are
     * lazy (application.properties), so a job's start creates that job's beans only.
     */
    private ConfigurableApplicationContext context() {
        if (context == null) {
            ApplicationStartup startup = SpringStartupSteps.recorder();
            context = startContext(run, console, pool, shadowSettings, startup);
            StartupTrace.mark("Spring context started");
            SpringStartupSteps.print(startup);
        }
        return context;
    }

    static ConfigurableApplicationContext startContext(RunContext run, Console console, DataSource pool, ShadowSettings shadowSettings) {
        return startContext(run, console, pool, shadowSettings, ApplicationStartup.DEFAULT);
    }

    private static ConfigurableApplicationContext startContext(RunContext run, Console console, DataSource pool, ShadowSettings shadowSettings,
                                                               ApplicationStartup startup) {
        return new SpringApplicationBuilder(RunSpring.configuration())
                .applicationStartup(startup)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties("spring.config.location=classpath:/preflight/application.properties")
                // No context shutdown hook: on SIGTERM a running job must stop after its chunk (the backfill's own hook
                // asks it to) while the DataSource is still open; close() closes the context.
                .registerShutdownHook(false)
                .initializers(ctx -> {
                    ctx.getBeanFactory().registerSingleton("runContext", run);
                    ctx.getBeanFactory().registerSingleton("databaseTarget", run.target());
                    ctx.getBeanFactory().registerSingleton("console", console);
                    ctx.getBeanFactory().registerSingleton("dataSource", pool);
                    ctx.getBeanFactory().registerSingleton("shadowSettings", shadowSettings);
                })
                .run();
    }

    /** Opens the pool, then (for commands that write) Preflight's job repository and run history in schema {@code preflight}. */
    private void openRepository() {
        pool = new dev.preflight.db.DataSourceConfiguration().dataSource(run.target());
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
            String role = run.target().ddlUrl().user() == null ? "<role>" : run.target().ddlUrl().user();
            throw new PreflightException(ExitCode.USAGE_OR_CONNECTION,
                    "db: creating Preflight's job repository in schema 'preflight' failed: " + e.getMessage(),
                    "as an administrator, run GRANT CREATE ON DATABASE \"" + run.target().ddlUrl().database() + "\" TO \"" + role
                            + "\" or CREATE SCHEMA preflight AUTHORIZATION \"" + role + "\" (status and report need neither)");
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

    /**
     * Starts a job identified by the run id (plus any identifying parameters given). When the run
     * id is that of an earlier failed run, Spring Batch restarts the failed instance where it
     * stopped; a job that already completed in that run is skipped.
     */
    public BatchStatus runJob(String jobName) throws Exception {
        return runJob(jobName, new JobParametersBuilder());
    }

    public BatchStatus runJob(String jobName, JobParametersBuilder parameters) throws Exception {
        Job job = context().getBean(jobName + "Job", Job.class);
        StartupTrace.mark("job bean " + jobName);
        JobParameters params = parameters.addString("run.id", run.ledger().runId()).toJobParameters();
        JobExecution execution;
        try {
            execution = context().getBean(JobOperator.class).start(job, params);
        } catch (JobInstanceAlreadyCompleteException e) {
            run.ledger().step(new StepRecord(jobName, jobName, "COMPLETED", "completed earlier in run " + run.ledger().runId(), 0));
            return BatchStatus.COMPLETED;
        }
        StartupTrace.mark("job " + jobName + " ran");
        record(jobName, execution);
        return execution.getStatus();
    }

    /** Records in the ledger that a job ran, with its steps (also for jobs started by their own launcher). */
    public void record(String jobName, JobExecution execution) {
        if (ConnectionLoss.is(execution)) {
            String line = ConnectionLoss.line(ConnectionLoss.committed(execution), run.ledger().runId());
            console.error(line);
            run.ledger().warn(line);
        }
        run.ledger().jobRan(jobName);
        for (StepExecution s : execution.getStepExecutions()) {
            long ms = s.getStartTime() == null || s.getEndTime() == null ? 0 : Duration.between(s.getStartTime(), s.getEndTime()).toMillis();
            run.ledger().step(new StepRecord(jobName, s.getStepName(), s.getStatus().name(), s.getExitStatus().getExitCode(), ms));
        }
    }

    /** A bean of the run's Spring context (job operator, repository, jobs). */
    public <T> T bean(Class<T> type) {
        return context().getBean(type);
    }

    public <T> T bean(String name, Class<T> type) {
        return context().getBean(name, type);
    }

    /** Asks the running job (if any) to stop at its next safe point: used on SIGTERM. */
    public void stopRunningJob() {
        if (context == null) {
            return;
        }
        JobOperator operator = context.getBean(JobOperator.class);
        // by name, from the bean definitions: asking for every Job bean would first create all jobs and their steps
        for (String jobName : context.getBean(org.springframework.batch.core.configuration.JobRegistry.class).getJobNames()) {
            try {
                for (Long id : operator.getRunningExecutions(jobName)) {
                    operator.stop(id);
                }
            } catch (Exception e) {
                // no execution of this job is running, or it ended meanwhile
            }
        }
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
        ReadinessReport report = RunEnd.measure(run, dataSource(), command);
        StartupTrace.mark("end-of-run checks and catalog");
        Path written = new ReportPublisher(run.project(), console).publish(report, run.ledger().attachments());
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

    private void publishAfterConnectionFailure(PreflightException e) {
        try {
            run.ledger().add(new CheckOutcome("SRV001", "Database is reachable with the given credentials", command,
                    CheckOutcome.Status.FAILED, null, List.of(Finding.of("SRV001", Severity.BLOCKER, "database", e.getMessage(), e.remedy()))));
            new ReportPublisher(run.project(), console).publish(ReportAssembler.assemble(run.ledger(), command, run.project(), null, null),
                    run.ledger().attachments());
        } catch (RuntimeException | java.io.IOException ignored) {
            // The connection error is what the user must see; a report that could not be written adds nothing.
        }
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
        closeQuietly(livenessConnection);
        livenessConnection = null;
        if (context != null) {
            context.close();
            context = null;
        }
        if (pool != null) {
            pool.close();
            pool = null;
        }
        if (resolved.embedded() != null) {
            if (options.has("keep")) {
                console.out().println("Embedded database kept running: " + resolved.embedded().url().secretUri());
                console.out().println("Its URL, password included: " + resolved.embedded().writeConnectionFile());
                console.out().println("Stop it with: " + resolved.embedded().installation().bin("pg_ctl") + " -D "
                        + resolved.embedded().dataDir().resolve("data") + " stop");
            }
            resolved.embedded().close();
        }
    }

    public DatabaseTarget target() {
        return run.target();
    }
}
