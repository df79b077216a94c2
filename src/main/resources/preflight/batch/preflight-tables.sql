-- Preflight's own bookkeeping, beside Spring Batch's job repository in schema preflight.
CREATE TABLE IF NOT EXISTS preflight.run_history (
    run_id      TEXT PRIMARY KEY,
    plan        TEXT,
    command     TEXT NOT NULL,
    started_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at TIMESTAMPTZ,
    status      TEXT NOT NULL,
    verdict     TEXT,
    exit_code   INT,
    report_dir  TEXT,
    attempts    INT NOT NULL DEFAULT 1
);
-- One row per claimed scheduler tick: the primary key makes each tick run exactly once,
-- however many schedulers watch the same database.
CREATE TABLE IF NOT EXISTS preflight.schedule_ticks (
    plan       TEXT NOT NULL,
    tick       TIMESTAMPTZ NOT NULL,
    claimed_by TEXT NOT NULL,
    claimed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    outcome    TEXT,
    PRIMARY KEY (plan, tick)
);
-- What each completed job of a plan added to its run's report (JSON): a restart that skips the job
-- reports it from here instead of calling it not run. Goes with the job instance it describes.
CREATE TABLE IF NOT EXISTS preflight.job_contributions (
    job_instance_id BIGINT PRIMARY KEY REFERENCES preflight.batch_job_instance (job_instance_id) ON DELETE CASCADE,
    run_id          TEXT NOT NULL,
    job_name        TEXT NOT NULL,
    recorded_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    contribution    TEXT NOT NULL
);
