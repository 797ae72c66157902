package org.jinban.devices.gpio;

/** What the panel's inputs report, each once per real change. */
public interface PanelListener {
    /** Someone came to the kiosk ({@code true}) or left ({@code false}). */
    void presence(boolean present);

    /** The help button was pressed: call staff. */
    void helpPressed();
}
