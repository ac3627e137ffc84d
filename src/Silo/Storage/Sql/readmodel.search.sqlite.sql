-- SQLite's half of readmodel.search.sql. The pairs go into FTS5 as hex words, one per pair (detail=none: only which
-- ticket holds a pair is kept). Its integer rowid is the ticket's n in hotline_ticket_text: an INTEGER PRIMARY KEY,
-- which VACUUM keeps, unlike the implicit rowid of a table keyed by text.
CREATE TABLE IF NOT EXISTS hotline_ticket_text (
    n INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE
);

CREATE VIRTUAL TABLE IF NOT EXISTS hotline_ticket_grams USING fts5 (grams, content = '', contentless_delete = 1, detail = none);

-- A marker that gates a statement over a large table is the outer side of a join (readmodel.history.sql).
-- Entries of an older layout (readmodel.search.sql) go, with the marker that they were all
-- written: the backfill rewrites them, and the keyword filter scans the words until it has.
INSERT INTO hotline_ticket_grams (hotline_ticket_grams) SELECT 'delete-all' WHERE NOT EXISTS (SELECT 1 FROM hotline_ticket_grams_layout WHERE version = 3);
DELETE FROM hotline_ticket_text WHERE n IN (SELECT x.n FROM (SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM hotline_ticket_grams_layout WHERE version = 3)) gate CROSS JOIN hotline_ticket_text x);
DELETE FROM hotline_ticket_grams_filled WHERE NOT EXISTS (SELECT 1 FROM hotline_ticket_grams_layout WHERE version = 3);
INSERT INTO hotline_ticket_grams_layout (version) SELECT 3 WHERE NOT EXISTS (SELECT 1 FROM hotline_ticket_grams_layout WHERE version = 3);

INSERT INTO hotline_ticket_department (department, state, accepted_at, id)
SELECT lead, state, accepted_at, id FROM (SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM hotline_ticket_department_filled)) gate CROSS JOIN hotline_ticket
WHERE lead IS NOT NULL
ON CONFLICT DO NOTHING;

-- co holds ',A,B,': each step takes the department before the next comma.
WITH RECURSIVE co (id, state, accepted_at, department, rest) AS (
    SELECT id, state, accepted_at, '', substr(co, 2) FROM (SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM hotline_ticket_department_filled)) gate CROSS JOIN hotline_ticket
    WHERE co <> ''
    UNION ALL
    SELECT id, state, accepted_at, substr(rest, 1, instr(rest, ',') - 1), substr(rest, instr(rest, ',') + 1) FROM co WHERE rest <> ''
)
INSERT INTO hotline_ticket_department (department, state, accepted_at, id)
SELECT department, state, accepted_at, id FROM co WHERE department <> ''
ON CONFLICT DO NOTHING;

INSERT INTO hotline_ticket_department_filled (version) SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM hotline_ticket_department_filled);

INSERT INTO hotline_ticket_department_day (department, state, day, n)
SELECT department, state, accepted_at / 86400000, COUNT(*) FROM (SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM hotline_ticket_department_day_filled)) gate CROSS JOIN hotline_ticket_department
GROUP BY department, state, accepted_at / 86400000;

INSERT INTO hotline_ticket_department_day_filled (version) SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM hotline_ticket_department_day_filled);
