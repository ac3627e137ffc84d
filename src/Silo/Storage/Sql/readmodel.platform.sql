-- Signatures of the upper platform's pushes seen within the timestamp window: the same signed request again is a
-- replay and is refused (docs/platform.md). Rows older than the window are of no more use and are deleted.

CREATE TABLE IF NOT EXISTS hotline_platform_nonce (
    signature TEXT NOT NULL PRIMARY KEY,
    seen_at BIGINT NOT NULL
);

CREATE INDEX IF NOT EXISTS hotline_platform_nonce_seen_at ON hotline_platform_nonce (seen_at);
