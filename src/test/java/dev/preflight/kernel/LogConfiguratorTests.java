package dev.preflight.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Preflight's logging, set up in code.
 *
 * <p>Kills: log lines on stdout (which carries only results); a secret in a logged message; a stack trace without
 * {@code --debug}; a library's chatter (Flyway's per-statement warnings, Batch's step stack traces) back on the terminal;
 * logback's own XML or default configuration winning over this one; the launcher's provider ({@link LogProvider}) set up
 * otherwise, or overriding a provider the JVM names.
 */
class LogConfiguratorTests {

    @AfterEach
    void reset() {
        Secrets.clear();
        Diagnostics.debug(false);
    }

    private static String line(LoggerContext context, String message, Throwable thrown) {
        Logger logger = context.getLogger("dev.preflight.SomeJob");
        @SuppressWarnings("unchecked")
        ConsoleAppender<ILoggingEvent> stderr = (ConsoleAppender<ILoggingEvent>) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.WARN, message, thrown, null);
        return new String(stderr.getEncoder().encode(event), StandardCharsets.UTF_8);
    }

    @Test
    void linesGoToStderrScrubbedAndWithoutStackTracesUnlessDebugging() {
        LoggerContext context = new LoggerContext();
        new LogConfigurator().configure(context);
        Secrets.register("s3cret-pw");

        String plain = line(context, "connecting with s3cret-pw", new IllegalStateException("boom"));
        assertThat(plain).contains("WARN", "SomeJob - connecting with " + Secrets.MASK).doesNotContain("s3cret-pw", "IllegalStateException");
        assertThat(plain).as("the local time of day first, as %d{HH:mm:ss.SSS} wrote it").matches("(?s)\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  SomeJob - .*");

        Diagnostics.debug(true);
        assertThat(line(context, "again", new IllegalStateException("boom"))).contains("java.lang.IllegalStateException: boom");

        @SuppressWarnings("unchecked")
        ConsoleAppender<ILoggingEvent> stderr = (ConsoleAppender<ILoggingEvent>) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
        assertThat(stderr.getTarget()).isEqualTo("System.err");
    }

    @Test
    void librariesAreQuietAndPreflightSpeaksAtInfo() {
        LoggerContext context = new LoggerContext();
        new LogConfigurator().configure(context);

        assertThat(context.getLogger("dev.preflight.job.Seed").getEffectiveLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("org.springframework.context").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("org.flywaydb.core.internal.sqlscript.DefaultSqlScriptExecutor").getEffectiveLevel()).isEqualTo(Level.ERROR);
        assertThat(context.getLogger("org.springframework.batch.core.step.AbstractStep").getEffectiveLevel()).isEqualTo(Level.OFF);
    }

    @Test
    void thisProcessIsConfiguredByItNotByLogbacksDefaults() {
        LoggerContext running = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        assertThat(running.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR")).as("found through META-INF/services").isNotNull();
        assertThat(running.getLogger("dev.preflight").getLevel()).isEqualTo(Level.INFO);
    }

    @Test
    void theLaunchersProviderConfiguresItsContextWithTheSameSetUp() {
        LogProvider provider = new LogProvider();
        provider.initialize();
        LoggerContext context = (LoggerContext) provider.getLoggerFactory();

        assertThat(context.isStarted()).isTrue();
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR")).isNotNull();
        assertThat(context.getLogger("dev.preflight.job.Seed").getEffectiveLevel()).isEqualTo(Level.INFO);
        assertThat(provider.getMDCAdapter()).isNotNull();
        assertThat(provider.getMarkerFactory()).isNotNull();
        Secrets.register("s3cret-pw");
        assertThat(line(context, "connecting with s3cret-pw", null)).doesNotContain("s3cret-pw");
    }

    @Test
    void aProviderTheJvmNamesIsKept() {
        String before = System.getProperty("slf4j.provider");
        try {
            System.setProperty("slf4j.provider", "some.other.Provider");
            LogProvider.select();
            assertThat(System.getProperty("slf4j.provider")).isEqualTo("some.other.Provider");
            System.clearProperty("slf4j.provider");
            LogProvider.select();
            assertThat(System.getProperty("slf4j.provider")).isEqualTo(LogProvider.class.getName());
        } finally {
            if (before == null) {
                System.clearProperty("slf4j.provider");
            } else {
                System.setProperty("slf4j.provider", before);
            }
        }
    }
}
