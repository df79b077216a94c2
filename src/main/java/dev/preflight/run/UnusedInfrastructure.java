package dev.preflight.run;

import java.util.List;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.context.annotation.AnnotationConfigUtils;

/**
 * Removes infrastructure Spring adds that no run uses, each of which walks every bean as the context starts: the
 * {@code @EventListener} processor (no class of Preflight, Spring Batch, Spring Integration or Boot on the class path
 * declares one; 69 ms of the generated context's start, traced) and Boot's ordering of beans after SQL initialisers (Preflight
 * creates its tables itself, {@code spring.batch.jdbc.initialize-schema=never}).
 *
 * <p>A registry post-processor without an order: it runs after the configuration classes are read (which is where Boot's
 * adds itself), and before any plain post-processor, so the removed ones never run.
 */
final class UnusedInfrastructure implements BeanDefinitionRegistryPostProcessor {

    static final List<String> NAMES = List.of(AnnotationConfigUtils.EVENT_LISTENER_PROCESSOR_BEAN_NAME,
            "org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer$DependsOnDatabaseInitializationPostProcessor");

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        for (String name : NAMES) {
            if (registry.containsBeanDefinition(name)) {
                registry.removeBeanDefinition(name);
            }
        }
    }
}
