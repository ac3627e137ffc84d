-- Disputes of dispatches (派单异议) and returns asked after the dispute window, one row per dispute, kept from
-- tickets' history in the projection's transaction: the review queue and its record (docs/domain.md §9).

CREATE TABLE IF NOT EXISTS hotline_dispute (
    ticket_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    department TEXT NOT NULL,
    reason TEXT NOT NULL,
    suggested TEXT NULL,
    raised_at BIGINT NOT NULL,
    review_by BIGINT NOT NULL,
    overdue INTEGER NOT NULL,
    upheld INTEGER NULL,
    decided_by TEXT NULL,
    decided_at BIGINT NULL,
    note TEXT NULL,
    new_lead TEXT NULL,
    PRIMARY KEY (ticket_id, seq)
);

-- The review queue reads the open ones every time a reviewer's page refreshes, while the table keeps them all.
CREATE INDEX IF NOT EXISTS hotline_dispute_open ON hotline_dispute (raised_at) WHERE upheld IS NULL;
