package org.jinban.devices.printer;

/**
 * ESC/POS bytes that a printer could not make sense of. Thrown by the simulator's parser after
 * it has consumed the whole chunk, so one bad command never hides the commands after it.
 */
public final class MalformedEscPosException extends PrinterException {

    private final int problems;

    public MalformedEscPosException(String printer, String firstProblem, int problems) {
        super(printer, "malformed ESC/POS: " + firstProblem
                + (problems > 1 ? " (and " + (problems - 1) + " more problem(s) in this chunk)" : ""));
        this.problems = problems;
    }

    /** How many malformed sequences the chunk contained. */
    public int problems() {
        return problems;
    }
}
