package dev.preflight.cli.command;

import dev.preflight.cli.StepCommand;
import dev.preflight.config.EmbeddingsConfig;
import dev.preflight.config.ProjectConfig;
import dev.preflight.config.ProjectLayout;
import dev.preflight.job.backfill.BackfillRunner;
import dev.preflight.job.backfill.BackfillShutdown;
import dev.preflight.job.backfill.distributed.DistributedBackfill;
import dev.preflight.job.backfill.distributed.DistributedSettings;
import dev.preflight.kernel.Console;
import dev.preflight.kernel.ExitCode;
import dev.preflight.kernel.Options;
import dev.preflight.kernel.PreflightException;
import dev.preflight.report.EmbeddingsSection;
import dev.preflight.run.Session;
import java.util.Set;

/**
 * {@code backfill}: fills NULL embeddings and refreshes stale ones for the declared targets, then
 * writes the report. Options: {@code --target NAME}, {@code --provider openai|local|deterministic},
 * {@code --limit N}, {@code --dry-run}, {@code --reembed}, {@code --threads N}.
 */
public final class BackfillCommand implements StepCommand {

    @Override
    public String name() {
        return "backfill";
    }

    @Override
    public String summary() {
        return "embed NULL and stale vectors (--target, --provider openai|local|deterministic, --limit, --dry-run, --reembed, --threads; --distributed --broker-url URL --partitions N: by worker processes)";
    }

    @Override
    public Set<String> parameters() {
        return Set.of("target", "provider", "limit", "dry-run", "reembed", "threads", "distributed", "broker-url", "partitions",
                "worker-timeout", "broker-timeout");
    }

    private static BackfillRunner.Request request(Options options) {
        Integer limit = options.positiveInt("limit");
        return new BackfillRunner.Request(options.flag("target"), options.flag("provider"),
                limit == null ? null : limit.longValue(), options.has("dry-run"), options.has("reembed"), options.positiveInt("threads"));
    }

    /**
     * The option values, checked before any step of a plan (or the command itself) touches the database:
     * numbers, the provider, the target (declared in jobs/preflight.yaml), and what a distributed run takes.
     */
    @Override
    public void validate(ProjectLayout project, Options options) {
        request(options);
        String provider = options.flag("provider");
        if (provider != null && !EmbeddingsConfig.PROVIDERS.contains(provider)) {
            throw PreflightException.config("--provider must be one of " + EmbeddingsConfig.PROVIDERS + ", not '" + provider + "'",
                    "use --provider openai, local or deterministic");
        }
        if (options.flag("target") != null) {
            ProjectConfig.load(project).embeddings().target(options.flag("target"));
        }
        if (options.has("distributed")) {
            refuseLocalOnlyOptions(options);
            for (String number : new String[] {"partitions", "worker-timeout", "broker-timeout"}) {
                options.positiveInt(number);
            }
        }
    }

    /**
     * As a plan step: the step fails (and the plan's onFailure decides the rest) when a target's job
     * did not complete, its dimension mismatched, or rows failed at the provider.
     */
    @Override
    public boolean execute(Session session, Options options) throws Exception {
        EmbeddingsSection section = backfill(session, options);
        return !failed(section);
    }

    static boolean failed(EmbeddingsSection section) {
        return section.targets().stream().anyMatch(t -> t.failed() > 0
                || !java.util.Set.of("COMPLETED", "DRY_RUN", "NOT_PRESENT").contains(t.status()));
    }

    /** In this process, or with {@code --distributed} by the workers the broker reaches. */
    private static EmbeddingsSection backfill(Session session, Options options) throws Exception {
        if (!options.has("distributed")) {
            return new BackfillRunner(session).runAndRecord(request(options));
        }
        refuseLocalOnlyOptions(options);
        DistributedSettings settings = BrokerOptions.settings(options, session.console());
        try (DistributedBackfill distributed = new DistributedBackfill(session, settings)) {
            BackfillRunner.Request r = request(options);
            return new BackfillRunner(session, distributed.job()).runAndRecord(new BackfillRunner.Request(r.target(), r.provider(), null,
                    r.dryRun(), r.reembed(), settings.partitions()));
        }
    }

    private static void refuseLocalOnlyOptions(Options options) {
        if (options.has("limit") || options.has("threads")) {
            throw PreflightException.config("--limit and --threads do not apply to a distributed backfill",
                    "use --partitions N to choose how many id ranges the workers share");
        }
    }

    @Override
    public ExitCode run(Options options, Console console) throws Exception {
        request(options); // bad options fail before the database is touched
        try (BackfillShutdown shutdown = BackfillShutdown.install();
             Session session = Session.openForLikelyNoJob(name(), options, console)) {
            shutdown.watch(session);
            EmbeddingsSection section = backfill(session, options);
            ExitCode code = session.finish();
            String mismatch = mismatch(section);
            if (mismatch != null) {
                console.error(mismatch);
            }
            return code;
        }
    }

    private static String mismatch(EmbeddingsSection section) {
        return section.targets().stream().filter(t -> "DIMENSION_MISMATCH".equals(t.status()))
                .map(EmbeddingsSection.Target::note).findFirst().orElse(null);
    }
}
