package org.jinban.sync.hub;

/** Something the hub could not do (its store, its server); the module's one exception family. */
public class HubException extends RuntimeException {
    public HubException(String message) {
        super(message);
    }

    public HubException(String message, Throwable cause) {
        super(message, cause);
    }
}
