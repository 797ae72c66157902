package org.jinban.provisioning.selftest;

/**
 * One check of the self-test. A step waits at most for the time it announces, says what the
 * person at the kiosk should do in its {@link #prompt}, and reports rather than throws: an
 * exception out of {@link #run} is still taken as a failure of that step only.
 */
interface Step {

    /** The name used by {@code --only}/{@code --skip} and in the table, e.g. {@code printer}. */
    String name();

    /** What the progress line says, e.g. "Scan the QR code on the test receipt … (30 s)". */
    String prompt(SelftestContext context);

    StepResult run(SelftestContext context) throws Exception;
}
