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

-- reply_by is the instant from which a ticket counts as overdue. Rows of paused tickets written before summaries
-- carried pausedLate hold the deadline their stopped clock will never reach: they count as not overdue, as then.
UPDATE hotline_ticket SET reply_by = NULL
WHERE state = 'AwaitingResident' AND reply_by IS NOT NULL AND summary NOT LIKE '%"pausedLate"%';

CREATE TABLE IF NOT EXISTS hotline_measure (
    day TEXT NOT NULL,
    dimension TEXT NOT NULL,
    value TEXT NOT NULL,
    measure TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (dimension, day, value, measure)
);

-- The outbox: every message to a resident and how far its delivery got. Rows of ticket events are
-- written in the projection's transaction (id t-<ticket>-<seq>-<kind>), so each event makes its
-- messages exactly once; a row is marked 'sending' before each provider call and only a 'pending'
-- row is ever sent, so a crash in the middle never sends it twice. A text too long for one provider
-- message is split before its first send into rows <id>, <id>-2… of the same created_at, one per part.
CREATE TABLE IF NOT EXISTS hotline_outbox (
    id TEXT NOT NULL PRIMARY KEY,
    reply_to TEXT NOT NULL,
    scheme TEXT NOT NULL,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    ticket_id TEXT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    next_attempt_at BIGINT NOT NULL,
    claim TEXT NULL,
    provider_id TEXT NULL,
    provider_status TEXT NULL,
    error TEXT NULL
);

CREATE INDEX IF NOT EXISTS hotline_outbox_due ON hotline_outbox (state, scheme, next_attempt_at);
CREATE INDEX IF NOT EXISTS hotline_outbox_reply_to ON hotline_outbox (reply_to, created_at);
CREATE INDEX IF NOT EXISTS hotline_outbox_ticket ON hotline_outbox (ticket_id);
CREATE INDEX IF NOT EXISTS hotline_outbox_provider ON hotline_outbox (provider_id);

-- Calls the voice channel took unattended: what the caller said (or a recording), for an operator to
-- turn into a ticket or discard. One row per call, keyed by its CallSid.
CREATE TABLE IF NOT EXISTS hotline_call_draft (
    id TEXT NOT NULL PRIMARY KEY,
    from_number TEXT NULL,
    to_number TEXT NULL,
    transcript TEXT NULL,
    confidence DOUBLE PRECISION NULL,
    recording_url TEXT NULL,
    recording_seconds INTEGER NULL,
    received_at BIGINT NOT NULL,
    state TEXT NOT NULL,
    ticket_id TEXT NULL,
    decided_by TEXT NULL,
    decided_at BIGINT NULL,
    note TEXT NULL
);

CREATE INDEX IF NOT EXISTS hotline_call_draft_state ON hotline_call_draft (state, received_at);

-- Calls that ended unanswered (no-answer, busy, failed, canceled): each must be called back.
CREATE TABLE IF NOT EXISTS hotline_missed_call (
    id TEXT NOT NULL PRIMARY KEY,
    from_number TEXT NULL,
    to_number TEXT NULL,
    call_status TEXT NOT NULL,
    missed_at BIGINT NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    outcome TEXT NULL,
    note TEXT NULL,
    called_back_by TEXT NULL,
    called_back_at BIGINT NULL
);

CREATE INDEX IF NOT EXISTS hotline_missed_call_state ON hotline_missed_call (state, missed_at);
