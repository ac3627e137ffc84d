-- Alerts for supervisors: urgent tickets and surges, until acknowledged.

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
