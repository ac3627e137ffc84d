-- Tickets of reporters who asked to stay anonymous and are owed messages: the outbox list shows their address
-- only to the user who took the report (known_to, that user's stable id), and a search by address skips them.
CREATE TABLE IF NOT EXISTS hotline_outbox_anonymous (
    ticket_id TEXT NOT NULL PRIMARY KEY,
    known_to TEXT NULL
);
