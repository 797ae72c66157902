package org.jinban.provisioning;

/**
 * A command could not do what was asked, with the words a technician reads and the exit code
 * the command ends with (see {@link ProvisionMain}).
 */
public class ProvisionException extends RuntimeException {
    private final int exitCode;

    public ProvisionException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public ProvisionException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
