-- The access audit: who saw a full phone number or an anonymous reporter, exported or erased personal data,
-- changed a user, or failed to sign in; when, and from which address. The silo only ever inserts rows; the
-- retention job deletes those older than Hotline:Retention:Audit. ids are UUIDv7, so they sort by time.
CREATE TABLE IF NOT EXISTS hotline_audit (
    id TEXT NOT NULL PRIMARY KEY,
    at BIGINT NOT NULL,
    actor TEXT NOT NULL,
    role TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT NULL,
    detail TEXT NULL,
    address TEXT NULL
);

CREATE INDEX IF NOT EXISTS hotline_audit_at ON hotline_audit (at);
CREATE INDEX IF NOT EXISTS hotline_audit_action ON hotline_audit (action, at);
CREATE INDEX IF NOT EXISTS hotline_audit_actor ON hotline_audit (actor, at);

-- When each ticket was closed, for the retention of its caller's identity (Hotline:Retention:CallerAfterClose),
-- and when that identity was erased. Written by the projection from the close event.
CREATE TABLE IF NOT EXISTS hotline_ticket_closed (
    ticket_id TEXT NOT NULL PRIMARY KEY,
    closed_at BIGINT NOT NULL,
    caller_erased_at BIGINT NULL
);

CREATE INDEX IF NOT EXISTS hotline_ticket_closed_due ON hotline_ticket_closed (closed_at) WHERE caller_erased_at IS NULL;

-- Jobs that one silo of a cluster runs at a time: whoever takes the lease runs it, and last_done says when it
-- last completed, so a daily job runs once a day however many silos ask.
CREATE TABLE IF NOT EXISTS hotline_job (
    name TEXT NOT NULL PRIMARY KEY,
    holder TEXT NULL,
    lease_until BIGINT NOT NULL,
    last_done BIGINT NOT NULL
);
