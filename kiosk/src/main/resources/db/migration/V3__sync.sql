-- Sync with the central platform (docs/sync-protocol.md): the last downstream item applied per
-- stream, stored in the same transaction as the change it applied; the remote commands already
-- executed (a replayed command id is refused).

CREATE TABLE sync_cursor (
    stream  TEXT    PRIMARY KEY,
    seq     INTEGER NOT NULL CHECK (seq >= 0)
);

CREATE TABLE executed_command (
    id           TEXT PRIMARY KEY,
    executed_at  TEXT NOT NULL,
    outcome      TEXT NOT NULL
);
