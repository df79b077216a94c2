package dev.preflight.cli.command;

import dev.preflight.cli.Console;
import dev.preflight.cli.ExitCode;
import dev.preflight.cli.Options;
import dev.preflight.cli.StepCommand;
import dev.preflight.job.backfill.BackfillRunner;
import dev.preflight.job.backfill.BackfillShutdown;
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
        return "embed NULL and stale vectors (--target, --provider openai|local|deterministic, --limit, --dry-run, --reembed, --threads)";
    }

    @Override
    public Set<String> parameters() {
        return Set.of("target", "provider", "limit", "dry-run", "reembed", "threads");
    }

    private static BackfillRunner.Request request(Options options) {
        Integer limit = options.positiveInt("limit");
        return new BackfillRunner.Request(options.flag("target"), options.flag("provider"),
                limit == null ? null : limit.longValue(), options.has("dry-run"), options.has("reembed"), options.positiveInt("threads"));
    }

    /**
     * As a plan step: the step fails (and the plan's onFailure decides the rest) when a target's job
     * did not complete, its dimension mismatched, or rows failed at the provider.
     */
    @Override
    public boolean execute(Session session, Options options) throws Exception {
        EmbeddingsSection section = new BackfillRunner(session).runAndRecord(request(options));
        return !failed(section);
    }

    static boolean failed(EmbeddingsSection section) {
        return section.targets().stream().anyMatch(t -> t.failed() > 0
                || !java.util.Set.of("COMPLETED", "DRY_RUN", "NOT_PRESENT").contains(t.status()));
    }

    @Override
    public ExitCode run(Options options, Console console) throws Exception {
        BackfillRunner.Request request = request(options);
        try (BackfillShutdown shutdown = BackfillShutdown.install();
             Session session = Session.open(name(), options, console)) {
            shutdown.watch(session);
            EmbeddingsSection section = new BackfillRunner(session).runAndRecord(request);
            ExitCode code = session.finish();
            String mismatch = mismatch(section);
            if (mismatch != null) {
                console.err().println("preflight: " + mismatch);
                return ExitCode.USAGE_OR_CONNECTION;
            }
            return code;
        }
    }

    private static String mismatch(EmbeddingsSection section) {
        return section.targets().stream().filter(t -> "DIMENSION_MISMATCH".equals(t.status()))
                .map(EmbeddingsSection.Target::note).findFirst().orElse(null);
    }
}
