-- Incidents: surges of similar reports from one cell, and the tickets that reported each.

CREATE TABLE IF NOT EXISTS hotline_incident (
    id TEXT NOT NULL PRIMARY KEY,
    cell TEXT NOT NULL,
    summary TEXT NOT NULL,
    first_at BIGINT NOT NULL,
    last_at BIGINT NOT NULL
);

CREATE INDEX IF NOT EXISTS hotline_incident_last ON hotline_incident (last_at);
CREATE INDEX IF NOT EXISTS hotline_incident_cell ON hotline_incident (cell, last_at);

CREATE TABLE IF NOT EXISTS hotline_incident_ticket (
    incident_id TEXT NOT NULL,
    ticket_id TEXT NOT NULL,
    PRIMARY KEY (incident_id, ticket_id)
);
