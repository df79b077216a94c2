package dev.preflight.kernel;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Logback's stack-trace converter, silenced unless {@link Diagnostics#debug()}: a log line keeps its
 * message, the stack trace of its exception is shown only with {@code --debug}.
 */
public final class DebugThrowableConverter extends ThrowableProxyConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return Diagnostics.debug() ? super.convert(event) : "";
    }
}
