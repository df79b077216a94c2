package dev.preflight.run;

import java.util.Collection;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.batch.core.configuration.DuplicateJobException;
import org.springframework.batch.core.configuration.JobRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.stereotype.Component;

/**
 * Spring Batch's job registry, finding a job's bean when the job is asked for by name. Batch's default
 * registry creates every job bean (and its steps, readers and writers) when the job operator is
 * created, so each command built all of Preflight's jobs to run one of them.
 *
 * <p>A job named {@code x} is the bean {@code xJob} (the convention {@link Session#runJob} starts
 * jobs by); jobs built outside the context (the distributed backfill's) may be registered.
 */
@Component
public class JobBeans implements JobRegistry {

    private static final String SUFFIX = "Job";

    private final ListableBeanFactory beans;
    private final Map<String, Job> registered = new ConcurrentHashMap<>();

    public JobBeans(ListableBeanFactory beans) {
        this.beans = beans;
    }

    @Override
    public Job getJob(String name) {
        Job job = registered.get(name);
        if (job != null) {
            return job;
        }
        String bean = name + SUFFIX;
        if (beans.containsBean(bean) && beans.isTypeMatch(bean, Job.class)) {
            job = beans.getBean(bean, Job.class);
            if (name.equals(job.getName())) {
                return job;
            }
        }
        // a job whose bean breaks the naming convention: found the slow way, every job bean created
        return beans.getBeansOfType(Job.class).values().stream().filter(j -> name.equals(j.getName())).findFirst().orElse(null);
    }

    @Override
    public Collection<String> getJobNames() {
        TreeSet<String> names = new TreeSet<>(registered.keySet());
        for (String bean : beans.getBeanNamesForType(Job.class, false, false)) {
            names.add(bean.endsWith(SUFFIX) ? bean.substring(0, bean.length() - SUFFIX.length()) : bean);
        }
        return names;
    }

    @Override
    public void register(Job job) throws DuplicateJobException {
        if (registered.putIfAbsent(job.getName(), job) != null) {
            throw new DuplicateJobException("a job named " + job.getName() + " is already registered");
        }
    }

    @Override
    public void unregister(String name) {
        registered.remove(name);
    }
}
