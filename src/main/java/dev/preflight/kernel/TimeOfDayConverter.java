package dev.preflight.kernel;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.TimeZone;

/**
 * A log line's local time of day, {@code HH:mm:ss.SSS}, as logback's {@code %d{HH:mm:ss.SSS}} writes it. Logback's
 * date converter asks java.time for the default zone's rules, whose provider is looked up on the whole class path:
 * every jar opened, 60-100 ms of every command's start, {@code help} included. {@link TimeZone} reads the JDK's own
 * time-zone data instead, and gives each instant's offset (daylight saving included).
 */
public final class TimeOfDayConverter extends ClassicConverter {

    private static final long DAY_MS = 86_400_000L;
    private final TimeZone zone = TimeZone.getDefault();

    @Override
    public String convert(ILoggingEvent event) {
        return format(event.getTimeStamp(), zone);
    }

    /** {@code HH:mm:ss.SSS} of the instant {@code epochMillis} in {@code zone}. */
    static String format(long epochMillis, TimeZone zone) {
        long ms = Math.floorMod(epochMillis + zone.getOffset(epochMillis), DAY_MS);
        StringBuilder b = new StringBuilder(12);
        two(b, ms / 3_600_000).append(':');
        two(b, ms / 60_000 % 60).append(':');
        two(b, ms / 1000 % 60).append('.');
        long milli = ms % 1000;
        return b.append(milli < 100 ? milli < 10 ? "00" : "0" : "").append(milli).toString();
    }

    private static StringBuilder two(StringBuilder b, long n) {
        return b.append(n < 10 ? "0" : "").append(n);
    }
}
