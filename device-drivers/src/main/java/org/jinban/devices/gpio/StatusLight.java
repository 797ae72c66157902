package org.jinban.devices.gpio;

/** What the status LEDs show; one of them is lit at a time. */
public enum StatusLight {
    READY, BUSY, FAULT, OFF
}
