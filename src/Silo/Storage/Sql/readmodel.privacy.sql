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
