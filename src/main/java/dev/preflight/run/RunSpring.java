package dev.preflight.run;

import dev.preflight.kernel.Console;
import java.util.function.Supplier;
import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.io.support.ResourcePropertySource;
import org.springframework.core.metrics.ApplicationStartup;

/**
 * The Spring configuration a run's context starts from, and the start itself. The run layer does not know the jobs (they
 * are above it): the application's entry point ({@code cli.Preflight}) hands the configuration that
 * lists them ({@code dev.preflight.PreflightBoot}) down here before any command runs.
 */
public final class RunSpring {

    /** Preflight's own Spring settings (the job repository's tables, for one). */
    static final String SETTINGS = "classpath:/preflight/application.properties";

    private static volatile Class<?> configuration;

    private RunSpring() {
    }

    /** Sets the configuration every later run's context starts from. */
    public static void configure(Class<?> springConfiguration) {
        configuration = springConfiguration;
    }

    static Class<?> configuration() {
        Class<?> c = configuration;
        if (c == null) {
            throw new IllegalStateException("no Spring configuration for runs: construct dev.preflight.cli.Preflight, which sets it,"
                    + " before opening a Session");
        }
        return c;
    }

    /** A bean of the run's own, by type: its value comes from the supplier, called when a job first needs it. */
    record Beans(Class<?> type, Supplier<?> value) {
    }

    /**
     * A run's context: the configuration, Preflight's own Spring settings, the run's own objects as beans, every bean lazy.
     *
     * <p>A plain annotation context, not a {@code SpringApplication}: Boot's application start (its listeners and
     * environment post-processors from every jar's {@code spring.factories}, config-data loading, logging set-up) took a
     * fifth of the context's time, for nothing a run uses. The auto-configurations {@code PreflightBoot} imports work the
     * same in it: their conditions, properties binding and imports are the context's own annotation processing. No shutdown
     * hook: on SIGTERM a running job must stop after its chunk (the backfill's own hook asks it to) while the DataSource is
     * still open; the session closes the context.
     */
    static ConfigurableApplicationContext start(Console console, ApplicationStartup startup, Beans... runBeans) {
        AnnotationConfigApplicationContext ctx = new AnnotationConfigApplicationContext();
        try {
            ctx.setApplicationStartup(startup);
            // Preflight's settings first, before the machine's environment: a project's SPRING_* variables never change them
            ctx.getEnvironment().getPropertySources().addFirst(new ResourcePropertySource("preflight", SETTINGS));
            ctx.getBeanFactory().setConversionService(ApplicationConversionService.getSharedInstance());
            ctx.addBeanFactoryPostProcessor(new LazyInitializationBeanFactoryPostProcessor());
            ctx.registerBean(ScopedProxyTypes.class); // once the batch scopes have added their proxies
            ctx.register(configuration());
            ctx.getBeanFactory().registerSingleton("console", console);
            for (Beans b : runBeans) {
                register(ctx, b);
            }
            ctx.refresh();
            return ctx;
        } catch (java.io.IOException e) {
            ctx.close();
            throw new java.io.UncheckedIOException("reading Preflight's own " + SETTINGS + ": " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            ctx.close();
            throw e;
        }
    }

    private static <T> void register(GenericApplicationContext ctx, Beans bean) {
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) bean.type();
        @SuppressWarnings("unchecked")
        Supplier<T> value = (Supplier<T>) bean.value();
        String name = Character.toLowerCase(type.getSimpleName().charAt(0)) + type.getSimpleName().substring(1);
        // no destroy method: the session owns these objects and closes them itself (Spring would close an AutoCloseable
        // bean, the pool among them, with the context)
        ctx.registerBean(name, type, value, definition -> definition.setDestroyMethodName(""));
    }
}
