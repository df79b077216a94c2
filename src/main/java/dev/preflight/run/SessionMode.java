package dev.preflight.run;

/** What a session may write: the database (job repository, run history) and the report files. */
enum SessionMode {
    /** Jobs run: the job repository and run history are created and written, and the report. */
    RECORDED(true, true, true),
    /** As {@link #RECORDED}, for a command that often launches no job ({@code backfill}): see {@link Session#jobAhead}. */
    RECORDED_JOB_UNLIKELY(true, true, true),
    /** Writes like {@link #RECORDED} but runs no job ({@code baseline}): no Spring context. */
    RECORDED_WITHOUT_JOBS(true, true, false),
    /** Measures only ({@code report}): nothing is written to the database, the report is written. */
    MEASURING(false, true, false),
    /** Reads only ({@code status}, {@code history}): nothing is written anywhere. */
    READ_ONLY(false, false, false);

    final boolean writesDatabase;
    final boolean writesReport;
    /** Whether the session runs jobs, so starts its Spring context as it opens. */
    final boolean runsJobs;

    SessionMode(boolean writesDatabase, boolean writesReport, boolean runsJobs) {
        this.writesDatabase = writesDatabase;
        this.writesReport = writesReport;
        this.runsJobs = runsJobs;
    }
}
