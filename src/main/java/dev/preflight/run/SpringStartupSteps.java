package dev.preflight.run;

import dev.preflight.kernel.StartupTrace;
import java.util.Comparator;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline;
import org.springframework.core.metrics.ApplicationStartup;

/** The Spring context's own start-up steps (bean creation, configuration parsing), recorded and printed only while tracing. */
final class SpringStartupSteps {

    private static final int SLOWEST = 15;

    private SpringStartupSteps() {
    }

    /** A recorder when {@link StartupTrace} is on, else Spring's default that records nothing. */
    static ApplicationStartup recorder() {
        return StartupTrace.on() ? new BufferingApplicationStartup(10_000) : ApplicationStartup.DEFAULT;
    }

    /** Prints the slowest steps a recorder saw (steps nest: a parent's time includes its children's). */
    static void print(ApplicationStartup startup) {
        if (!(startup instanceof BufferingApplicationStartup buffering)) {
            return;
        }
        buffering.getBufferedTimeline().getEvents().stream()
                .sorted(Comparator.comparing(StartupTimeline.TimelineEvent::getDuration).reversed())
                .limit(SLOWEST)
                .forEach(e -> {
                    StringBuilder tags = new StringBuilder();
                    e.getStartupStep().getTags().forEach(t -> tags.append(' ').append(t.getKey()).append('=').append(t.getValue()));
                    StartupTrace.err().printf("[startup]   spring %5d ms %s%s%n", e.getDuration().toMillis(), e.getStartupStep().getName(), tags);
                });
    }
}
