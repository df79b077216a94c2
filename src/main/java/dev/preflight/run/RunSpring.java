package dev.preflight.run;

import dev.preflight.config.ShadowSettings;
import dev.preflight.kernel.Console;
import javax.sql.DataSource;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
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

    /** A run's context: the configuration, the run's own objects as beans, no web, no banner, no shutdown hook. */
    static ConfigurableApplicationContext start(RunContext run, Console console, DataSource pool, ShadowSettings shadowSettings,
                                                ApplicationStartup startup) {
        return new SpringApplicationBuilder(configuration())
                .applicationStartup(startup)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties("spring.config.location=classpath:/preflight/application.properties")
                // No context shutdown hook: on SIGTERM a running job must stop after its chunk (the backfill's own hook
                // asks it to) while the DataSource is still open; the session closes the context.
                .registerShutdownHook(false)
                .initializers(ctx -> {
                    ctx.getBeanFactory().registerSingleton("runContext", run);
                    ctx.getBeanFactory().registerSingleton("databaseTarget", run.target());
                    ctx.getBeanFactory().registerSingleton("console", console);
                    ctx.getBeanFactory().registerSingleton("dataSource", pool);
                    ctx.getBeanFactory().registerSingleton("shadowSettings", shadowSettings);
                })
                .run();
    }
}
