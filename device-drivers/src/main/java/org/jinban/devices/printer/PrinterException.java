package org.jinban.devices.printer;

/**
 * The receipt printer's exception family: every failure names the printer (or simulator) it
 * came from, so a log line or a health report says which device misbehaved.
 */
public class PrinterException extends RuntimeException {

    private final String printer;

    public PrinterException(String printer, String message) {
        this(printer, message, null);
    }

    public PrinterException(String printer, String message, Throwable cause) {
        super("printer '" + printer + "': " + message, cause);
        this.printer = printer;
    }

    /** The printer (or simulator) the failure belongs to. */
    public String printer() {
        return printer;
    }
}
