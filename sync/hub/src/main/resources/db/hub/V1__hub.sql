-- The reference hub's own database. Separate location from the kiosk's db/migration so that
-- neither module's Flyway ever sees the other's scripts on a shared classpath.

CREATE TABLE kiosk (
    id                    TEXT PRIMARY KEY,
    credential_hash       TEXT NOT NULL,          -- SHA-256 hex of the credential; the credential itself is never kept
    enrolled_at           TEXT NOT NULL,
    revoked_at            TEXT,
    last_contact_at       TEXT,
    queue                 INTEGER,                -- the kiosk's last reported outbox figures
    oldest_unsent_seconds INTEGER
);

-- Every record a kiosk pushed, once by its id (a repeat is acked again, never stored twice).
CREATE TABLE received_record (
    id           TEXT PRIMARY KEY,
    kiosk_id     TEXT NOT NULL REFERENCES kiosk (id),
    kind         TEXT NOT NULL,
    aggregate_id TEXT,
    created_at   TEXT NOT NULL,
    payload      TEXT NOT NULL,
    personal     TEXT,
    received_at  TEXT NOT NULL
);
CREATE INDEX received_record_aggregate ON received_record (aggregate_id);

CREATE TABLE appeal (
    id             TEXT PRIMARY KEY,
    tracking_no    TEXT NOT NULL UNIQUE,
    kiosk_id       TEXT NOT NULL REFERENCES kiosk (id),
    category       TEXT NOT NULL,
    due_at         TEXT NOT NULL,
    status         TEXT NOT NULL,
    handling_level TEXT,
    department     TEXT,
    received_at    TEXT NOT NULL
);

-- Downstream items per kiosk and stream; seq is assigned inside the writing transaction as
-- max + 1, so it has no gaps.
CREATE TABLE stream_item (
    kiosk_id   TEXT    NOT NULL REFERENCES kiosk (id),
    stream     TEXT    NOT NULL,
    seq        INTEGER NOT NULL,
    kind       TEXT    NOT NULL,
    body       TEXT    NOT NULL,
    created_at TEXT    NOT NULL,
    PRIMARY KEY (kiosk_id, stream, seq)
);

-- The last seq each kiosk said it applied, per stream.
CREATE TABLE kiosk_cursor (
    kiosk_id   TEXT    NOT NULL REFERENCES kiosk (id),
    stream     TEXT    NOT NULL,
    seq        INTEGER NOT NULL,
    updated_at TEXT    NOT NULL,
    PRIMARY KEY (kiosk_id, stream)
);
