package dev.preflight.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.configuration.DuplicateJobException;
import org.springframework.batch.core.job.Job;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;

/**
 * The job registry that creates a job's beans only when that job is asked for.
 *
 * <p>Kills: a registry that creates every job to list or find one (each command then built all
 * six jobs, their steps, readers and writers); a job found by bean name whose own name differs.
 */
class JobBeansTests {

    private final List<String> created = new ArrayList<>();
    private final DefaultListableBeanFactory beans = new DefaultListableBeanFactory();

    private void job(String beanName, String jobName) {
        RootBeanDefinition definition = new RootBeanDefinition(Job.class, () -> {
            created.add(beanName);
            Job job = mock(Job.class);
            when(job.getName()).thenReturn(jobName);
            return job;
        });
        definition.setLazyInit(true);
        beans.registerBeanDefinition(beanName, definition);
    }

    @Test
    void aJobIsCreatedOnlyWhenAskedForAndListingCreatesNone() {
        job("migrateJob", "migrate");
        job("backfillJob", "backfill");
        JobBeans registry = new JobBeans(beans);

        assertThat(registry.getJobNames()).containsExactly("backfill", "migrate");
        assertThat(created).as("names come from the bean definitions").isEmpty();

        assertThat(registry.getJob("migrate").getName()).isEqualTo("migrate");
        assertThat(created).containsExactly("migrateJob");
        assertThat(registry.getJob("nosuch")).isNull();
    }

    @Test
    void aBeanOutsideTheNamingConventionIsStillFoundAndRegisteredJobsComeFirst() throws Exception {
        job("oddName", "retune");
        JobBeans registry = new JobBeans(beans);
        assertThat(registry.getJob("retune").getName()).isEqualTo("retune");

        Job own = mock(Job.class);
        when(own.getName()).thenReturn("backfill");
        registry.register(own);
        assertThat(registry.getJob("backfill")).isSameAs(own);
        assertThat(registry.getJobNames()).contains("backfill");
        assertThatThrownBy(() -> registry.register(own)).isInstanceOf(DuplicateJobException.class);
        registry.unregister("backfill");
        assertThat(registry.getJob("backfill")).isNull();
    }
}
