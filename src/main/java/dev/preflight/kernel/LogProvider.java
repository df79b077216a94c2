package dev.preflight.kernel;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;
import ch.qos.logback.core.util.StatusPrinter2;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * Logback as SLF4J's provider, configured by {@link LogConfigurator} directly: what logback's own provider does, without
 * the two class-path searches (SLF4J's for a provider, logback's for a configurator) that opened every jar of the class
 * path, about 100 ms of every command's start, {@code help} included. The launcher's JVM selects it ({@link #select});
 * elsewhere (the tests) SLF4J finds logback's provider, and logback finds {@link LogConfigurator}, as before.
 */
public final class LogProvider implements SLF4JServiceProvider {

    private final LoggerContext context = new LoggerContext();
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final LogbackMDCAdapter mdc = new LogbackMDCAdapter();

    /** Makes SLF4J use this provider, unless the JVM names one ({@code -Dslf4j.provider}); call before the first logger. */
    public static void select() {
        if (System.getProperty("slf4j.provider") == null) {
            System.setProperty("slf4j.provider", LogProvider.class.getName());
        }
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            // SLF4J announces an explicitly chosen provider on stderr at its default verbosity
            System.setProperty("slf4j.internal.verbosity", "WARN");
        }
    }

    @Override
    public void initialize() {
        context.setName(CoreConstants.DEFAULT_CONTEXT_NAME);
        context.setMDCAdapter(mdc);
        LogConfigurator configurator = new LogConfigurator();
        configurator.setContext(context);
        configurator.configure(context);
        // as logback's own provider: its problems, if any, on stderr. Only then is the printer made: its class sets up a
        // date format, for which java.time searches the whole class path (60-100 ms of every start)
        if (new StatusUtil(context).getHighestLevel(0) >= Status.WARN) {
            new StatusPrinter2().printInCaseOfErrorsOrWarnings(context);
        }
        context.start();
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return context;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }
}
