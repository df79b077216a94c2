package dev.preflight.cli.command;

import dev.preflight.cli.StepCommand;
import dev.preflight.config.ProjectLayout;
import dev.preflight.db.Catalog;
import dev.preflight.job.retune.RetuneJobConfiguration;
import dev.preflight.job.retune.RetuneSettings;
import dev.preflight.kernel.Console;
import dev.preflight.kernel.ExitCode;
import dev.preflight.kernel.Options;
import dev.preflight.kernel.PreflightException;
import dev.preflight.run.Session;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * {@code retune}: measures every vector index's recall against exact search, rebuilds the IVFFlat
 * indexes that need it without blocking writes, recommends {@code ivfflat.probes}, writes the report.
 */
public final class RetuneCommand implements StepCommand {

    @Override
    public String name() {
        return "retune";
    }

    @Override
    public String summary() {
        return "measure vector index recall, rebuild untrained IVFFlat indexes online, recommend probes / ef_search"
                + " [--dry-run] [--target-recall 0.95] [--index NAME] [--compare-hnsw] [--apply-settings]";
    }

    @Override
    public Set<String> parameters() {
        return Set.of(RetuneSettings.TARGET_RECALL, RetuneSettings.INDEX, RetuneSettings.DRY_RUN, RetuneSettings.COMPARE_HNSW,
                RetuneSettings.APPLY_PROBES, RetuneSettings.APPLY_SETTINGS);
    }

    /** The option values, checked before any step of a plan touches the database. */
    @Override
    public void validate(ProjectLayout project, Options options) {
        parameters(options);
    }

    /** On its own: options are checked before anything connects, and a failed job is exit code 1 whatever the verdict. */
    @Override
    public ExitCode run(Options options, Console console) throws Exception {
        parameters(options);
        try (Session session = Session.open(name(), options, console)) {
            boolean completed = execute(session, options);
            ExitCode code = session.finish();
            if (!completed) {
                console.error("the retune job failed; the log above says where. Indexes left as they were "
                        + "stay valid; run ./preflight retune again once the cause is fixed");
            }
            return code;
        }
    }

    @Override
    public boolean execute(Session session, Options options) throws Exception {
        JobParametersBuilder builder = new JobParametersBuilder();
        parameters(options).forEach(builder::addString);
        requireIndex(session, options.flag(RetuneSettings.INDEX));
        return session.runJob(RetuneJobConfiguration.JOB, builder) == BatchStatus.COMPLETED;
    }

    /** Validates the options before anything connects: a bad target is a usage error. */
    static Map<String, String> parameters(Options options) {
        Map<String, String> p = new LinkedHashMap<>();
        String target = options.flag(RetuneSettings.TARGET_RECALL);
        if (target != null) {
            double t;
            try {
                t = Double.parseDouble(target);
            } catch (NumberFormatException e) {
                t = -1;
            }
            if (!(t > 0 && t <= 1)) {
                throw PreflightException.config("--target-recall must be a number in (0, 1], not '" + target + "'", "for example --target-recall 0.95");
            }
            p.put(RetuneSettings.TARGET_RECALL, String.valueOf(t));
        }
        if (options.flag(RetuneSettings.INDEX) != null) {
            p.put(RetuneSettings.INDEX, options.flag(RetuneSettings.INDEX));
        }
        for (String flag : new String[] {RetuneSettings.DRY_RUN, RetuneSettings.COMPARE_HNSW, RetuneSettings.APPLY_PROBES,
                RetuneSettings.APPLY_SETTINGS}) {
            p.put(flag, String.valueOf(options.has(flag) && !"false".equals(options.flag(flag))));
        }
        return p;
    }

    private static void requireIndex(Session session, String index) throws Exception {
        if (index == null) {
            return;
        }
        try (Connection c = session.dataSource().getConnection()) {
            var all = new Catalog(c, session.run().config().historyTable()).vectorIndexes();
            if (all.stream().noneMatch(ix -> RetuneSettings.matches(index, ix))) {
                throw PreflightException.config("--index " + index + ": no IVFFlat or HNSW index by that name",
                        "the vector indexes are: " + (all.isEmpty() ? "(none)" : String.join(", ", all.stream().map(ix -> ix.name()).toList())));
            }
        }
    }
}
