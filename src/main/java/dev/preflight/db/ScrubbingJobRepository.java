package dev.preflight.db;

import dev.preflight.kernel.Secrets;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Wraps Spring Batch's job repository so that exit descriptions are scrubbed of secrets before they
 * are stored: the framework writes a failed step's stack trace (exception messages included) into
 * {@code batch_step_execution.exit_message} and {@code batch_job_execution.exit_message} itself.
 */
@Component
public class ScrubbingJobRepository implements BeanPostProcessor {

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!(bean instanceof JobRepository repository)) {
            return bean;
        }
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("update") && args != null && args.length == 1) {
                if (args[0] instanceof StepExecution step) {
                    step.setExitStatus(scrubbed(step.getExitStatus()));
                } else if (args[0] instanceof JobExecution job) {
                    job.setExitStatus(scrubbed(job.getExitStatus()));
                }
            }
            try {
                return method.invoke(repository, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return Proxy.newProxyInstance(JobRepository.class.getClassLoader(), new Class<?>[] {JobRepository.class}, handler);
    }

    private static ExitStatus scrubbed(ExitStatus status) {
        if (status == null || status.getExitDescription() == null || !Secrets.contains(status.getExitDescription())) {
            return status;
        }
        return new ExitStatus(status.getExitCode(), Secrets.scrub(status.getExitDescription()));
    }
}
