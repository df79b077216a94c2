package dev.preflight.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.preflight.config.DatabaseTarget;
import dev.preflight.config.ShadowSettings;
import dev.preflight.job.backfill.PrefetchingReader;
import dev.preflight.kernel.Console;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The run's Spring context, started on its own thread before the session has its inputs and pool.
 *
 * <p>Kills: a context whose refresh waits for the pool (the start would no longer overlap the connection); the
 * session's objects not being the beans the jobs get; Preflight's own settings not bound (Spring Batch's tables would
 * go to the application's schema); the backfill's step-scoped proxies made by every command; an abandoned start whose context stays open, or whose waiting beans never fail.
 */
class SpringStartTests {

    private final Console console = ContextFixtures.console();

    private static RunContext run() {
        return ContextFixtures.run("spring-start-test");
    }

    @Test
    void theContextStartsBeforeThePoolExistsAndThenGivesTheSessionsObjects() {
        SpringStart start = SpringStart.begin(console, true);
        RunContext run = run();
        ShadowSettings shadow = ShadowSettings.isolated();
        start.inputs(run, shadow);

        // the pool is not handed over yet: the refresh must not need it
        ConfigurableApplicationContext context = assertTimeoutPreemptively(Duration.ofSeconds(20), start::context);
        DataSource pool = new SimpleDriverDataSource();
        start.pool(pool);
        try (context) {
            assertThat(context.getBean(RunContext.class)).isSameAs(run);
            assertThat(context.getBean(DatabaseTarget.class)).isSameAs(run.target());
            assertThat(context.getBean(ShadowSettings.class)).isSameAs(shadow);
            assertThat(context.getBean(DataSource.class)).isSameAs(pool);
            // Spring Batch's configuration, not Boot's auto-configuration of it: its transaction manager is on the pool handed over
            assertThat(context.getBean(PlatformTransactionManager.class)).isInstanceOfSatisfying(JdbcTransactionManager.class,
                    tm -> assertThat(tm.getDataSource()).isSameAs(pool));
            assertThat(context.getBeanNamesForType(BatchJdbcProperties.class)).as("Boot's batch properties are not bound").isEmpty();
        }
    }

    @Test
    void theBackfillsStepScopedProxiesAreNotCreatedForEveryCommand() {
        SpringStart start = SpringStart.begin(console, true);
        start.inputs(run(), ShadowSettings.isolated());
        start.pool(new SimpleDriverDataSource());
        try (ConfigurableApplicationContext context = start.context()) {
            // each proxy is a generated class: 60-120 ms of every job command's start when the context made them
            assertThat(context.getBeanFactory().containsSingleton("backfillReader")).isFalse();
            assertThat(context.getType("backfillReader")).isEqualTo(PrefetchingReader.class);
            assertThat(context.getBeanFactory().containsSingleton("backfillReader")).as("its type is known without it").isFalse();
            assertThat(context.getBeanFactory().containsSingleton("backfillWriter")).isFalse();
        }
    }

    @Test
    void anAbandonedStartClosesItsContext() throws InterruptedException {
        SpringStart start = SpringStart.begin(console, true);
        start.abandon(); // the session failed on its inputs, before the refresh ended

        ConfigurableApplicationContext context = start.context();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (context.isActive() && System.nanoTime() < deadline) {
            Thread.sleep(10); // closed on the starting thread, right after its refresh
        }
        assertThat(context.isActive()).isFalse();
        assertThatThrownBy(() -> context.getBean(RunContext.class)).isInstanceOf(IllegalStateException.class);
    }
}
