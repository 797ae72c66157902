-- A catalog version too large for one sync frame arrives in parts (docs/sync-protocol.md,
-- "Catalog parts"). Each part is kept here in the transaction that moves the catalog cursor past
-- it, so that a kiosk cut off (or powered off) halfway resumes at the next part; the last part's
-- transaction applies the whole and empties the table. Catalog text only: nothing personal.

CREATE TABLE catalog_part (
    part     INTEGER PRIMARY KEY CHECK (part >= 1),
    kind     TEXT    NOT NULL,
    version  INTEGER NOT NULL CHECK (version >= 1),
    parts    INTEGER NOT NULL CHECK (parts >= part),
    slice    BLOB    NOT NULL
);
