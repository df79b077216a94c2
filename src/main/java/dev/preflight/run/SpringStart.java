package dev.preflight.run;

import dev.preflight.config.ShadowSettings;
import dev.preflight.kernel.Console;
import dev.preflight.kernel.StartupTrace;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.sql.DataSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.metrics.ApplicationStartup;

/**
 * A run's Spring context, started on a thread of its own as the session opens, so that it is built while the session
 * reads its inputs, connects and opens the job repository (or while the embedded cluster starts).
 *
 * <p>The context's own objects (the run, its target, the pool, the shadow settings) are not known yet when it starts:
 * they are beans whose suppliers wait for the session to hand them over. Every bean is lazy, so nothing asks for them
 * before a job is created, which happens only once the session has opened. A session that fails to open abandons the
 * start: the waiting suppliers fail, and the context is closed once it is up.
 */
final class SpringStart {

    private final CompletableFuture<RunContext> run = new CompletableFuture<>();
    private final CompletableFuture<ShadowSettings> shadow = new CompletableFuture<>();
    private final CompletableFuture<DataSource> pool = new CompletableFuture<>();
    private final CompletableFuture<ConfigurableApplicationContext> context = new CompletableFuture<>();
    private final ApplicationStartup startup = SpringStartupSteps.recorder();

    private SpringStart() {
    }

    /** Starts building the context on a daemon thread (it never keeps the process alive on its own). */
    static SpringStart begin(Console console, boolean warmJobLaunch) {
        SpringStart s = new SpringStart();
        Thread thread = new Thread(() -> {
            try {
                s.context.complete(RunSpring.start(console, s.startup, s.run::join, s.pool::join, s.shadow::join));
            } catch (Throwable e) {
                s.context.completeExceptionally(e);
                return;
            }
            if (warmJobLaunch) {
                JfrWarmUp.run(); // the thread is idle until the job: the first job launch no longer sets up JFR itself
            }
        }, "preflight:spring-start");
        thread.setDaemon(true);
        thread.start();
        return s;
    }

    /** Hands over what the inputs gave: the run and where it may replay migrations. */
    void inputs(RunContext run, ShadowSettings shadowSettings) {
        this.run.complete(run);
        this.shadow.complete(shadowSettings);
    }

    /** Hands over the run's pool. */
    void pool(DataSource pool) {
        this.pool.complete(pool);
    }

    /** The started context; waits for the start to end, and rethrows what stopped it. */
    ConfigurableApplicationContext context() {
        ConfigurableApplicationContext started;
        try {
            started = context.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("starting the Spring context: " + e.getCause(), e.getCause());
        }
        StartupTrace.mark("Spring context started (on its own thread since the session opened)");
        SpringStartupSteps.print(startup);
        return started;
    }

    /** The session ends without a job: whatever still waits fails, and the context is closed once it is up. */
    void abandon() {
        IllegalStateException closed = new IllegalStateException("the session closed before its first job");
        run.completeExceptionally(closed);
        shadow.completeExceptionally(closed);
        pool.completeExceptionally(closed);
        // a start that failed failed for this abandoned session only: nothing to report, so the returned stage is dropped
        @SuppressWarnings("FutureReturnValueIgnored")
        var unused = context.whenComplete((ctx, e) -> {
            if (ctx != null) {
                ctx.close();
            }
        });
    }
}
