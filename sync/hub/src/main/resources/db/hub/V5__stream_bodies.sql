-- A body that several kiosks' streams carry alike is kept once: a catalog version goes to every
-- kiosk as the same snapshot, or the same delta for kiosks at the same version, often in
-- parts. Copied into each kiosk's stream, a 10,000-item delta (30 MB) published to 1,000
-- kiosks was 30 GB written in one transaction. An item holds its body itself (the roster, a
-- kiosk's config, an appeal's status, a command) or names a shared one; retention deletes a
-- shared body once no item names it.
CREATE TABLE stream_body (
    id   INTEGER PRIMARY KEY,
    body TEXT    NOT NULL
);

CREATE TABLE stream_item_v5 (
    kiosk_id   TEXT    NOT NULL REFERENCES kiosk (id),
    stream     TEXT    NOT NULL,
    seq        INTEGER NOT NULL,
    kind       TEXT    NOT NULL,
    body       TEXT,
    body_id    INTEGER REFERENCES stream_body (id),
    created_at TEXT    NOT NULL,
    PRIMARY KEY (kiosk_id, stream, seq),
    CHECK ((body IS NULL) <> (body_id IS NULL))
);
INSERT INTO stream_item_v5 (kiosk_id, stream, seq, kind, body, created_at)
    SELECT kiosk_id, stream, seq, kind, body, created_at FROM stream_item;
DROP TABLE stream_item;
ALTER TABLE stream_item_v5 RENAME TO stream_item;

-- The retention job deletes by age (V2), then the shared bodies no item names.
CREATE INDEX stream_item_created ON stream_item (created_at);
CREATE INDEX stream_item_body ON stream_item (body_id);
