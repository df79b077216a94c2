package dev.preflight.run;

/** What a session may write: the database (job repository, run history) and the report files. */
enum SessionMode {
    /** Jobs run: the job repository and run history are created and written, and the report. */
    RECORDED(true, true),
    /** Measures only ({@code report}): nothing is written to the database, the report is written. */
    MEASURING(false, true),
    /** Reads only ({@code status}, {@code history}): nothing is written anywhere. */
    READ_ONLY(false, false);

    final boolean writesDatabase;
    final boolean writesReport;

    SessionMode(boolean writesDatabase, boolean writesReport) {
        this.writesDatabase = writesDatabase;
        this.writesReport = writesReport;
    }
}
