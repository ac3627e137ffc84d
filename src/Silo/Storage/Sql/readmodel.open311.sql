-- Open311 GeoReport v2: what a client posted beyond the ticket itself (service code, position,
-- media), and when the ticket last changed, which the GeoReport records report.

CREATE TABLE IF NOT EXISTS hotline_open311_request (
    ticket_id TEXT NOT NULL PRIMARY KEY,
    service_code TEXT NOT NULL,
    lat DOUBLE PRECISION NULL,
    lon DOUBLE PRECISION NULL,
    media_url TEXT NULL,
    description TEXT NOT NULL,
    requested_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE INDEX IF NOT EXISTS hotline_open311_request_requested ON hotline_open311_request (requested_at);
