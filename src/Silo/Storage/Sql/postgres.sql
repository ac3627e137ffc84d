-- HotlineDispatch: schema and query texts for the Orleans ADO.NET providers on PostgreSQL
-- (grain persistence, reminders, clustering). Written from the providers' query contract described in docs/architecture.md.
--
-- OrleansSchema.EnsureAsync runs this file on every start, in one transaction that holds
-- pg_advisory_xact_lock, so two silos starting together against an empty database take turns.
-- Hence: plain statements only (no BEGIN/COMMIT), and everything must be safe to re-run.
--
-- The providers bind every parameter with an explicit DbType (Int32 -> integer, Int64 -> bigint,
-- String/AnsiString -> text, Binary -> bytea, DateTime -> timestamptz for the UTC values Orleans
-- passes); casts below pin the type wherever a parameter appears where PostgreSQL would otherwise
-- have to infer it (IS NULL tests, SELECT lists). Result columns are aliased in double quotes so
-- they carry the exact mixed-case names the providers read.

-- The providers issue the unquoted `SELECT QueryKey, QueryText FROM OrleansQuery`, which
-- PostgreSQL folds to lower case; so this table and its columns must be created unquoted too
-- (quoting them here would make the providers' query fail with "relation does not exist").
CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL,
    QueryText text        NOT NULL,
    CONSTRAINT orleansquery_pk PRIMARY KEY (QueryKey)
);

-- Grain state. grain_type holds the state name from [PersistentState] (that is what the provider
-- passes as GrainTypeString), so state names must be unique across grain classes.
-- A missing key extension is stored as '' so the primary key can serve as the conflict target.
CREATE TABLE IF NOT EXISTS orleans_storage
(
    service_id         text        NOT NULL,
    grain_type         text        NOT NULL,
    grain_id_n0        bigint      NOT NULL,
    grain_id_n1        bigint      NOT NULL,
    grain_id_extension text        NOT NULL,
    payload            bytea       NULL,
    version            integer     NOT NULL,
    modified_on        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT orleans_storage_pk
        PRIMARY KEY (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension)
);

-- Reminders. grain_hash keeps the provider's value as-is (a uint cast to a signed int): the provider
-- picks ReadRangeRows1Key or ReadRangeRows2Key by comparing the range ends as signed ints, so the
-- stored hashes must be compared in the same signed order.
CREATE TABLE IF NOT EXISTS orleans_reminders
(
    service_id    text        NOT NULL,
    grain_id      text        NOT NULL,
    reminder_name text        NOT NULL,
    start_time    timestamptz NOT NULL,
    period        bigint      NOT NULL,
    grain_hash    integer     NOT NULL,
    version       integer     NOT NULL,
    CONSTRAINT orleans_reminders_pk PRIMARY KEY (service_id, grain_id, reminder_name)
);

CREATE INDEX IF NOT EXISTS orleans_reminders_hash_ix ON orleans_reminders (service_id, grain_hash);

-- Cluster membership: one version row per cluster (ClusterId arrives as DeploymentId) that every
-- membership change bumps conditionally, plus one row per silo incarnation.
CREATE TABLE IF NOT EXISTS orleans_membership_version
(
    deployment_id text        NOT NULL,
    updated_at    timestamptz NOT NULL DEFAULT now(),
    version       integer     NOT NULL DEFAULT 0,
    CONSTRAINT orleans_membership_version_pk PRIMARY KEY (deployment_id)
);

CREATE TABLE IF NOT EXISTS orleans_membership
(
    deployment_id   text        NOT NULL,
    address         text        NOT NULL,
    port            integer     NOT NULL,
    generation      integer     NOT NULL,
    silo_name       text        NOT NULL,
    host_name       text        NOT NULL,
    status          integer     NOT NULL,
    proxy_port      integer     NOT NULL,
    suspect_times   text        NULL,
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    CONSTRAINT orleans_membership_pk PRIMARY KEY (deployment_id, address, port, generation)
);

INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES

-- ---------------------------------------------------------------------------------------------
-- Grain persistence
-- ---------------------------------------------------------------------------------------------

('ReadFromStorageKey', $q$
SELECT s.payload AS "PayloadBinary",
       s.version AS "Version"
FROM orleans_storage AS s
WHERE s.service_id = @ServiceId
  AND s.grain_type = @GrainTypeString
  AND s.grain_id_n0 = @GrainIdN0
  AND s.grain_id_n1 = @GrainIdN1
  AND s.grain_id_extension = COALESCE(CAST(@GrainIdExtensionString AS text), '')
$q$),

-- A NULL GrainStateVersion means the grain believes no row exists: insert version 1 unless a row
-- appeared meanwhile. Otherwise update only the row still at that version. The outer SELECT always
-- yields exactly one row; NULL there is what the provider turns into InconsistentStateException.
('WriteToStorageKey', $q$
WITH inserted AS (
    INSERT INTO orleans_storage
        (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension, payload, version)
    SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1,
           COALESCE(CAST(@GrainIdExtensionString AS text), ''), CAST(@PayloadBinary AS bytea), 1
    WHERE CAST(@GrainStateVersion AS integer) IS NULL
    ON CONFLICT ON CONSTRAINT orleans_storage_pk DO NOTHING
    RETURNING version
), updated AS (
    UPDATE orleans_storage AS s
    SET payload = CAST(@PayloadBinary AS bytea),
        version = s.version + 1,
        modified_on = now()
    WHERE s.service_id = @ServiceId
      AND s.grain_type = @GrainTypeString
      AND s.grain_id_n0 = @GrainIdN0
      AND s.grain_id_n1 = @GrainIdN1
      AND s.grain_id_extension = COALESCE(CAST(@GrainIdExtensionString AS text), '')
      AND s.version = CAST(@GrainStateVersion AS integer)
    RETURNING s.version
)
SELECT (SELECT version FROM inserted UNION ALL SELECT version FROM updated) AS "NewGrainStateVersion"
$q$),

-- Clearing keeps the row (payload NULL) so the version keeps counting; same version rules as a write.
('ClearStorageKey', $q$
WITH inserted AS (
    INSERT INTO orleans_storage
        (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension, payload, version)
    SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1,
           COALESCE(CAST(@GrainIdExtensionString AS text), ''), NULL, 1
    WHERE CAST(@GrainStateVersion AS integer) IS NULL
    ON CONFLICT ON CONSTRAINT orleans_storage_pk DO NOTHING
    RETURNING version
), updated AS (
    UPDATE orleans_storage AS s
    SET payload = NULL,
        version = s.version + 1,
        modified_on = now()
    WHERE s.service_id = @ServiceId
      AND s.grain_type = @GrainTypeString
      AND s.grain_id_n0 = @GrainIdN0
      AND s.grain_id_n1 = @GrainIdN1
      AND s.grain_id_extension = COALESCE(CAST(@GrainIdExtensionString AS text), '')
      AND s.version = CAST(@GrainStateVersion AS integer)
    RETURNING s.version
)
SELECT (SELECT version FROM inserted UNION ALL SELECT version FROM updated) AS "NewGrainStateVersion"
$q$),

-- Used only with DeleteStateOnClear. The provider expects old version + 1 on success. A NULL
-- version with no row is a successful no-op (answers 1, as if a version-0 row had been deleted).
('DeleteStorageKey', $q$
WITH deleted AS (
    DELETE FROM orleans_storage AS s
    WHERE s.service_id = @ServiceId
      AND s.grain_type = @GrainTypeString
      AND s.grain_id_n0 = @GrainIdN0
      AND s.grain_id_n1 = @GrainIdN1
      AND s.grain_id_extension = COALESCE(CAST(@GrainIdExtensionString AS text), '')
      AND s.version = CAST(@GrainStateVersion AS integer)
    RETURNING s.version
)
SELECT COALESCE(
    (SELECT version + 1 FROM deleted),
    CASE WHEN CAST(@GrainStateVersion AS integer) IS NULL AND NOT EXISTS (
        SELECT 1 FROM orleans_storage AS s
        WHERE s.service_id = @ServiceId
          AND s.grain_type = @GrainTypeString
          AND s.grain_id_n0 = @GrainIdN0
          AND s.grain_id_n1 = @GrainIdN1
          AND s.grain_id_extension = COALESCE(CAST(@GrainIdExtensionString AS text), ''))
    THEN 1 END) AS "NewGrainStateVersion"
$q$),

-- ---------------------------------------------------------------------------------------------
-- Reminders
-- ---------------------------------------------------------------------------------------------

-- Period arrives as integer or bigint depending on its size; the bigint column takes both.
('UpsertReminderRowKey', $q$
INSERT INTO orleans_reminders AS r
    (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
VALUES
    (@ServiceId, @GrainId, @ReminderName, CAST(@StartTime AS timestamptz), CAST(@Period AS bigint),
     CAST(@GrainHash AS integer), 0)
ON CONFLICT ON CONSTRAINT orleans_reminders_pk DO UPDATE
SET start_time = EXCLUDED.start_time,
    period = EXCLUDED.period,
    grain_hash = EXCLUDED.grain_hash,
    version = r.version + 1
RETURNING r.version AS "Version"
$q$),

('ReadReminderRowsKey', $q$
SELECT r.grain_id AS "GrainId", r.reminder_name AS "ReminderName", r.start_time AS "StartTime",
       r.period AS "Period", r.version AS "Version"
FROM orleans_reminders AS r
WHERE r.service_id = @ServiceId
  AND r.grain_id = @GrainId
$q$),

('ReadReminderRowKey', $q$
SELECT r.grain_id AS "GrainId", r.reminder_name AS "ReminderName", r.start_time AS "StartTime",
       r.period AS "Period", r.version AS "Version"
FROM orleans_reminders AS r
WHERE r.service_id = @ServiceId
  AND r.grain_id = @GrainId
  AND r.reminder_name = @ReminderName
$q$),

-- Chosen by the provider when (int)BeginHash < (int)EndHash: a range that does not wrap in signed order.
('ReadRangeRows1Key', $q$
SELECT r.grain_id AS "GrainId", r.reminder_name AS "ReminderName", r.start_time AS "StartTime",
       r.period AS "Period", r.version AS "Version"
FROM orleans_reminders AS r
WHERE r.service_id = @ServiceId
  AND r.grain_hash > CAST(@BeginHash AS integer)
  AND r.grain_hash <= CAST(@EndHash AS integer)
$q$),

-- The wrapping case (also the full ring, where BeginHash = EndHash).
('ReadRangeRows2Key', $q$
SELECT r.grain_id AS "GrainId", r.reminder_name AS "ReminderName", r.start_time AS "StartTime",
       r.period AS "Period", r.version AS "Version"
FROM orleans_reminders AS r
WHERE r.service_id = @ServiceId
  AND (r.grain_hash > CAST(@BeginHash AS integer) OR r.grain_hash <= CAST(@EndHash AS integer))
$q$),

('DeleteReminderRowKey', $q$
WITH deleted AS (
    DELETE FROM orleans_reminders AS r
    WHERE r.service_id = @ServiceId
      AND r.grain_id = @GrainId
      AND r.reminder_name = @ReminderName
      AND r.version = CAST(@Version AS integer)
    RETURNING 1
)
SELECT count(*) AS "Deleted" FROM deleted
$q$),

('DeleteReminderRowsKey', $q$
DELETE FROM orleans_reminders
WHERE service_id = @ServiceId
$q$),

-- ---------------------------------------------------------------------------------------------
-- Clustering
-- ---------------------------------------------------------------------------------------------

('InsertMembershipVersionKey', $q$
WITH inserted AS (
    INSERT INTO orleans_membership_version (deployment_id, updated_at, version)
    VALUES (@DeploymentId, now(), 0)
    ON CONFLICT ON CONSTRAINT orleans_membership_version_pk DO NOTHING
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM inserted) AS "Inserted"
$q$),

-- At least one row even without members (the provider takes the table version from row 0);
-- a NULL StartTime tells the provider that row carries no member.
('MembershipReadAllKey', $q$
SELECT v.version AS "Version",
       m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
       m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status",
       m.proxy_port AS "ProxyPort", m.suspect_times AS "SuspectTimes",
       m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime"
FROM orleans_membership_version AS v
LEFT JOIN orleans_membership AS m ON m.deployment_id = v.deployment_id
WHERE v.deployment_id = @DeploymentId
$q$),

('MembershipReadRowKey', $q$
SELECT v.version AS "Version",
       m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
       m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status",
       m.proxy_port AS "ProxyPort", m.suspect_times AS "SuspectTimes",
       m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime"
FROM orleans_membership_version AS v
LEFT JOIN orleans_membership AS m
       ON m.deployment_id = v.deployment_id
      AND m.address = @Address
      AND m.port = CAST(@Port AS integer)
      AND m.generation = CAST(@Generation AS integer)
WHERE v.deployment_id = @DeploymentId
$q$),

-- Member insert and version bump must happen together or not at all. The version row is locked
-- first (FOR UPDATE re-checks the version after waiting, so a concurrent winner makes this one
-- match nothing); the insert feeds the bump, so a duplicate member bumps nothing either.
('InsertMembershipKey', $q$
WITH expected AS (
    SELECT v.deployment_id
    FROM orleans_membership_version AS v
    WHERE v.deployment_id = @DeploymentId
      AND v.version = CAST(@Version AS integer)
    FOR UPDATE
), inserted AS (
    INSERT INTO orleans_membership
        (deployment_id, address, port, generation, silo_name, host_name, status, proxy_port,
         suspect_times, start_time, i_am_alive_time)
    SELECT e.deployment_id, @Address, CAST(@Port AS integer), CAST(@Generation AS integer),
           @SiloName, @HostName, CAST(@Status AS integer), CAST(@ProxyPort AS integer),
           NULL, CAST(@StartTime AS timestamptz), CAST(@IAmAliveTime AS timestamptz)
    FROM expected AS e
    ON CONFLICT ON CONSTRAINT orleans_membership_pk DO NOTHING
    RETURNING deployment_id
), bumped AS (
    UPDATE orleans_membership_version AS v
    SET version = v.version + 1,
        updated_at = now()
    FROM inserted AS i
    WHERE v.deployment_id = i.deployment_id
    RETURNING v.version
)
SELECT EXISTS (SELECT 1 FROM bumped) AS "Succeeded"
$q$),

-- Same all-or-nothing shape as InsertMembershipKey.
('UpdateMembershipKey', $q$
WITH expected AS (
    SELECT v.deployment_id
    FROM orleans_membership_version AS v
    WHERE v.deployment_id = @DeploymentId
      AND v.version = CAST(@Version AS integer)
    FOR UPDATE
), updated AS (
    UPDATE orleans_membership AS m
    SET status = CAST(@Status AS integer),
        suspect_times = CAST(@SuspectTimes AS text),
        i_am_alive_time = CAST(@IAmAliveTime AS timestamptz)
    FROM expected AS e
    WHERE m.deployment_id = e.deployment_id
      AND m.address = @Address
      AND m.port = CAST(@Port AS integer)
      AND m.generation = CAST(@Generation AS integer)
    RETURNING m.deployment_id
), bumped AS (
    UPDATE orleans_membership_version AS v
    SET version = v.version + 1,
        updated_at = now()
    FROM updated AS u
    WHERE v.deployment_id = u.deployment_id
    RETURNING v.version
)
SELECT EXISTS (SELECT 1 FROM bumped) AS "Succeeded"
$q$),

-- Liveness heartbeat: deliberately leaves the table version alone.
('UpdateIAmAlivetimeKey', $q$
UPDATE orleans_membership
SET i_am_alive_time = CAST(@IAmAliveTime AS timestamptz)
WHERE deployment_id = @DeploymentId
  AND address = @Address
  AND port = CAST(@Port AS integer)
  AND generation = CAST(@Generation AS integer)
$q$),

('GatewaysQueryKey', $q$
SELECT m.address AS "Address", m.proxy_port AS "ProxyPort", m.generation AS "Generation"
FROM orleans_membership AS m
WHERE m.deployment_id = @DeploymentId
  AND m.status = CAST(@Status AS integer)
  AND m.proxy_port > 0
$q$),

('DeleteMembershipTableEntriesKey', $q$
WITH members AS (
    DELETE FROM orleans_membership
    WHERE deployment_id = @DeploymentId
)
DELETE FROM orleans_membership_version
WHERE deployment_id = @DeploymentId
$q$),

-- Only silos already declared Dead (6) are removed: deleting a row of a silo that is not yet
-- known dead would hide it from the others' failure detection.
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM orleans_membership
WHERE deployment_id = @DeploymentId
  AND i_am_alive_time < CAST(@IAmAliveTime AS timestamptz)
  AND status = 6
$q$)

ON CONFLICT ON CONSTRAINT orleansquery_pk DO UPDATE
SET QueryText = EXCLUDED.QueryText
WHERE OrleansQuery.QueryText IS DISTINCT FROM EXCLUDED.QueryText;
