package org.jinban.provisioning.selftest;

import java.util.Objects;

/**
 * How one step ended, in words a technician can act on ("printer status: paper near end").
 * Never a secret or personal data: the detail is printed.
 */
record StepResult(Outcome outcome, String detail) {

    enum Outcome { PASS, FAIL, SKIPPED }

    StepResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
    }

    static StepResult pass(String detail) {
        return new StepResult(Outcome.PASS, detail);
    }

    static StepResult fail(String detail) {
        return new StepResult(Outcome.FAIL, detail);
    }

    static StepResult skipped(String detail) {
        return new StepResult(Outcome.SKIPPED, detail);
    }
}
