-- Appeals (诉求), their outbox for the central platform, staff and the audit log.
--
-- Personal data never sits here in clear: names and phone numbers are AES-GCM ciphertexts
-- (the `*_enc` columns, key derived from the kiosk's secret), the ID number only as an HMAC
-- keyed by the same secret (`id_hmac`), for lookup. `purged_at` marks rows whose personal
-- fields were removed after the central platform acknowledged them and the retention passed.

CREATE TABLE appeal (
    id               TEXT    PRIMARY KEY,                 -- client-generated UUID (sync id)
    tracking_no      TEXT    NOT NULL UNIQUE,
    verifier_hash    TEXT    NOT NULL,                    -- SHA-256 hex of the receipt QR's verifier
    verifier_enc     BLOB    NOT NULL,                    -- the verifier itself, for a staff reprint
    category_code    TEXT    NOT NULL,
    description_enc  BLOB,                                -- free text may name people: encrypted too
    place_enc        BLOB,                                -- NULL: the station's grid
    name_enc         BLOB,
    phone_enc        BLOB,
    id_hmac          TEXT,                                -- NULL: anonymous
    grid_code        TEXT    NOT NULL,
    status           TEXT    NOT NULL CHECK (status IN
                         ('SUBMITTED','RECEIVED','DISPATCHED','IN_PROGRESS','RESOLVED','CLOSED','REJECTED')),
    handling_level   TEXT,
    department       TEXT,
    filed_at         TEXT    NOT NULL,                    -- ISO 8601 instant
    due_at           TEXT    NOT NULL,
    proxy_staff_id   TEXT,                                -- 帮办代办: the staff member who filed it
    receipt_state    TEXT    NOT NULL CHECK (receipt_state IN ('PRINTING','PRINTED','OWED')),
    receipt_reason   TEXT,
    acknowledged_at  TEXT,                                -- the central platform has it
    purged_at        TEXT,
    lang             TEXT    NOT NULL
);
CREATE INDEX appeal_id_hmac ON appeal (id_hmac) WHERE id_hmac IS NOT NULL;
CREATE INDEX appeal_status ON appeal (status, due_at);
CREATE INDEX appeal_purge ON appeal (acknowledged_at) WHERE purged_at IS NULL;

-- One row per status an appeal has been in, in the order they happened.
CREATE TABLE appeal_event (
    appeal_id       TEXT    NOT NULL REFERENCES appeal (id),
    seq             INTEGER NOT NULL,
    status          TEXT    NOT NULL,
    at              TEXT    NOT NULL,
    handling_level  TEXT,
    department      TEXT,
    reason          TEXT,                                 -- REJECTED: why
    reply           TEXT,                                 -- what the handling department answered
    PRIMARY KEY (appeal_id, seq)
);

CREATE TABLE appeal_rating (
    appeal_id    TEXT PRIMARY KEY REFERENCES appeal (id),
    level        TEXT NOT NULL CHECK (level IN
                     ('VERY_SATISFIED','SATISFIED','BASICALLY_SATISFIED','DISSATISFIED','VERY_DISSATISFIED')),
    reason_enc   BLOB,
    follow_up    INTEGER NOT NULL,
    rated_at     TEXT NOT NULL
);

-- Tracking numbers: one sequence per kiosk and day, taken in the filing transaction.
CREATE TABLE tracking_sequence (
    day   TEXT    PRIMARY KEY,                            -- yyMMdd, kiosk local date
    last  INTEGER NOT NULL
);

-- What the central platform has not yet acknowledged, in the order it was written. The sync
-- client (issue 5) reads it; `personal_enc` carries the personal fields, encrypted.
CREATE TABLE outbox (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    id            TEXT    NOT NULL UNIQUE,                -- UUID of the message
    kind          TEXT    NOT NULL,                       -- appeal.filed, appeal.rated, audit.appended
    aggregate_id  TEXT    NOT NULL,                       -- the appeal's id, or the audit record's
    payload       TEXT    NOT NULL,                       -- JSON, nothing personal in it
    personal_enc  BLOB,
    created_at    TEXT    NOT NULL,
    state         TEXT    NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING','ACKED','FAILED')),
    attempts      INTEGER NOT NULL DEFAULT 0,
    last_error    TEXT
);
CREATE INDEX outbox_pending ON outbox (state, seq);

CREATE TABLE staff (
    id             TEXT    PRIMARY KEY,                   -- staff id, also on the badge QR
    name_enc       BLOB    NOT NULL,
    pin_hash       TEXT    NOT NULL,                      -- pbkdf2-sha256$iterations$salt$hash
    active         INTEGER NOT NULL DEFAULT 1,
    failed_logins  INTEGER NOT NULL DEFAULT 0,
    locked_until   TEXT
);

-- Append-only, hash-chained: hash = SHA-256(prev_hash | seq | at | actor | action | subject | detail).
-- A removed or edited row breaks the chain; the triggers refuse edits through SQL as well.
CREATE TABLE audit_log (
    seq        INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,                             -- staff:<id>, resident, kiosk, central
    action     TEXT NOT NULL,
    subject    TEXT,                                      -- e.g. a tracking number; never personal data
    detail     TEXT NOT NULL,                             -- JSON, never personal data
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
