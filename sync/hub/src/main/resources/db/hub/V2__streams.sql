-- Every downstream stream, not just appeal-status (docs/sync-protocol.md): what the hub publishes
-- (catalog versions, the roster, each kiosk's central config), so that a kiosk's stream can be
-- rebuilt from seq 1 once retention has deleted its items, and catalog deltas can be made.

-- Each stream's last seq, kept apart from its items: retention may delete every item of a
-- stream, and the next item must still follow the last one the kiosk was sent.
CREATE TABLE stream_head (
    kiosk_id TEXT    NOT NULL REFERENCES kiosk (id),
    stream   TEXT    NOT NULL,
    last_seq INTEGER NOT NULL,
    PRIMARY KEY (kiosk_id, stream)
);
INSERT INTO stream_head (kiosk_id, stream, last_seq)
    SELECT kiosk_id, stream, max(seq) FROM stream_item GROUP BY kiosk_id, stream;

-- The retention job deletes by age.
CREATE INDEX stream_item_created ON stream_item (created_at);

-- Every catalog version published, the whole document as the admin posted it (compact JSON).
CREATE TABLE catalog_version (
    version      INTEGER PRIMARY KEY,
    document     TEXT NOT NULL,
    published_at TEXT NOT NULL
);

-- The catalog version last appended to each kiosk's catalog stream: the next delta is made
-- against it. A version still named here is never deleted.
CREATE TABLE kiosk_catalog (
    kiosk_id TEXT    PRIMARY KEY REFERENCES kiosk (id),
    version  INTEGER NOT NULL REFERENCES catalog_version (version)
);

-- The roster last published, as its roster.snapshot body: PIN hashes only, never a PIN.
CREATE TABLE roster (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    body         TEXT NOT NULL,
    published_at TEXT NOT NULL
);

-- The central config last set for each kiosk, as its config.snapshot body.
CREATE TABLE kiosk_config (
    kiosk_id TEXT PRIMARY KEY REFERENCES kiosk (id),
    body     TEXT NOT NULL,
    set_at   TEXT NOT NULL
);

-- What a rebuilt appeal-status stream tells of each appeal, and the resident's rating.
ALTER TABLE appeal ADD COLUMN reason TEXT;
ALTER TABLE appeal ADD COLUMN reply TEXT;
ALTER TABLE appeal ADD COLUMN rating_level INTEGER;
ALTER TABLE appeal ADD COLUMN follow_up INTEGER NOT NULL DEFAULT 0;
