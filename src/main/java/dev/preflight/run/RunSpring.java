package dev.preflight.run;

import dev.preflight.config.DatabaseTarget;
import dev.preflight.config.ShadowSettings;
import dev.preflight.kernel.Console;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.metrics.ApplicationStartup;

/**
 * The Spring configuration a run's context starts from, and the start itself. The run layer does not know the jobs (they
 * are above it): the application's entry point ({@code cli.Preflight}) hands the configuration that
 * lists them ({@code dev.preflight.PreflightBoot}) down here before any command runs.
 */
public final class RunSpring {

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

    /**
     * A run's context: the configuration and the run's own objects as beans, every bean lazy. No property of the
     * environment configures it (no bean binds or reads one), so a project's SPRING_* variables change nothing.
     *
     * <p>A plain context, not a {@code SpringApplication}: Boot's application start (its listeners and environment
     * post-processors from every jar's {@code spring.factories}, config-data loading, logging set-up) took a fifth of the
     * context's time, for nothing a run uses. No shutdown hook: on
     * SIGTERM a running job must stop after its chunk (the backfill's own hook asks it to) while the DataSource is still
     * open; the session closes the context.
     *
     * <p>The bean definitions come from the code the build generated ahead of time ({@link SpringAot}) when the jar has
     * it, and from reading the configuration's annotations otherwise (the unit tests, or {@value SpringAot#OFF}).
     *
     * <p>The run's own objects are beans whose values come from the suppliers, called when a job first needs them.
     */
    static ConfigurableApplicationContext start(Console console, ApplicationStartup startup, Supplier<RunContext> run,
                                                Supplier<DataSource> pool, Supplier<ShadowSettings> shadowSettings) {
        return start(console, startup, run, pool, shadowSettings, SpringAot.initializer(configuration()));
    }

    /** {@link #start} from the generated code, or, with {@code generated} null, from the configuration's annotations. */
    static ConfigurableApplicationContext start(Console console, ApplicationStartup startup, Supplier<RunContext> run,
                                                Supplier<DataSource> pool, Supplier<ShadowSettings> shadowSettings,
                                                ApplicationContextInitializer<GenericApplicationContext> generated) {
        GenericApplicationContext ctx = generated == null ? new AnnotationConfigApplicationContext() : new GenericApplicationContext();
        try {
            prepare(ctx, console, startup, run, pool, shadowSettings);
            if (generated == null) {
                ((AnnotationConfigApplicationContext) ctx).register(configuration());
            } else {
                generated.initialize(ctx);
            }
            ctx.refresh();
            return ctx;
        } catch (RuntimeException | Error e) {
            ctx.close();
            throw e;
        }
    }

    /**
     * Everything a run's context has before its configuration is read: lazy beans, the scoped proxies' types, and the run's own objects. The ahead-of-time generation prepares its context the
     * same way, so that the conditions it evaluates see what a run's context sees.
     */
    static void prepare(GenericApplicationContext ctx, Console console, ApplicationStartup startup, Supplier<RunContext> run,
                        Supplier<DataSource> pool, Supplier<ShadowSettings> shadowSettings) {
        ctx.setApplicationStartup(startup);
        ctx.addBeanFactoryPostProcessor(new LazyInitializationBeanFactoryPostProcessor());
        ctx.registerBean("preflight.scopedProxyTypes", ScopedProxyTypes.class, RunSpring::markPrepared); // once the batch scopes added their proxies
        ctx.registerBean("preflight.unusedInfrastructure", UnusedInfrastructure.class, RunSpring::markPrepared);
        ctx.getBeanFactory().registerSingleton("console", console);
        own(ctx, "runContext", RunContext.class, run);
        own(ctx, "databaseTarget", DatabaseTarget.class, () -> run.get().target());
        own(ctx, "dataSource", DataSource.class, pool);
        own(ctx, "shadowSettings", ShadowSettings.class, shadowSettings);
    }

    /**
     * The attribute that marks the bean definitions {@link #prepare} registers (a run's own objects and two
     * post-processors): registered by every run itself, never by the generated code.
     */
    static final String PREPARED = "preflight.prepared";

    /** Whether {@link #prepare} registered this definition. */
    static boolean prepared(org.springframework.beans.factory.config.BeanDefinition definition) {
        return definition.hasAttribute(PREPARED);
    }

    private static void markPrepared(org.springframework.beans.factory.config.BeanDefinition definition) {
        definition.setAttribute(PREPARED, true);
    }

    private static <T> void own(GenericApplicationContext ctx, String name, Class<T> type, Supplier<T> value) {
        // no destroy method: the session owns these objects and closes them itself (Spring would close an AutoCloseable
        // bean, the pool among them, with the context)
        ctx.registerBean(name, type, value, definition -> {
            definition.setDestroyMethodName("");
            markPrepared(definition);
        });
    }
}
