package org.jinban.provisioning.selftest;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The person at the kiosk during the self-test: a technician at the console, nobody
 * ({@code --unattended}), or, with simulated devices only, the {@link SimulatedOperator}.
 */
interface Operator {

    /** What a step waits for a person to do. */
    enum Action { SCAN_TEST_RECEIPT, PLACE_ID_CARD, CHANGE_PRESENCE, PRESS_HELP }

    /** The answer to a question about what the person sees or hears, and who gave it. */
    record Answer(Boolean yes, String by) {
        boolean confirmed() {
            return Boolean.TRUE.equals(yes);
        }

        boolean unanswered() {
            return yes == null;
        }
    }

    /** A step now waits for {@code action}; a console technician has read the prompt, a simulated one acts. */
    void act(Action action);

    /**
     * Asks whether an output did what it should ("Is the green READY LED lit?").
     *
     * @param driverSays what the driver reads back from the output: all that nobody at the
     *                   kiosk can go by, and what a simulated operator sees on the mock pin
     * @return the answer, or an unanswered one after {@code timeout}
     */
    Answer confirm(String question, BooleanSupplier driverSays, Duration timeout);
}
