package dev.preflight.job.verify;

import dev.preflight.migration.MigrationEngine;
import dev.preflight.report.MigrationEntry;
import dev.preflight.report.VerifySection;
import dev.preflight.run.RunContext;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The verify job's history step: counts of the migration history's states for the section (the
 * findings are MIG001-MIG004's, which every run records at the end) and the previous run's report
 * for the comparison.
 */
final class HistoryTasklet implements Tasklet {

    private final RunContext run;
    private final DataSource dataSource;

    HistoryTasklet(RunContext run, DataSource dataSource) {
        this.run = run;
        this.dataSource = dataSource;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        List<MigrationEntry> entries = run.migrationFiles().present()
                ? MigrationEngine.of(dataSource, run.migrationFiles(), run.config()).entries(Set.of()) : List.of();
        VerifySection.History history = history(entries);
        VerifyJobConfiguration.update(run, s -> s.withHistory(history, PreviousRunReader.read(run.project().reportsDir())));
        return RepeatStatus.FINISHED;
    }

    /** The section's counts: a failed row whose file is gone counts as failed and as missing; a checksum compares only when both exist. */
    static VerifySection.History history(List<MigrationEntry> entries) {
        return new VerifySection.History(
                (int) entries.stream().filter(e -> e.state().equals("SUCCESS")).count(),
                (int) entries.stream().filter(e -> e.state().equals("PENDING")).count(),
                (int) entries.stream().filter(e -> e.state().contains("FAILED")).count(),
                (int) entries.stream().filter(e -> e.appliedChecksum() != null && e.checksum() != null
                        && !Objects.equals(e.appliedChecksum(), e.checksum())).count(),
                (int) entries.stream().filter(e -> e.state().startsWith("MISSING")).count());
    }
}
