package org.jinban.provisioning.selftest;

import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;

/**
 * What the steps share: the devices, the person, the settings, the limits, and the test
 * receipt's nonce, which the printer step prints as a QR code and the scanner step expects back.
 *
 * @param wait                 how long a step waits for a person (a scan, a card, a button, an answer)
 * @param blink                how long each LED is lit and the buzzer sounds
 * @param hubTimeout           how long the hub and clock checks wait for the network
 * @param acceptSilentPrinter  a printer that never answers DLE EOT passes (its model cannot report paper out)
 */
final class SelftestContext {
    private static final SecureRandom RANDOM = new SecureRandom();

    enum ReceiptState { NOT_PRINTED, PRINTED, FAILED }

    final Rig rig;
    final Operator operator;
    final PrintWriter out;
    final SelftestSettings settings;
    final Clock clock;
    final Duration wait;
    final Duration blink;
    final Duration hubTimeout;
    final boolean acceptSilentPrinter;
    final HubProbe hub;
    /** A fresh random text per run: a QR code left from an earlier run cannot pass. */
    final String nonce;
    ReceiptState receipt = ReceiptState.NOT_PRINTED;

    SelftestContext(Rig rig, Operator operator, PrintWriter out, SelftestSettings settings, Clock clock,
                    Duration wait, Duration blink, Duration hubTimeout, boolean acceptSilentPrinter, HubProbe hub) {
        this.rig = rig;
        this.operator = operator;
        this.out = out;
        this.settings = settings;
        this.clock = clock;
        this.wait = wait;
        this.blink = blink;
        this.hubTimeout = hubTimeout;
        this.acceptSilentPrinter = acceptSilentPrinter;
        this.hub = hub;
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        this.nonce = "JINBAN-SELFTEST-" + HexFormat.of().withUpperCase().formatHex(bytes);
    }

    /** "30 s", for the prompts. */
    static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    /** A line under the current step's progress line. */
    void note(String text) {
        out.println("      " + text);
        out.flush();
    }
}
