package dev.preflight.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.PreflightBoot;
import dev.preflight.config.DatabaseTarget;
import dev.preflight.config.ShadowSettings;
import dev.preflight.job.backfill.PrefetchingReader;
import dev.preflight.kernel.Console;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.Job;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.AnnotationConfigUtils;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.metrics.ApplicationStartup;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The run's context from the Spring code the build generates ahead of time ({@link SpringAot}), as the jar and every
 * integration test start it (they run after the build's {@code prepare-package}; the unit tests, before it, read the
 * annotations).
 *
 * <p>Kills: a build that no longer generates the code (every command would parse its configuration again, silently); a
 * generated context that lacks a bean, a job or a setting the annotations give, or that holds one of the run's own objects
 * frozen at build time instead of the session's.
 */
class SpringAotIntegrationTests {

    private final Console console = ContextFixtures.console();

    private static RunContext run() {
        return ContextFixtures.run("spring-aot-test");
    }

    private ConfigurableApplicationContext start(RunContext run, DataSource pool, ShadowSettings shadow,
                                                 ApplicationContextInitializer<GenericApplicationContext> generated) {
        return RunSpring.start(console, ApplicationStartup.DEFAULT, () -> run, () -> pool, () -> shadow, generated);
    }

    @Test
    void theBuildGeneratedTheCodeAndRunsStartFromIt() {
        assertThat(SpringAot.initializer(PreflightBoot.class))
                .as("the build (exec-maven-plugin, execution spring-aot) generates %s", SpringAot.initializerName(PreflightBoot.class))
                .isNotNull();
        try (ConfigurableApplicationContext context = start(run(), new SimpleDriverDataSource(), ShadowSettings.isolated(),
                SpringAot.initializer(PreflightBoot.class))) {
            // no configuration class was parsed: the annotation processor is not even there
            assertThat(context.containsBeanDefinition(AnnotationConfigUtils.CONFIGURATION_ANNOTATION_PROCESSOR_BEAN_NAME)).isFalse();
        }
    }

    @Test
    void theGeneratedContextHasEveryBeanTheAnnotationsGiveAndTheSessionsOwnObjects() {
        RunContext run = run();
        DataSource pool = new SimpleDriverDataSource();
        ShadowSettings shadow = ShadowSettings.isolated();
        Set<String> generated;
        Set<String> read;
        try (ConfigurableApplicationContext context = start(run, pool, shadow, SpringAot.initializer(PreflightBoot.class))) {
            generated = new TreeSet<>(Set.of(context.getBeanDefinitionNames()));
            assertThat(context.getBean(RunContext.class)).isSameAs(run);
            assertThat(context.getBean(DatabaseTarget.class)).isSameAs(run.target());
            assertThat(context.getBean(ShadowSettings.class)).isSameAs(shadow);
            assertThat(context.getBean(DataSource.class)).isSameAs(pool);
            assertThat(context.getBean(PlatformTransactionManager.class)).isInstanceOfSatisfying(JdbcTransactionManager.class,
                    tm -> assertThat(tm.getDataSource()).isSameAs(pool));
            assertThat(context.getBeanNamesForType(Job.class))
                    .containsExactlyInAnyOrder("lintJob", "migrateJob", "seedJob", "backfillJob", "retuneJob", "verifyJob");
            // lazy as with the annotations: the backfill's step-scoped proxies are not made, though their type is known
            assertThat(context.getBeanFactory().containsSingleton("backfillReader")).isFalse();
            assertThat(context.getType("backfillReader")).isEqualTo(PrefetchingReader.class);
        }
        try (ConfigurableApplicationContext context = start(run, pool, shadow, null)) {
            read = new TreeSet<>(Set.of(context.getBeanDefinitionNames()));
        }
        // the annotation processors themselves are what the generated code replaces
        read.removeIf(name -> name.startsWith("org.springframework.context.annotation.internal"));
        assertThat(generated).isEqualTo(read).doesNotContain(UnusedInfrastructure.NAMES.toArray(String[]::new));
    }
}
