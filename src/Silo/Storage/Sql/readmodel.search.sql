-- What finds tickets by department and by words without reading every ticket (docs/performance.md, "History").

-- One row per department on a ticket, the lead and each co-handler, with the ticket's state and acceptance: the
-- department filter and its newest-first order read an index range here instead of `lead = … OR co LIKE …` over
-- every ticket. Rewritten by the projection with the ticket's row; the engine's script fills it once from the
-- tickets projected before it existed.
CREATE TABLE IF NOT EXISTS hotline_ticket_department (
    department TEXT NOT NULL,
    state TEXT NOT NULL,
    accepted_at BIGINT NOT NULL,
    id TEXT NOT NULL,
    PRIMARY KEY (department, state, accepted_at, id)
);

CREATE INDEX IF NOT EXISTS hotline_ticket_department_accepted ON hotline_ticket_department (department, accepted_at, id);
CREATE INDEX IF NOT EXISTS hotline_ticket_department_id ON hotline_ticket_department (id);

CREATE TABLE IF NOT EXISTS hotline_ticket_department_filled (
    version INTEGER NOT NULL PRIMARY KEY
);

-- How many rows above each department has in each state by the UTC day of acceptance (accepted_at / 86400000): the
-- projection moves them in the transaction that rewrites the rows, and a department's list filtered by state and period
-- counts its whole days here (DepartmentDays). The engine's script fills them once from the rows, after the rows.
CREATE TABLE IF NOT EXISTS hotline_ticket_department_day (
    department TEXT NOT NULL,
    state TEXT NOT NULL,
    day BIGINT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (department, state, day)
);

CREATE TABLE IF NOT EXISTS hotline_ticket_department_day_filled (
    version INTEGER NOT NULL PRIMARY KEY
);

-- The character pairs of each ticket's words (TicketSearch), which the keyword filter looks up instead of scanning
-- the words. Finder rows from before them get theirs from TicketSearchBackfill at start-up, which then writes
-- this row; until it has, the keyword filter scans as it did.
CREATE TABLE IF NOT EXISTS hotline_ticket_grams_filled (
    version INTEGER NOT NULL PRIMARY KEY
);

-- What each ticket's entry in the keyword index holds: 2 since the month and the year of acceptance joined the pairs,
-- 3 since a number's words hold two to four characters before it.
-- Each engine's script drops the entries of a database without this row, and TicketSearchBackfill writes them anew.
CREATE TABLE IF NOT EXISTS hotline_ticket_grams_layout (
    version INTEGER NOT NULL PRIMARY KEY
);
