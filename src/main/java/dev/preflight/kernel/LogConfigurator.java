package dev.preflight.kernel;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.pattern.DynamicConverter;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Preflight's logging, set up in code as logback starts (found through {@code META-INF/services}): lines on stderr, so
 * that stdout carries only results; every message scrubbed of secrets; stack traces only with {@code --debug}; the
 * libraries quiet.
 *
 * <p>In code rather than a {@code logback.xml}: parsing the XML took 110-130 ms of every command's start, {@code help}
 * included.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogConfigurator extends ContextAwareBase implements Configurator {

    /** Loggers set apart from the root's WARN, and why. */
    private static final Map<String, Level> LEVELS = Map.of(
            "dev.preflight", Level.INFO,
            "org.flywaydb", Level.WARN,
            // DJL probes for CUDA on load and warns on every machine without a GPU
            "ai.djl", Level.ERROR,
            // the migrations Flyway applies, one line each
            "org.flywaydb.core.internal.command.DbMigrate", Level.INFO,
            // a failed step is recorded in the report and summarised on stderr; no stack trace needed
            "org.springframework.batch.core.step.AbstractStep", Level.OFF,
            // Flyway logs one WARN per IF NOT EXISTS that skips; the report carries what matters
            "org.flywaydb.core.internal.sqlscript.DefaultSqlScriptExecutor", Level.ERROR);

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        @SuppressWarnings("unchecked")
        Map<String, Supplier<DynamicConverter<?>>> rules =
                (Map<String, Supplier<DynamicConverter<?>>>) context.getObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS);
        if (rules == null) {
            rules = new HashMap<>();
            context.putObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS, rules);
        }
        rules.put("msg", ScrubbingMessageConverter::new);
        rules.put("debugEx", DebugThrowableConverter::new);
        rules.put("timeOfDay", TimeOfDayConverter::new);

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%timeOfDay %-5level %logger{0} - %msg%n%debugEx");
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        LEVELS.forEach((name, level) -> context.getLogger(name).setLevel(level));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
