package dev.preflight.job.retune;

import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckRegistry;
import dev.preflight.check.CheckRunner;
import dev.preflight.db.Catalog;
import dev.preflight.report.VectorIndexTuning;
import dev.preflight.run.RunContext;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The retune job's last step: chooses the probes and ef_search for the database (the largest of the
 * per-index choices, so every index meets the target), applies them when asked, runs the IDX1xx checks and
 * hands the section to the report.
 */
final class RecommendTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(RecommendTasklet.class);

    private final DataSource dataSource;
    private final RunContext run;
    private final RetuneState state;

    RecommendTasklet(DataSource dataSource, RunContext run, RetuneState state) {
        this.dataSource = dataSource;
        this.run = run;
        this.state = state;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        RetuneSettings s = state.settings();
        List<VectorIndexTuning.IndexTuning> tunings = state.indexes().stream().map(w -> w.toReport(s.targetRecall())).toList();
        Integer probes = tunings.stream().filter(t -> t.method().equals("ivfflat")).map(VectorIndexTuning.IndexTuning::chosenProbes)
                .filter(Objects::nonNull).max(Integer::compare).orElse(null);
        Integer efSearch = tunings.stream().filter(VectorIndexTuning.IndexTuning::hnswIndex).map(VectorIndexTuning.IndexTuning::chosenEfSearch)
                .filter(Objects::nonNull).max(Integer::compare).orElse(null);
        try (Connection c = dataSource.getConnection()) {
            String note = settingNote(c, s, "ivfflat.probes", probes);
            String efNote = efSearch == null ? null : settingNote(c, s, "hnsw.ef_search", efSearch);
            VectorIndexTuning section = new VectorIndexTuning(s.dryRun(), s.targetRecall(), s.config().k(), s.config().queries(),
                    probes, note.startsWith("applied"), note, tunings, efSearch, efNote);
            run.ledger().vectorIndexTuning(section);
            CheckContext ctx = CheckContext.of(c, run.target(), run.project(), run.migrationFiles());
            run.ledger().addAll(new CheckRunner(run.severityPolicy()).run("retune",
                    CheckRegistry.get().checks("IDX101", "IDX102", "IDX103", "IDX104"), ctx.with(section)));
        }
        return RepeatStatus.FINISHED;
    }

    /**
     * Applies a search setting ({@code ivfflat.probes} or {@code hnsw.ef_search}) with ALTER DATABASE when
     * asked ({@code --apply-settings}, never in a dry run) and says what was done.
     */
    private String settingNote(Connection c, RetuneSettings s, String setting, Integer value) throws SQLException {
        if (value == null) {
            return "no IVFFlat index was measured, so no probes are recommended";
        }
        String sql = "ALTER DATABASE " + Catalog.ident(currentDatabase(c)) + " SET " + setting + " = " + value;
        if (!s.applyProbes() || s.dryRun()) {
            return "recommended, not applied" + (s.applyProbes() ? " (dry run)" : "") + ": " + sql
                    + " (or SET LOCAL " + setting + " = " + value + " in the application's queries)";
        }
        try (Statement st = c.createStatement()) {
            st.execute(sql);
            log.info("applied: {}", sql);
            return "applied: " + sql + " (new sessions use it)";
        } catch (SQLException e) {
            run.ledger().warn("could not apply " + setting + ": " + e.getMessage());
            return "not applied, " + sql + " failed: " + e.getMessage() + " (the database owner can run it)";
        }
    }

    private static String currentDatabase(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(RetuneSql.CURRENT_DATABASE)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
