package dev.preflight.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/** A log line's time of day is what logback's {@code %d{HH:mm:ss.SSS}} wrote, in every zone, daylight saving included. */
class TimeOfDayConverterTests {

    @Test
    void formatsTheLocalTimeOfDayWithItsOffsetAtThatInstant() {
        TimeZone berlin = TimeZone.getTimeZone("Europe/Berlin");
        assertThat(TimeOfDayConverter.format(Instant.parse("2026-07-01T12:34:56.789Z").toEpochMilli(), berlin)).isEqualTo("14:34:56.789");
        assertThat(TimeOfDayConverter.format(Instant.parse("2026-12-01T12:34:56.007Z").toEpochMilli(), berlin)).isEqualTo("13:34:56.007");
        assertThat(TimeOfDayConverter.format(0, TimeZone.getTimeZone("UTC"))).isEqualTo("00:00:00.000");
        assertThat(TimeOfDayConverter.format(-1, TimeZone.getTimeZone("UTC"))).isEqualTo("23:59:59.999");
        assertThat(TimeOfDayConverter.format(Instant.parse("2026-03-01T00:05:00.050Z").toEpochMilli(), TimeZone.getTimeZone("Asia/Kolkata")))
                .isEqualTo("05:35:00.050");
    }

    @Test
    void agreesWithJavaTimeOnRandomInstantsInZonesWithAndWithoutDaylightSaving() {
        SplittableRandom random = new SplittableRandom(42);
        for (String id : new String[] {"UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu", "Pacific/Chatham"}) {
            DateTimeFormatter expected = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.of(id));
            for (int i = 0; i < 2000; i++) {
                long t = random.nextLong(0, 4_102_444_800_000L); // 1970 to 2100
                assertThat(TimeOfDayConverter.format(t, TimeZone.getTimeZone(id))).as("%s at %d", id, t)
                        .isEqualTo(expected.format(Instant.ofEpochMilli(t)));
            }
        }
    }
}
