package dev.preflight.job.seed;

import dev.preflight.kernel.ExitCode;
import dev.preflight.kernel.PreflightException;
import dev.preflight.kernel.ShutdownGate;
import dev.preflight.report.SeedSection;
import dev.preflight.seed.SeedBlock;
import dev.preflight.seed.SeedFiles;
import dev.preflight.seed.SeedInputException;
import dev.preflight.seed.SeedSchema;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads seed files in ONE transaction: read the schema, validate everything, write table by table
 * in foreign-key order, measure, then commit (or roll back for a dry run, whose counts are
 * therefore exactly what a real run does). Any error rolls back, so no row is ever half-seeded.
 */
public final class SeedLoader {

    private static final Logger log = LoggerFactory.getLogger(SeedLoader.class);

    private final DataSource dataSource;
    private final String schemaName;

    public SeedLoader(DataSource dataSource, String schemaName) {
        this.dataSource = dataSource;
        this.schemaName = schemaName;
    }

    /** Loads the files; {@code t0} (System.nanoTime) is when reading them began, so the duration covers it. */
    public SeedSection load(SeedFiles files, boolean dryRun, long t0) throws SQLException, IOException {
        if (files.blocks().isEmpty()) {
            return new SeedSection("NO_SEED_FILES", dryRun, files.files(), 0, 0, 0, 0, 0, List.of(), List.of(), null, List.of(), null);
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                SeedSection section = loadIn(c, files, dryRun, t0);
                if (dryRun) {
                    c.rollback();
                    log.info("seed: dry run: rolled back, nothing written");
                } else {
                    c.commit();
                }
                return section.withDurationMs((System.nanoTime() - t0) / 1_000_000); // reading to commit
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private SeedSection loadIn(Connection c, SeedFiles files, boolean dryRun, long t0) throws SQLException, IOException {
        SeedSchema schema = SeedSchema.read(c, schemaName);
        log.info("seed: {} row(s) in {} file(s); validating against schema {}", files.rows(), files.files().size(), schemaName);
        long v0 = System.nanoTime();
        new SeedValidator(c, schema).validate(files.blocks());
        log.info("seed: validated in {} ms", (System.nanoTime() - v0) / 1_000_000);
        Set<String> tables = files.blocks().stream().map(SeedBlock::table).collect(Collectors.toCollection(LinkedHashSet::new));
        Map<String, Set<String>> parents = new LinkedHashMap<>();
        schema.tables().values().forEach(t -> parents.put(t.name(),
                t.foreignKeys().stream().map(SeedSchema.ForeignKey::parent).collect(Collectors.toSet())));
        List<String> order = LoadOrder.of(tables, parents);
        log.info("seed: load order from the foreign keys: {}", String.join(", ", order));
        TableWriter writer = new TableWriter(c, schema);
        OwnedSequences sequences = new OwnedSequences(c);
        List<SeedSection.TableCounts> counts = new ArrayList<>();
        TableWriter.Counts all = new TableWriter.Counts(0, 0, 0);
        for (String table : order) {
            TableWriter.Counts sum = new TableWriter.Counts(0, 0, 0);
            long seeded = 0;
            for (SeedBlock b : files.blocks()) {
                if (b.table().equals(table)) {
                    sum = sum.plus(write(writer, b));
                    seeded += b.size();
                }
            }
            long after = count(c, schema.qualified(table));
            List<SeedSection.SequenceAdvance> advanced = sequences.advance(schema.qualified(table));
            counts.add(new SeedSection.TableCounts(table, seeded, sum.inserted(), sum.updated(), sum.unchanged(), after, advanced));
            all = all.plus(sum);
            log.info("seed: {}: {} inserted, {} updated, {} unchanged ({} rows now)", table, sum.inserted(), sum.updated(),
                    sum.unchanged(), after);
            advanced.forEach(a -> log.info("seed: {}: sequence {} of column {} restarted at {}, past the seeded values", table,
                    a.sequence(), a.column(), a.next()));
        }
        OrganizationCounts.Result orgs = OrganizationCounts.measure(c, schemaName);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        return new SeedSection(dryRun ? "DRY_RUN" : "APPLIED", dryRun, files.files(), files.rows(), ms, all.inserted(),
                all.updated(), all.unchanged(), counts, orgs.organizations(), orgs.totals(), List.of(), null);
    }

    /** Writes one block; a row PostgreSQL still refuses (a unique or check constraint) is an input error naming the block. */
    private static TableWriter.Counts write(TableWriter writer, SeedBlock b) throws SQLException, IOException {
        try {
            return writer.write(b);
        } catch (SQLException e) {
            if ("42501".equals(e.getSQLState())) {
                // insufficient privilege, or a row-level security policy that refuses the rows: the role, not the seed files
                throw new PreflightException(ExitCode.USAGE_OR_CONNECTION, b.where() + ": the connecting role may not write "
                        + b.table() + ": " + TypeProbe.message(e) + "; the whole seed was rolled back", "GRANT INSERT, UPDATE ON "
                        + b.table() + " TO the role Preflight runs as (and a policy that admits the rows where row-level security"
                        + " is on), or seed as the table's owner");
            }
            if ("57014".equals(e.getSQLState()) || "55P03".equals(e.getSQLState())) {
                // cancelled or timed out: the rows were never judged, so they are not what to fix
                boolean signal = ShutdownGate.signalled();
                throw new PreflightException(ExitCode.NOT_READY, b.where() + ": writing " + b.table() + (signal
                        ? " was cancelled because the run was stopped on a signal"
                        : "55P03".equals(e.getSQLState()) ? " gave up waiting for a lock another session holds (" + TypeProbe.message(e) + ")"
                        : " ran out of time (" + TypeProbe.message(e) + ")") + "; the whole seed was rolled back",
                        signal ? "run ./preflight seed again" : "find the session holding " + b.table() + " (pg_locks, pg_stat_activity), let it "
                                + "finish, then run ./preflight seed again");
            }
            throw new SeedInputException(b.where() + ": PostgreSQL refused the rows (lines " + b.lines()[0] + "-"
                    + b.lines()[b.size() - 1] + "): " + TypeProbe.message(e) + "; the whole seed was rolled back",
                    "fix the seed rows named (a unique or check constraint, or a value the database rejects)");
        }
    }

    static long count(Connection c, String qualifiedTable) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + qualifiedTable)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
