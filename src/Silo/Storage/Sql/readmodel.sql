-- The read model: ticket summaries for lists and queues, and counters for the measures.
-- One text for SQLite and PostgreSQL: instants are Unix milliseconds, days are 'yyyy-MM-dd'.

CREATE TABLE IF NOT EXISTS hotline_ticket (
    id TEXT NOT NULL PRIMARY KEY,
    seq INTEGER NOT NULL,
    state TEXT NOT NULL,
    lead TEXT NULL,
    co TEXT NOT NULL,
    grid_cell TEXT NULL,
    accepted_at BIGINT NOT NULL,
    reply_by BIGINT NULL,
    next_card_at BIGINT NULL,
    with_department INTEGER NOT NULL,
    summary TEXT NOT NULL
);

CREATE INDEX IF NOT EXISTS hotline_ticket_lead ON hotline_ticket (lead);
CREATE INDEX IF NOT EXISTS hotline_ticket_grid_cell ON hotline_ticket (grid_cell);
CREATE INDEX IF NOT EXISTS hotline_ticket_accepted_at ON hotline_ticket (accepted_at);
CREATE INDEX IF NOT EXISTS hotline_ticket_next_card_at ON hotline_ticket (next_card_at);

CREATE TABLE IF NOT EXISTS hotline_measure (
    day TEXT NOT NULL,
    dimension TEXT NOT NULL,
    value TEXT NOT NULL,
    measure TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (dimension, day, value, measure)
);
