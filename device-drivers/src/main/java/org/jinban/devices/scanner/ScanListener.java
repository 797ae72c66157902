package org.jinban.devices.scanner;

/** Receives what a scanner read: a clean code, or a line refused with its reason. */
public interface ScanListener {
    /** A code that passed every check: printable text of a bounded length. */
    void scanned(String code);

    /**
     * A line that was not passed on. {@code reason} says why in plain words and never
     * contains the line itself, which could be anything (a resident's health code, an ID).
     */
    void rejected(String reason);
}
