-- One-time enrollment codes (docs/sync-protocol.md, "Enrollment codes"). The code itself is
-- never kept: code_hash is PBKDF2-HMAC-SHA256 of its normalised form, so the table alone does
-- not give away a live code. A code names the kiosk it enrolls; the kiosk row is made only
-- when the code is redeemed, in the same transaction that marks the code used.
CREATE TABLE enrollment_code (
    code_hash    TEXT PRIMARY KEY,
    kiosk_id     TEXT NOT NULL,
    station_name TEXT NOT NULL,
    address      TEXT NOT NULL,
    grid_code    TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    used_at      TEXT
);
CREATE INDEX enrollment_code_kiosk ON enrollment_code (kiosk_id);
