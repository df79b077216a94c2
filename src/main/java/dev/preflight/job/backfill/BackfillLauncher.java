package dev.preflight.job.backfill;

import dev.preflight.db.UnknownExecutions;
import dev.preflight.kernel.PreflightException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Starts or restarts the backfill of one target. A job instance is identified by target, model,
 * mode and a generation number: while the last instance of that identity is unfinished (failed,
 * stopped, or killed and found still STARTED) it is restarted, and its partitions resume after
 * their last committed chunk; once it completed, the next run is the next generation. An advisory
 * lock per target proves a STARTED execution is a dead process's, not a running one.
 */
public final class BackfillLauncher {

    private static final Logger log = LoggerFactory.getLogger(BackfillLauncher.class);
    /** How many recent backfill instances are searched for one to restart. */
    private static final int LOOK_BACK = 200;

    /**
     * The newest backfill instance with this identity (target, model, mode: the last execution's parameters, as
     * {@link #lastOf} matches them), read straight from Spring Batch's tables: its last execution's status.
     */
    static final String NEWEST_STATUS = "SELECT e.status FROM preflight.batch_job_instance i "
            + "JOIN preflight.batch_job_execution e ON e.job_instance_id = i.job_instance_id AND e.job_execution_id = "
            + "(SELECT max(x.job_execution_id) FROM preflight.batch_job_execution x WHERE x.job_instance_id = i.job_instance_id) "
            + "WHERE i.job_name = ? " + param("target") + param("model") + param("mode")
            + "ORDER BY i.job_instance_id DESC LIMIT 1";

    private final Supplier<JobOperator> operator;
    private final Supplier<JobRepository> repository;
    private final Supplier<Job> job;
    private final Supplier<BackfillTasks> tasks;
    private final boolean inProcess;
    /** The last execution of each recent instance, read once for all of a run's targets. */
    private final Map<Long, Optional<JobExecution>> lastExecutions = new HashMap<>();
    /** The newest backfill instances, read at the first search ({@link #recentInstances}). */
    private List<JobInstance> recent;

    /**
     * The operator, the job and the tasks are asked for only when a job starts, the repository only when a job may start:
     * a nightly run with nothing to embed never makes them (Spring Batch's repository, operator and backfill job cost
     * such a run 250-370 ms).
     *
     * @param inProcess whether the job's steps run in this process (not on distributed workers): only then may a first run get a head start
     */
    public BackfillLauncher(Supplier<JobOperator> operator, Supplier<JobRepository> repository, Supplier<Job> job, Supplier<BackfillTasks> tasks,
                            boolean inProcess) {
        this.operator = operator;
        this.repository = repository;
        this.job = job;
        this.tasks = tasks;
        this.inProcess = inProcess;
    }

    /**
     * Makes the beans a launch uses, in the order it uses them (the repository for the restart search, then the tasks,
     * the operator and, for a job whose steps run in this process, the job with its steps): called on a thread of its
     * own ({@code Session.jobAhead}) once a job will run, so the launch finds them made. The job was the last 100-190 ms
     * between the restart search and the job's start (traced).
     */
    @SuppressWarnings("ReturnValueIgnored") // asked for to be made: the context keeps them for the launch
    public void makeBeans() {
        repository.get();
        tasks.get();
        operator.get();
        if (inProcess) {
            job.get();
        }
    }

    /**
     * True when a target has nothing to do: no row to embed ({@code planned} 0) and its newest backfill with this identity
     * finished (COMPLETED or ABANDONED) or never ran, so no instance waits for a restart. Read with one statement on
     * {@code c}, without the target's lock or Spring Batch's repository: such a target needs neither. When it says
     * false, {@link #run} decides under the lock, as before; an instance older than the {@value #LOOK_BACK} it searches
     * only costs that longer way.
     */
    public static boolean idle(Connection c, String target, String model, boolean reembed, long planned) throws java.sql.SQLException {
        if (planned != 0) {
            return false;
        }
        try (PreparedStatement ps = c.prepareStatement(NEWEST_STATUS)) {
            ps.setString(1, BackfillJobConfiguration.JOB);
            ps.setString(2, target);
            ps.setString(3, model);
            ps.setString(4, mode(reembed));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return true;
                }
                String status = rs.getString(1);
                return BatchStatus.COMPLETED.name().equals(status) || BatchStatus.ABANDONED.name().equals(status);
            }
        }
    }

    private static String mode(boolean reembed) {
        return reembed ? "reembed" : "fill";
    }

    private static String param(String name) {
        return "AND EXISTS (SELECT 1 FROM preflight.batch_job_execution_params p WHERE p.job_execution_id = e.job_execution_id "
                + "AND p.parameter_name = '" + name + "' AND p.parameter_value = ?) ";
    }

    /**
     * Runs the task to its end (COMPLETED, FAILED or STOPPED) holding the target's lock on
     * {@code lockConnection}, a connection outside the pool, kept open by the caller. Returns null,
     * launching no job, when {@code planned} is 0 and no unfinished instance waits for a restart: a
     * job with nothing to do cost a nightly run about 150 ms per target of Spring Batch bookkeeping
     * (the example's three targets: 561 ms for 91 ms of steps).
     */
    public JobExecution run(BackfillTask task, Connection lockConnection, String runId, long planned) throws Exception {
        lock(lockConnection, task.target().name());
        // read under the lock: no other run can record rows or issues for this target from here on
        TargetInspector inspector = new TargetInspector(lockConnection);
        task.clearIssues(inspector.hasIssues(task.target()));
        task.hasRecords(inspector.hasRecords(task.target()));
        String mode = mode(task.reembed());
        JobExecution previous = lastOf(task.target().name(), task.provider().model(), mode);
        if (previous != null && previous.getStatus() != BatchStatus.COMPLETED && previous.getStatus() != BatchStatus.ABANDONED) {
            if (previous.isRunning()) {
                log.info("backfill {}: execution {} was left {} by a process that is gone (killed?); recovering it",
                        task.target().name(), previous.getId(), previous.getStatus());
                previous = operator.get().recover(previous);
            }
            // a chunk commits with its checkpoint: an UNKNOWN step's last chunk either committed with it or is redone
            UnknownExecutions.settle(repository.get(), previous.getJobInstance(), line -> log.info("backfill {}: {}", task.target().name(), line));
            task.resumePartitions(partitionCount(previous));
            log.info("backfill {}: restarting execution {} ({}, {} partition(s)): finished chunks are not redone", task.target().name(),
                    previous.getId(), previous.getStatus(), task.resumePartitions());
            // start, not restart: Spring Batch restarts the failed instance with this launcher's job (in-process or
            // distributed), where restart would look the job up by name
            tasks.get().current(task);
            return operator.get().start(job.get(), new JobParametersBuilder(previous.getJobParameters())
                    .addString("provider", task.provider().name(), false).toJobParameters());
        }
        if (planned == 0) {
            return null; // an unfinished instance was restarted above, even with nothing pending: it ends COMPLETED
        }
        long generation = previous == null ? 1 : previous.getJobParameters().getLong("generation") + 1;
        JobParameters params = new JobParametersBuilder()
                .addString("target", task.target().name())
                .addString("model", task.provider().model())
                .addString("mode", mode)
                .addLong("generation", generation)
                .addString("run.id", runId, false)
                .addString("provider", task.provider().name(), false) // a distributed run's workers build the same provider
                .toJobParameters();
        if (inProcess && task.threads() <= 1) {
            task.headStart(); // its one partition reads the whole range from the first row (IdRangePartitioner)
        }
        tasks.get().current(task);
        try {
            return operator.get().start(job.get(), params);
        } finally {
            task.dropHeadStart();
        }
    }

    /** How many partitions the instance was split into, over all its executions (a restart runs only the unfinished ones). */
    private int partitionCount(JobExecution execution) {
        int n = 0;
        for (JobExecution e : repository.get().getJobExecutions(execution.getJobInstance())) {
            for (var step : e.getStepExecutions()) {
                String name = step.getStepName();
                int at = name.lastIndexOf(IdRangePartitioner.PREFIX);
                if (at >= 0) {
                    n = Math.max(n, Integer.parseInt(name.substring(at + IdRangePartitioner.PREFIX.length())) + 1);
                }
            }
        }
        return Math.max(n, 1);
    }

    /**
     * The last execution of the newest generation with this identity, or null. Instances come newest first and a
     * generation is only ever created after the one before it, so the first match is the newest: reading every
     * instance's last execution cost about eight statements each, hundreds of round trips before the first chunk
     * once a target had been backfilled a few dozen times.
     */
    private JobExecution lastOf(String target, String model, String mode) {
        for (JobInstance instance : recentInstances()) {
            JobExecution last = lastExecutions.computeIfAbsent(instance.getInstanceId(),
                    id -> Optional.ofNullable(repository.get().getLastJobExecution(instance))).orElse(null);
            if (last == null) {
                continue;
            }
            JobParameters p = last.getJobParameters();
            if (target.equals(p.getString("target")) && model.equals(p.getString("model")) && mode.equals(p.getString("mode"))) {
                return last;
            }
        }
        return null;
    }

    /**
     * The newest {@value #LOOK_BACK} backfill instances, read once for all targets: what a job of this launcher adds or
     * restarts belongs to a target already searched, which a run does not search again.
     */
    private List<JobInstance> recentInstances() {
        if (recent == null) {
            recent = repository.get().getJobInstances(BackfillJobConfiguration.JOB, 0, LOOK_BACK);
        }
        return recent;
    }

    private static void lock(Connection c, String target) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement(BackfillSql.TRY_LOCK)) {
            ps.setLong(1, 0x5046_4246_0000_0000L ^ (("preflight.backfill:" + target).hashCode() & 0xffff_ffffL));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    throw PreflightException.config("another Preflight backfill of target '" + target + "' is running on this database",
                            "wait for it to finish, or stop it (SIGTERM stops it cleanly after the current chunk)");
                }
            }
        }
    }
}
