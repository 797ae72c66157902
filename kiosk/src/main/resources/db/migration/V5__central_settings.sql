-- What the central platform decides for this kiosk through the sync's downstream streams
-- (docs/sync-protocol.md): the config stream's values, which override the local configuration
-- until a later snapshot drops them, and the mark that the staff roster is the centre's.

CREATE TABLE central_setting (
    key    TEXT PRIMARY KEY,                              -- one of the keys the kiosk takes from the centre
    value  TEXT NOT NULL                                  -- as the snapshot had it (a string)
);

-- One row once a roster.snapshot was applied: from then on the roster is the centre's, and the
-- demo badges are never seeded into it again, not even when the centre's roster is empty.
CREATE TABLE central_roster (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    seq         INTEGER NOT NULL,                         -- the roster stream's item that set it
    applied_at  TEXT    NOT NULL
);
