-- PostgreSQL's half of readmodel.search.sql. The pairs as an array of hex words under a GIN index: containment
-- finds the tickets holding every pair of the keyword whatever the database's locale (pg_trgm skips Chinese
-- characters in a C-locale database).
CREATE TABLE IF NOT EXISTS hotline_ticket_grams (
    id TEXT NOT NULL PRIMARY KEY,
    grams TEXT[] NOT NULL
);

CREATE INDEX IF NOT EXISTS hotline_ticket_grams_gin ON hotline_ticket_grams USING GIN (grams);

-- Entries of an older layout (readmodel.search.sql) go, with the marker that they were all
-- written: the backfill rewrites them, and the keyword filter scans the words until it has.
DELETE FROM hotline_ticket_grams WHERE NOT EXISTS (SELECT 1 FROM hotline_ticket_grams_layout WHERE version = 3);
DELETE FROM hotline_ticket_grams_filled WHERE NOT EXISTS (SELECT 1 FROM hotline_ticket_grams_layout WHERE version = 3);
INSERT INTO hotline_ticket_grams_layout (version) SELECT 3 WHERE NOT EXISTS (SELECT 1 FROM hotline_ticket_grams_layout WHERE version = 3);

INSERT INTO hotline_ticket_department (department, state, accepted_at, id)
SELECT department, state, accepted_at, id FROM (
    SELECT lead AS department, state, accepted_at, id FROM hotline_ticket WHERE lead IS NOT NULL
    UNION ALL
    SELECT unnest(string_to_array(trim(BOTH ',' FROM co), ',')), state, accepted_at, id FROM hotline_ticket WHERE co <> ''
) departments
WHERE department <> '' AND NOT EXISTS (SELECT 1 FROM hotline_ticket_department_filled)
ON CONFLICT DO NOTHING;

INSERT INTO hotline_ticket_department_filled (version) SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM hotline_ticket_department_filled);

INSERT INTO hotline_ticket_department_day (department, state, day, n)
SELECT department, state, accepted_at / 86400000, COUNT(*) FROM hotline_ticket_department
WHERE NOT EXISTS (SELECT 1 FROM hotline_ticket_department_day_filled)
GROUP BY department, state, accepted_at / 86400000;

INSERT INTO hotline_ticket_department_day_filled (version) SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM hotline_ticket_department_day_filled);
