-- HotlineDispatch: schema and query texts for the Orleans ADO.NET providers on SQLite
-- (grain persistence and reminders; a single SQLite silo uses localhost clustering, so no
-- membership tables). Written from the providers' query contract described in docs/architecture.md.
--
-- OrleansSchema.EnsureAsync runs this file on every start (after switching the database to WAL),
-- so everything must be safe to re-run; the query rows are upserted so that a new build's texts
-- replace the old ones.
--
-- Query texts are SQL string literals here: a quote inside a query text is written twice ('''').
--
-- SQLite runs one writer at a time and each statement below is its own implicit transaction, so
-- every conditional write is a single statement; a follow-up SELECT turns "nothing changed" into
-- the single NULL row the provider reads as a version conflict.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  TEXT NOT NULL PRIMARY KEY,
    QueryText TEXT NOT NULL
);

-- Grain state. grain_type holds the state name from [PersistentState] (that is what the provider
-- passes as GrainTypeString), so state names must be unique across grain classes.
-- SQLite treats NULLs as distinct in unique indexes, so a missing key extension is stored as ''
-- to let the primary key serve as the upsert's conflict target.
CREATE TABLE IF NOT EXISTS orleans_storage
(
    service_id         TEXT    NOT NULL,
    grain_type         TEXT    NOT NULL,
    grain_id_n0        INTEGER NOT NULL,
    grain_id_n1        INTEGER NOT NULL,
    grain_id_extension TEXT    NOT NULL,
    payload            BLOB    NULL,
    version            INTEGER NOT NULL,
    modified_on        TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension)
);

-- Reminders. start_time is the text Microsoft.Data.Sqlite writes for a DateTime (UTC from Orleans).
-- grain_hash keeps the provider's value as-is (a uint cast to a signed int): the provider picks
-- ReadRangeRows1Key or ReadRangeRows2Key by comparing the range ends as signed ints, so the stored
-- hashes must be compared in the same signed order.
CREATE TABLE IF NOT EXISTS orleans_reminders
(
    service_id    TEXT    NOT NULL,
    grain_id      TEXT    NOT NULL,
    reminder_name TEXT    NOT NULL,
    start_time    TEXT    NOT NULL,
    period        INTEGER NOT NULL,
    grain_hash    INTEGER NOT NULL,
    version       INTEGER NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);

CREATE INDEX IF NOT EXISTS orleans_reminders_hash_ix ON orleans_reminders (service_id, grain_hash);

INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES

-- ---------------------------------------------------------------------------------------------
-- Grain persistence
-- ---------------------------------------------------------------------------------------------

('ReadFromStorageKey', '
SELECT payload AS PayloadBinary,
       version AS Version
FROM orleans_storage
WHERE service_id = @ServiceId
  AND grain_type = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND grain_id_extension = IFNULL(@GrainIdExtensionString, '''');
'),

-- One upsert covers both cases. A NULL GrainStateVersion means the grain believes no row exists:
-- the row is inserted with version 1, and an existing row is left alone (the DO UPDATE condition
-- fails). A non-NULL version inserts nothing when the row is gone (EXISTS fails) and otherwise
-- updates only the row still at that version.
('WriteToStorageKey', '
INSERT INTO orleans_storage
    (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension, payload, version)
SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, IFNULL(@GrainIdExtensionString, ''''),
       @PayloadBinary, 1
WHERE @GrainStateVersion IS NULL
   OR EXISTS (SELECT 1 FROM orleans_storage
              WHERE service_id = @ServiceId
                AND grain_type = @GrainTypeString
                AND grain_id_n0 = @GrainIdN0
                AND grain_id_n1 = @GrainIdN1
                AND grain_id_extension = IFNULL(@GrainIdExtensionString, ''''))
ON CONFLICT (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension) DO UPDATE
SET payload = excluded.payload,
    version = orleans_storage.version + 1,
    modified_on = CURRENT_TIMESTAMP
WHERE @GrainStateVersion IS NOT NULL
  AND orleans_storage.version = @GrainStateVersion
RETURNING version AS NewGrainStateVersion;
SELECT NULL AS NewGrainStateVersion WHERE changes() = 0;
'),

-- Clearing keeps the row (payload NULL) so the version keeps counting; same version rules as a write.
('ClearStorageKey', '
INSERT INTO orleans_storage
    (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension, payload, version)
SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, IFNULL(@GrainIdExtensionString, ''''),
       NULL, 1
WHERE @GrainStateVersion IS NULL
   OR EXISTS (SELECT 1 FROM orleans_storage
              WHERE service_id = @ServiceId
                AND grain_type = @GrainTypeString
                AND grain_id_n0 = @GrainIdN0
                AND grain_id_n1 = @GrainIdN1
                AND grain_id_extension = IFNULL(@GrainIdExtensionString, ''''))
ON CONFLICT (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension) DO UPDATE
SET payload = NULL,
    version = orleans_storage.version + 1,
    modified_on = CURRENT_TIMESTAMP
WHERE @GrainStateVersion IS NOT NULL
  AND orleans_storage.version = @GrainStateVersion
RETURNING version AS NewGrainStateVersion;
SELECT NULL AS NewGrainStateVersion WHERE changes() = 0;
'),

-- Used only with DeleteStateOnClear. The provider expects old version + 1 on success. A NULL
-- version with no row is a successful no-op (answers 1, as if a version-0 row had been deleted).
('DeleteStorageKey', '
DELETE FROM orleans_storage
WHERE service_id = @ServiceId
  AND grain_type = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND grain_id_extension = IFNULL(@GrainIdExtensionString, '''')
  AND version = @GrainStateVersion
RETURNING version + 1 AS NewGrainStateVersion;
SELECT CASE WHEN @GrainStateVersion IS NULL AND NOT EXISTS (
           SELECT 1 FROM orleans_storage
           WHERE service_id = @ServiceId
             AND grain_type = @GrainTypeString
             AND grain_id_n0 = @GrainIdN0
             AND grain_id_n1 = @GrainIdN1
             AND grain_id_extension = IFNULL(@GrainIdExtensionString, ''''))
       THEN 1 END AS NewGrainStateVersion
WHERE changes() = 0;
'),

-- ---------------------------------------------------------------------------------------------
-- Reminders
-- ---------------------------------------------------------------------------------------------

('UpsertReminderRowKey', '
INSERT INTO orleans_reminders
    (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
VALUES
    (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
SET start_time = excluded.start_time,
    period = excluded.period,
    grain_hash = excluded.grain_hash,
    version = orleans_reminders.version + 1
RETURNING version AS Version;
'),

('ReadReminderRowsKey', '
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime,
       period AS Period, version AS Version
FROM orleans_reminders
WHERE service_id = @ServiceId
  AND grain_id = @GrainId;
'),

('ReadReminderRowKey', '
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime,
       period AS Period, version AS Version
FROM orleans_reminders
WHERE service_id = @ServiceId
  AND grain_id = @GrainId
  AND reminder_name = @ReminderName;
'),

-- Chosen by the provider when (int)BeginHash < (int)EndHash: a range that does not wrap in signed order.
('ReadRangeRows1Key', '
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime,
       period AS Period, version AS Version
FROM orleans_reminders
WHERE service_id = @ServiceId
  AND grain_hash > @BeginHash
  AND grain_hash <= @EndHash;
'),

-- The wrapping case (also the full ring, where BeginHash = EndHash).
('ReadRangeRows2Key', '
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime,
       period AS Period, version AS Version
FROM orleans_reminders
WHERE service_id = @ServiceId
  AND (grain_hash > @BeginHash OR grain_hash <= @EndHash);
'),

('DeleteReminderRowKey', '
DELETE FROM orleans_reminders
WHERE service_id = @ServiceId
  AND grain_id = @GrainId
  AND reminder_name = @ReminderName
  AND version = @Version;
SELECT changes() AS Deleted;
'),

('DeleteReminderRowsKey', '
DELETE FROM orleans_reminders
WHERE service_id = @ServiceId;
')

ON CONFLICT (QueryKey) DO UPDATE
SET QueryText = excluded.QueryText
WHERE OrleansQuery.QueryText IS NOT excluded.QueryText;
