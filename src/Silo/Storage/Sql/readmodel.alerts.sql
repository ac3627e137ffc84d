-- Alerts for supervisors: urgent tickets, surges and messages no retry could handle, until acknowledged.

CREATE TABLE IF NOT EXISTS hotline_alert (
    id TEXT NOT NULL PRIMARY KEY,
    kind TEXT NOT NULL,
    message TEXT NOT NULL,
    at BIGINT NOT NULL,
    ticket_id TEXT NULL,
    incident_id TEXT NULL,
    grid_cell TEXT NULL,
    acknowledged_by TEXT NULL,
    acknowledged_at BIGINT NULL
);

CREATE INDEX IF NOT EXISTS hotline_alert_at ON hotline_alert (at);

-- Every console page of every alert reader counts and lists the open alerts every few seconds, while the
-- table keeps every alert ever raised: the open ones are found without reading the acknowledged.
CREATE INDEX IF NOT EXISTS hotline_alert_open ON hotline_alert (at) WHERE acknowledged_at IS NULL;
