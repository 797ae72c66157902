package org.jinban.kiosk.privacy;

/**
 * Personal data could not be protected or read back: the kiosk's secret is unusable, or a
 * ciphertext does not open. The message says what and where, never the data or the secret.
 */
public final class PrivacyException extends RuntimeException {
    public PrivacyException(String message) {
        super(message);
    }

    public PrivacyException(String message, Throwable cause) {
        super(message, cause);
    }
}
