package dev.preflight;

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
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.batch.autoconfigure.BatchAutoConfiguration;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The Spring configuration of a run: Spring Batch's JDBC job repository (Boot's own
 * auto-configuration of it), its transaction manager, and Preflight's jobs, all lazy.
 *
 * <p>Listed, not found: a class path scan and Boot's full auto-configuration cost about a third of a
 * job command's start-up, and brought in what no job uses (Spring Integration, task executors and
 * schedulers, SQL initialisers, transaction proxies). A new job configuration is one more entry here.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@ImportAutoConfiguration({DataSourceTransactionManagerAutoConfiguration.class, BatchJdbcAutoConfiguration.class,
        BatchAutoConfiguration.class})
@Import({DataSourceConfiguration.class, ScrubbingJobRepository.class, JobBeans.class, BackfillTasks.class,
        LintJobConfiguration.class, MigrateJobConfiguration.class, SeedJobConfiguration.class, BackfillJobConfiguration.class,
        RetuneJobConfiguration.class, VerifyJobConfiguration.class})
public class PreflightBoot {
}
