package dev.preflight;

import dev.preflight.db.BatchConfiguration;
import dev.preflight.db.DataSourceConfiguration;
import dev.preflight.db.ScrubbingJobRepository;
import dev.preflight.job.backfill.BackfillJobConfiguration;
import dev.preflight.job.backfill.BackfillTasks;
import dev.preflight.job.lint.LintJobConfiguration;
import dev.preflight.job.migrate.MigrateJobConfiguration;
import dev.preflight.job.retune.RetuneJobConfiguration;
import dev.preflight.job.seed.SeedJobConfiguration;
import dev.preflight.job.verify.VerifyJobConfiguration;
import dev.preflight.run.JobBeans;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The Spring configuration of a run: Spring Batch's JDBC job repository and its transaction manager
 * ({@link BatchConfiguration}), and Preflight's jobs, all lazy.
 *
 * <p>Listed, not found: a class path scan and Boot's full auto-configuration cost about a third of a
 * job command's start-up, and brought in what no job uses (Spring Integration, task executors and
 * schedulers, SQL initialisers, transaction proxies); Boot's batch auto-configuration, which bound
 * properties to set what BatchConfiguration fixes, is left out too. A new job configuration is one
 * more entry here.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@Import({DataSourceConfiguration.class, BatchConfiguration.class, ScrubbingJobRepository.class, JobBeans.class, BackfillTasks.class,
        LintJobConfiguration.class, MigrateJobConfiguration.class, SeedJobConfiguration.class, BackfillJobConfiguration.class,
        RetuneJobConfiguration.class, VerifyJobConfiguration.class})
public class PreflightBoot {
}
