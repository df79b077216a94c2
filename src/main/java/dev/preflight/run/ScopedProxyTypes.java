package dev.preflight.run;

import org.springframework.aop.scope.ScopedProxyFactoryBean;
import org.springframework.beans.PropertyValue;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * Tells Spring the type of each scoped proxy Spring Batch's step and job scopes add to the context (the backfill's
 * reader and writer), so that asking for a bean's type does not create the proxy to find out. Spring's event-listener
 * set-up asks for every bean's type as the context starts: every job command generated both proxy classes, 60-120 ms on
 * the context's critical path, though only a backfill uses them.
 *
 * <p>Not {@code Ordered}: post-processors without an order run after the ordered ones, the scopes among them.
 */
final class ScopedProxyTypes implements BeanFactoryPostProcessor {

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        for (String name : beanFactory.getBeanDefinitionNames()) {
            BeanDefinition definition = beanFactory.getBeanDefinition(name);
            if (!ScopedProxyFactoryBean.class.getName().equals(definition.getBeanClassName())
                    || definition.getAttribute(FactoryBean.OBJECT_TYPE_ATTRIBUTE) != null) {
                continue;
            }
            PropertyValue target = definition.getPropertyValues().getPropertyValue("targetBeanName");
            // the target is a @Bean method: its return type is known without creating anything
            Class<?> type = target == null ? null : beanFactory.getType(String.valueOf(target.getValue()), false);
            if (type != null) {
                definition.setAttribute(FactoryBean.OBJECT_TYPE_ATTRIBUTE, type);
            }
        }
    }
}
