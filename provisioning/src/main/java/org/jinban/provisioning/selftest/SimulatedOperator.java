package org.jinban.provisioning.selftest;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.jinban.devices.idcard.IdCardSamples;
import org.jinban.devices.printer.PrintedReceipt;
import org.jinban.devices.printer.ReceiptImageRenderer;

/**
 * {@code --simulate-operator}, with simulated devices only: does what a technician would, through
 * the simulators' hooks only. It "scans" what it reads from a picture of the simulated printer's
 * last job (drawn from the bytes the printer received, decoded with ZXing), not the nonce the
 * test knows; it places the fictional sample card, moves in front of the mock presence sensor,
 * presses the mock help button, and looks at the mock output pins to answer questions.
 */
final class SimulatedOperator implements Operator {
    private final Rig.Simulation simulation;
    private final PrintWriter out;

    SimulatedOperator(Rig.Simulation simulation, PrintWriter out) {
        this.simulation = simulation;
        this.out = out;
    }

    @Override
    public void act(Action action) {
        switch (action) {
            case SCAN_TEST_RECEIPT -> {
                if (!scanLastReceipt()) {
                    return; // it said why
                }
            }
            case PLACE_ID_CARD -> simulation.cards().placeCard(IdCardSamples.testSample());
            case CHANGE_PRESENCE -> simulation.panel().simulatePresence(!simulation.present());
            case PRESS_HELP -> simulation.panel().simulateHelpPress();
        }
        say(switch (action) {
            case SCAN_TEST_RECEIPT -> "(simulated operator: scanned the QR code read from the printed receipt's picture)";
            case PLACE_ID_CARD -> "(simulated operator: placed the fictional sample card)";
            case CHANGE_PRESENCE -> "(simulated operator: stepped in front of the sensor)";
            case PRESS_HELP -> "(simulated operator: pressed the help button)";
        });
    }

    /** Whether it scanned something; if not, it said why. */
    private boolean scanLastReceipt() {
        Optional<PrintedReceipt> job = simulation.printer().lastJob();
        if (job.isEmpty()) {
            say("(simulated operator: the simulated printer printed nothing to scan)");
            return false;
        }
        BufferedImage picture = new ReceiptImageRenderer().render(job.get().toReceipt());
        String text = QrImageDecoder.decode(picture);
        if (text == null) {
            say("(simulated operator: no QR code found on the printed receipt)");
            return false;
        }
        simulation.scan(text);
        return true;
    }

    @Override
    public Answer confirm(String question, BooleanSupplier driverSays, Duration timeout) {
        boolean seen = driverSays.getAsBoolean();
        say(question + " " + (seen ? "y" : "n") + " (simulated operator, from the mock pins)");
        return new Answer(seen, "seen on the mock pins by the simulated operator");
    }

    private void say(String text) {
        out.println("      " + text);
        out.flush();
    }
}
