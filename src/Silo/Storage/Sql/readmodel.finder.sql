-- What the console finds tickets by beyond the ticket index: the caller's number (normalised, so 138…, +86138…
-- and 86138… are one number), content and address for keywords, the channel, type and flags of the filters, and
-- whether a survey waits (and by which path the resident can answer it), and whether a department returned the
-- ticket (退单) and it waits to be dispatched again. Kept by the projection from each step.

CREATE TABLE IF NOT EXISTS hotline_ticket_find (
    id TEXT NOT NULL PRIMARY KEY,
    phone TEXT NULL,
    anonymous INTEGER NOT NULL,
    known_to TEXT NOT NULL,
    channel TEXT NOT NULL,
    type TEXT NOT NULL,
    urgent INTEGER NOT NULL,
    supervised INTEGER NOT NULL,
    pending_extension INTEGER NOT NULL,
    awaiting_survey INTEGER NOT NULL,
    returned INTEGER NOT NULL,
    reply_path TEXT NULL,
    words TEXT NOT NULL
);

CREATE INDEX IF NOT EXISTS hotline_ticket_find_phone ON hotline_ticket_find (phone);
CREATE INDEX IF NOT EXISTS hotline_ticket_find_pending_extension ON hotline_ticket_find (pending_extension);
CREATE INDEX IF NOT EXISTS hotline_ticket_find_awaiting_survey ON hotline_ticket_find (awaiting_survey);

-- Written once TicketFinderBackfill finds no ticket without its row: the projection writes a ticket's row with the
-- ticket's, so none goes missing after, and a start no longer reads every ticket to look (7 s at ten million).
CREATE TABLE IF NOT EXISTS hotline_ticket_find_filled (
    version INTEGER NOT NULL PRIMARY KEY
);
