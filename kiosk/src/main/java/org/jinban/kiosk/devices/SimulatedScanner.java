package org.jinban.kiosk.devices;

import java.nio.charset.StandardCharsets;

import org.jinban.devices.scanner.ScanLineDecoder;
import org.jinban.devices.scanner.ScanListener;

/**
 * A scanner for the demo: what a person "scans" in the simulator panel goes in as the bytes a
 * USB CDC scanner sends (the text and CR LF), through the same {@link ScanLineDecoder}.
 */
final class SimulatedScanner {
    private final ScanLineDecoder decoder;

    SimulatedScanner(int maxLength, ScanListener listener) {
        this.decoder = new ScanLineDecoder(maxLength, listener);
    }

    synchronized void scan(String text) {
        byte[] line = (text + "\r\n").getBytes(StandardCharsets.UTF_8);
        decoder.feed(line, line.length);
    }
}
