package dev.preflight.job.backfill;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Splits the rows that need work into {@code --threads} id ranges of about equal size (ntile over
 * the pending ids), one partition each. The first range is open below and the last open above, so
 * rows inserted during the run are not lost. Spring Batch stores the ranges with the partitions:
 * a restart reuses them, whatever {@code --threads} says then.
 */
public class IdRangePartitioner implements Partitioner {

    /** Partition names are PREFIX + index; Spring Batch names the worker step executions {@code step:name}. */
    static final String PREFIX = "partition";

    private final DataSource dataSource;
    private final BackfillTasks tasks;

    public IdRangePartitioner(DataSource dataSource, BackfillTasks tasks) {
        this.dataSource = dataSource;
        this.tasks = tasks;
    }

    @Override
    public Map<String, ExecutionContext> partition(int ignoredGridSize) {
        BackfillTask task = tasks.current();
        if (task.resumePartitions() > 0) {
            // A restart: the same names as before; Spring Batch gives each unfinished one its saved range and
            // position and skips the finished ones. New ranges here would strand the rows of the old ones.
            Map<String, ExecutionContext> names = new LinkedHashMap<>();
            for (int i = 0; i < task.resumePartitions(); i++) {
                names.put(PREFIX + i, new ExecutionContext());
            }
            return names;
        }
        // upper bounds of every range but the last
        List<String> uppers = task.threads() <= 1 ? List.of() : upperBounds(task);
        Map<String, ExecutionContext> out = new LinkedHashMap<>();
        for (int i = 0; i <= uppers.size(); i++) {
            ExecutionContext ctx = new ExecutionContext();
            if (i > 0) {
                ctx.putString(PrefetchingReader.LOW, uppers.get(i - 1));
            }
            if (i < uppers.size()) {
                ctx.putString(PrefetchingReader.HIGH, uppers.get(i));
            }
            out.put(PREFIX + i, ctx);
        }
        return out;
    }

    private List<String> upperBounds(BackfillTask task) {
        List<String> bounds = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(task.sql().partitionBounds(task.reembed()))) {
            ps.setInt(1, task.threads());
            ps.setString(2, task.target().name());
            if (!task.reembed()) {
                ps.setString(3, task.provider().model());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    bounds.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("db: splitting " + task.target().table() + " into id ranges: " + e.getMessage(), e);
        }
        return bounds.isEmpty() ? bounds : bounds.subList(0, bounds.size() - 1);
    }
}
