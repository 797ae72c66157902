package org.jinban.sync.client;

/**
 * The sync client's one unchecked exception: a bad configuration value, a full send queue.
 * Network trouble is not thrown at the caller — it shows in {@link SyncStatus#lastError()} and
 * the client reconnects by itself.
 */
public class SyncException extends RuntimeException {

    public SyncException(String message) {
        super(message);
    }

    public SyncException(String message, Throwable cause) {
        super(message, cause);
    }
}
