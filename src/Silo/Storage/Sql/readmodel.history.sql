-- What keeps the leaders' and operators' daily pages instant over years of history (docs/performance.md, "History").

-- The counters rolled up by month ('yyyy-MM') and by year ('yyyy') beside the daily rows of hotline_measure, added to in
-- the projection's transaction, so a year by grid cell sums one row per cell and measure instead of 365.
CREATE TABLE IF NOT EXISTS hotline_measure_month (
    dimension TEXT NOT NULL,
    month TEXT NOT NULL,
    value TEXT NOT NULL,
    measure TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (dimension, month, value, measure)
);

-- Quarters ('yyyy-Qn') too: a quarter by grid cell summed three months of rows with a sort.
CREATE TABLE IF NOT EXISTS hotline_measure_quarter (
    dimension TEXT NOT NULL,
    quarter TEXT NOT NULL,
    value TEXT NOT NULL,
    measure TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (dimension, quarter, value, measure)
);

CREATE TABLE IF NOT EXISTS hotline_measure_year (
    dimension TEXT NOT NULL,
    year TEXT NOT NULL,
    value TEXT NOT NULL,
    measure TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (dimension, year, value, measure)
);

-- Each marker gates its statement as the outer side of a join: SQLite evaluates the gate once but, given it as a
-- WHERE term, still read every row of the table (14 s at ten million tickets' counters, at every start).
-- Daily rows written before the roll-ups existed are rolled up once; the row below records that it happened, in the
-- same transaction, so later start-ups (and the projection, which keeps all three from then on) never count them twice.
CREATE TABLE IF NOT EXISTS hotline_measure_rolled_up (
    version INTEGER NOT NULL PRIMARY KEY
);

INSERT INTO hotline_measure_month (dimension, month, value, measure, n)
SELECT dimension, substr(day, 1, 7), value, measure, SUM(n) FROM (SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM hotline_measure_rolled_up)) gate CROSS JOIN hotline_measure
GROUP BY dimension, substr(day, 1, 7), value, measure;

INSERT INTO hotline_measure_year (dimension, year, value, measure, n)
SELECT dimension, substr(month, 1, 4), value, measure, SUM(n) FROM (SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM hotline_measure_rolled_up)) gate CROSS JOIN hotline_measure_month
GROUP BY dimension, substr(month, 1, 4), value, measure;

INSERT INTO hotline_measure_rolled_up (version) SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM hotline_measure_rolled_up);

-- The quarters came later than the months and years, so they have their own marker row: a database already rolled up
-- gets them from its months once.
INSERT INTO hotline_measure_quarter (dimension, quarter, value, measure, n)
SELECT dimension, substr(month, 1, 4) || '-Q' || CAST((CAST(substr(month, 6, 2) AS INTEGER) + 2) / 3 AS TEXT), value, measure, SUM(n)
FROM (SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM hotline_measure_rolled_up WHERE version = 2)) gate CROSS JOIN hotline_measure_month
GROUP BY dimension, substr(month, 1, 4) || '-Q' || CAST((CAST(substr(month, 6, 2) AS INTEGER) + 2) / 3 AS TEXT), value, measure;

INSERT INTO hotline_measure_rolled_up (version) SELECT 2 WHERE NOT EXISTS (SELECT 1 FROM hotline_measure_rolled_up WHERE version = 2);

-- The list's usual filters, each with the default newest-first order, so a filtered page and its count read an
-- index range instead of the table.
CREATE INDEX IF NOT EXISTS hotline_ticket_lead_accepted ON hotline_ticket (lead, state, accepted_at, id);
CREATE INDEX IF NOT EXISTS hotline_ticket_state_accepted ON hotline_ticket (state, accepted_at, id);
CREATE INDEX IF NOT EXISTS hotline_ticket_cell_accepted ON hotline_ticket (grid_cell, state, accepted_at, id);

-- The assessment of a month reads the cases due in it and those still running at its start: open, or ended late,
-- a few in a hundred of all cases ever.
CREATE INDEX IF NOT EXISTS hotline_assessment_case_open_due ON hotline_assessment_case (due_at) WHERE ended_at IS NULL;

-- A case that ended late and after a month's start was due no earlier than the start less the longest lateness of any
-- case, which the second index gives in one step; so a month reads the late cases due from then to its cut-off, where
-- the index by end it replaces read every late case ended since the month, years of them for a month long past. The
-- first holds every column the report reads: a month's late cases are then a run of its entries, not as many seeks into
-- the table (on PostgreSQL, once vacuum has marked the table's pages all-visible).
DROP INDEX IF EXISTS hotline_assessment_case_ended_late;
CREATE INDEX IF NOT EXISTS hotline_assessment_case_late
    ON hotline_assessment_case (due_at, ended_at, ticket_id, department, urgent, paused_at, outcome) WHERE ended_at > due_at;
CREATE INDEX IF NOT EXISTS hotline_assessment_case_lateness ON hotline_assessment_case ((ended_at - due_at)) WHERE ended_at > due_at;

-- The completion item of the assessment counts a month's cases by department, outcome and end: this index holds all it
-- reads, so the count never visits the table's rows.
CREATE INDEX IF NOT EXISTS hotline_assessment_case_due_tally ON hotline_assessment_case (due_at, department, outcome, ended_at);

-- It serves every read the index on due_at alone served, which is dropped: PostgreSQL, pricing a one-column index's order
-- in the table better, read every case due in the month through it rather than the late cases' index.
DROP INDEX IF EXISTS hotline_assessment_case_due;
