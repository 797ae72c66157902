-- The Ed25519 public key a kiosk made for itself and sent when it redeemed its enrollment code
-- (base64 of its X.509 encoding; docs/sync-protocol.md, "Enrollment codes"). NULL for a kiosk
-- enrolled by the admin API or by a code without a key.
ALTER TABLE kiosk ADD COLUMN public_key TEXT;
