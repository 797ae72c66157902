package org.jinban.kiosk.store;

/** The kiosk's database could not do what was asked; the cause says what SQLite said. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
