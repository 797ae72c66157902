package org.jinban.provisioning.selftest;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * {@code --unattended}: nobody answers questions, so an output counts as working when the driver
 * set it without an error and reads it back as set. The table says so: nobody saw it.
 */
final class UnattendedOperator implements Operator {

    @Override
    public void act(Action action) {
        // nobody to act: a step that waits for a person waits out its time
    }

    @Override
    public Answer confirm(String question, BooleanSupplier driverSays, Duration timeout) {
        return new Answer(driverSays.getAsBoolean(), "set without error; not seen: --unattended");
    }
}
