package org.jinban.sync.client;

/**
 * The kiosk's side of the downstream streams ({@code appeal-status}, {@code catalog},
 * {@code roster}, {@code config}, {@code command}). The client checks sequence order and
 * answers the hub; what an item means is entirely the kiosk's. Called on the sync client's own
 * thread, one call at a time.
 */
public interface StreamHandler {

    /** The last sequence applied on {@code stream}, 0 if none. */
    long cursor(String stream);

    /**
     * Applies item {@code seq} and stores {@code seq} as the stream's cursor <em>in the same
     * transaction</em>, so a crash never leaves one without the other.
     *
     * @throws RuntimeException to say the item cannot be applied (the transaction rolled back);
     *                          the client then calls {@link #skip}
     */
    void apply(String stream, long seq, String kind, String bodyJson);

    /**
     * Moves the cursor past an item that could not be applied, so one bad item never stops a
     * stream (docs/sync-protocol.md, Downstream). The kiosk should audit it; {@code reason} names
     * the failure without personal data.
     */
    void skip(String stream, long seq, String kind, String reason);

    /**
     * The hub no longer holds this stream's cursor: drop the stream's local state and set its
     * cursor to 0; the hub then sends a full snapshot from sequence 1.
     */
    void resync(String stream);
}
