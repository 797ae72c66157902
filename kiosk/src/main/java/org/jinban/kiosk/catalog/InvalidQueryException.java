package org.jinban.kiosk.catalog;

/** A query the search refuses (too long, too many words); the message says why in plain words. */
public final class InvalidQueryException extends RuntimeException {
    public InvalidQueryException(String message) {
        super(message);
    }
}
