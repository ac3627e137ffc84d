-- The department assessment (docs/domain.md §5): one row per case a department answers for (a dispatch
-- or a reopening), following its reply deadline, and the complaints verified against departments.

CREATE TABLE IF NOT EXISTS hotline_assessment_case (
    ticket_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    department TEXT NOT NULL,
    urgent INTEGER NOT NULL,
    due_at BIGINT NOT NULL,
    paused_at BIGINT NULL,
    ended_at BIGINT NULL,
    outcome TEXT NULL,
    PRIMARY KEY (ticket_id, seq)
);

CREATE INDEX IF NOT EXISTS hotline_assessment_case_open ON hotline_assessment_case (ticket_id, ended_at);

CREATE TABLE IF NOT EXISTS hotline_verified_complaint (
    id TEXT NOT NULL PRIMARY KEY,
    month TEXT NOT NULL,
    department TEXT NOT NULL,
    ticket_id TEXT NULL,
    note TEXT NOT NULL,
    points INTEGER NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at BIGINT NOT NULL
);

CREATE INDEX IF NOT EXISTS hotline_verified_complaint_month ON hotline_verified_complaint (month);

-- Each department's completion counts (CompletionTally) by the centre's day of the deadline, every case counted as of
-- the end of its deadline's month, so a month's counts are a sum of at most 31 rows a department. The projection moves
-- a case's share in its own transaction. AssessmentTallyBackfill builds it at start-up from the cases, and again when
-- the calendar's offset changed (the days are the centre's); the offset it used is its marker row.
CREATE TABLE IF NOT EXISTS hotline_assessment_tally (
    day TEXT NOT NULL,
    department TEXT NOT NULL,
    due INTEGER NOT NULL,
    completed INTEGER NOT NULL,
    PRIMARY KEY (day, department)
);

CREATE TABLE IF NOT EXISTS hotline_assessment_tally_filled (
    utc_offset_minutes INTEGER NOT NULL PRIMARY KEY
);
